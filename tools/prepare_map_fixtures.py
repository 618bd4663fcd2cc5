#!/usr/bin/env python3
"""Reproject the real sample layers the Maps module renders into EPSG:27700 (metres).

The project's own GeoJSON reader and PROJ wrapper are written elsewhere; until they land, the
Maps tests and sample renders read already-projected GeoJSON written by this script.

Coordinates are rounded to the centimetre. Rounding is a pure function of the input pair, so two
polygons that share an exact lon/lat vertex still share an exact projected vertex, which is what
the renderer's arc topology relies on.

Usage:
  /work/venv/bin/python tools/prepare_map_fixtures.py [--data /work/shared/data] [--out /tmp/nbhd-maps]
Writes the big sample inputs under --out (never into git) and the small test fixture under
Tests/Fixtures/maps/.
"""
import argparse
import json
import os
import sys

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import mapping, shape

TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
CRS_MEMBER = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}}


def project(geometry):
    def transform(coords):
        xs, ys = TO_BNG.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([xs, ys]).round(2)

    return shapely.transform(geometry, transform)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write(path, features, name):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    doc = {"type": "FeatureCollection", "name": name, "crs": CRS_MEMBER, "features": features}
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
    os.replace(tmp, path)
    print(f"{path}: {len(features)} features, {os.path.getsize(path):,} bytes")


def projected_features(path, keep=None):
    out = []
    for feature in load(path)["features"]:
        if feature.get("geometry") is None:
            continue
        props = feature.get("properties") or {}
        if keep is not None:
            props = {k: props.get(k) for k in keep}
        geometry = project(shape(feature["geometry"]))
        out.append({"type": "Feature", "properties": props, "geometry": mapping(geometry)})
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/work/shared/data")
    parser.add_argument("--out", default="/tmp/nbhd-maps")
    parser.add_argument("--fixtures", default=os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "maps"))
    args = parser.parse_args()
    d, out = args.data, args.out

    # (1) Trafford wards and localities, full resolution.
    wards = projected_features(f"{d}/trafford/wards23_full.geojson", ["area_code", "area_name"])
    write(f"{out}/trafford_wards23_full_27700.geojson", wards, "trafford_wards23_full")
    write(f"{out}/trafford_localities23_full_27700.geojson",
          projected_features(f"{d}/trafford/localities23_full.geojson", ["area_name"]), "trafford_localities23_full")

    # Test fixture: the wards of one locality (neighbours that share exact vertices), small.
    fixture_names = {"Altrincham", "Bowdon", "Hale", "Hale Barns & Timperley South", "Broadheath"}
    fixture = [f for f in wards if f["properties"]["area_name"] in fixture_names]
    if len(fixture) < 3:
        sys.exit(f"fixture wards not found: {[f['properties']['area_name'] for f in wards]}")
    write(os.path.normpath(f"{args.fixtures}/trafford_wards23_south_27700.geojson"), fixture,
          "trafford_wards23_full_south_extract")

    # (2) National LSOA21 with residents (density computed by the renderer's caller).
    write(f"{out}/lsoa21_england_27700.geojson",
          projected_features(f"{d}/national/lsoa21_england_bsc_pop2021.geojson",
                             ["lsoa21_code", "lsoa21_name", "usual_residents_2021"]), "lsoa21_england")

    # (3) SSOT PCN catchments, wards, GP practices.
    pcns = projected_features(f"{d}/ssot/pcn_catchments_majority_lsoa21_2025-10.geojson",
                              ["pcn_code", "pcn_name", "n_lsoa21"])
    write(f"{out}/ssot_pcn_catchments_27700.geojson", pcns, "ssot_pcn_catchments")
    write(f"{out}/ssot_wards22_27700.geojson",
          projected_features(f"{d}/ssot/wards22.geojson", ["ward22_code", "ward22_name"]), "ssot_wards22")
    practices = projected_features(f"{d}/ssot/gp_practices_2025-10.geojson",
                                   ["practice_code", "practice_name", "pcn_code", "pcn_name"])
    # Category: does the practice sit inside its own PCN's catchment? (a question planners ask)
    catchment = {f["properties"]["pcn_code"]: shape(f["geometry"]) for f in pcns}
    for p in practices:
        area = catchment.get(p["properties"]["pcn_code"])
        point = shape(p["geometry"])
        if area is None:
            category = "PCN has no catchment here"
        elif area.covers(point):
            category = "Inside its PCN's catchment"
        else:
            category = "Outside its PCN's catchment"
        p["properties"]["category"] = category
    write(f"{out}/ssot_gp_practices_27700.geojson", practices, "ssot_gp_practices")


if __name__ == "__main__":
    main()
