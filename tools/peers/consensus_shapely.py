"""Independent exact consensus of resident drawings with shapely 2 (GEOS), the peer of
`nbhd consensus` (issue 14).

One global arrangement: every usable drawing's boundary noded together (a unary union of the
linework), polygonized into faces, and each face given, per neighbourhood, the number of that
neighbourhood's drawings covering a point on its surface (an STRtree query). Areas are in the
local Lambert azimuthal equal-area projection nbhd chooses (centre of the usable drawings'
lon/lat box, rounded to 1e-4 degrees). Prints the figures, and with --bands a CSV of band
areas per neighbourhood and level.

usage: consensus_shapely.py DRAWINGS [--name-field neighborhood] [--levels 0.25,0.5,0.75]
       [--min-drawings 3] [--map-level 0.5] [--bands OUT.csv]
"""

import argparse
import json
import sys
import time
from fractions import Fraction

import numpy as np
import shapely
from pyproj import Transformer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("drawings")
    parser.add_argument("--name-field", default="neighborhood")
    parser.add_argument("--levels", default="0.25,0.5,0.75")
    parser.add_argument("--min-drawings", type=int, default=3)
    parser.add_argument("--map-level", default="0.5")
    parser.add_argument("--bands")
    args = parser.parse_args()
    levels = [Fraction(text) for text in args.levels.split(",")]
    map_level = Fraction(args.map_level)
    clock = time.perf_counter()

    def lap(stage):
        nonlocal clock
        now = time.perf_counter()
        print(f"timing: {stage} {1000 * (now - clock):.0f} ms", file=sys.stderr)
        clock = now

    with open(args.drawings, encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    # A ring of fewer than 4 positions cannot be a polygon: excluded, like nbhd.
    parsed, excluded = [], {}
    for index, feature in enumerate(features):
        geometry = feature.get("geometry")
        name = (feature.get("properties") or {}).get(args.name_field)
        if not geometry or geometry["type"] not in ("Polygon", "MultiPolygon"):
            excluded[index] = "not a polygon"
            continue
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        if any(len(ring) < 4 for polygon in polygons for ring in polygon):
            excluded[index] = "ring of fewer than 4 positions"
            continue
        parsed.append((index, name, polygons))
    xs = [x for _, _, ps in parsed for p in ps for r in p for x, _ in r]
    ys = [y for _, _, ps in parsed for p in ps for r in p for _, y in r]
    lon = round((min(xs) + max(xs)) / 2 * 10000) / 10000
    lat = round((min(ys) + max(ys)) / 2 * 10000) / 10000
    laea = f"+proj=laea +lat_0={lat:g} +lon_0={lon:g} +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
    to_laea = Transformer.from_crs("OGC:CRS84", laea, always_xy=True)

    drawings, names = [], []
    for index, name, polygons in parsed:
        projected = []
        for polygon in polygons:
            rings = []
            for ring in polygon:
                x, y = to_laea.transform([c[0] for c in ring], [c[1] for c in ring])
                rings.append(list(zip(x, y)))
            projected.append(shapely.Polygon(rings[0], rings[1:]))
        geometry = projected[0] if len(projected) == 1 else shapely.MultiPolygon(projected)
        if not geometry.is_valid:
            fixed = shapely.make_valid(geometry)
            parts = [g for g in shapely.get_parts(fixed) if g.geom_type in ("Polygon", "MultiPolygon")]
            geometry = shapely.union_all(parts) if parts else shapely.Polygon()
        if geometry.is_empty or geometry.area == 0:
            excluded[index] = "zero area after repair"
            continue
        if name in (None, ""):
            excluded[index] = "no neighbourhood name"
            continue
        drawings.append(geometry)
        names.append(name)
    lap("read, project, repair")

    drawings = np.array(drawings, dtype=object)
    hood_names = sorted(set(names), key=lambda s: s.encode("utf-8"))
    hood_of = {name: i for i, name in enumerate(hood_names)}
    hood = np.array([hood_of[name] for name in names])
    used = np.bincount(hood, minlength=len(hood_names))

    linework = shapely.union_all(shapely.boundary(drawings))
    lap("node")
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(linework)))
    lap(f"polygonize ({len(faces)} faces)")
    points = shapely.point_on_surface(faces)
    areas = shapely.area(faces)
    tree = shapely.STRtree(drawings)
    count = np.zeros((len(faces), len(hood_names)), dtype=np.int32)
    tests = 0
    for start in range(0, len(points), 20000):
        chunk = points[start:start + 20000]
        face, drawing = tree.query(chunk, predicate="intersects")
        tests += len(face)
        np.add.at(count, (face + start, hood[drawing]), 1)
    lap(f"count ({tests} face-in-drawing hits)")

    # Band areas per neighbourhood and level: count * q >= p * n.
    rows = []
    for h, name in enumerate(hood_names):
        n = int(used[h])
        column = count[:, h]
        rows.append((name, "union", float(areas[column > 0].sum())))
        for level in levels:
            inside = (column * level.denominator >= level.numerator * n) & (column > 0)
            rows.append((name, str(level_text(level)), float(areas[inside].sum())))
    if args.bands:
        with open(args.bands, "w", encoding="utf-8") as handle:
            handle.write("name,level,area_m2\n")
            for name, level, area in rows:
                handle.write(f"{name},{level},{area:.4f}\n")

    # The map over neighbourhoods with enough drawings: agreement >= map level.
    eligible = used >= args.min_drawings
    sub = count[:, eligible].astype(np.int64)
    n = used[eligible].astype(np.int64)
    reaching = (sub * map_level.denominator >= map_level.numerator * n) & (sub > 0)
    reach_count = reaching.sum(axis=1)
    any_drawing = (sub > 0).any(axis=1)
    claimed = float(areas[reach_count >= 1].sum())
    contested = float(areas[reach_count >= 2].sum())
    unclaimed = float(areas[any_drawing & (reach_count == 0)].sum())
    lap("bands and map")

    band = {(name, level): area for name, level, area in rows}
    reasons = {}
    for why in excluded.values():
        reasons[why] = reasons.get(why, 0) + 1
    print(f"drawings_in {len(features)}")
    print(f"drawings_used {len(drawings)}")
    print(f"drawings_excluded {len(excluded)} {json.dumps(reasons, sort_keys=True)}")
    print(f"neighbourhoods {len(hood_names)} mapped {int(eligible.sum())}")
    print(f"faces {len(faces)}")
    print(f"claimed_m2 {claimed:.1f}")
    print(f"contested_m2 {contested:.1f}")
    print(f"unclaimed_m2 {unclaimed:.1f}")
    for name in ("wicker-park", "bucktown", "hyde-park"):
        if (name, "0.5") in band:
            print(f"core {name} {band[(name, '0.5')]:.1f}")
    if ("pilsen", "0.25") in band:
        print(f"band pilsen 0.25 {band[('pilsen', '0.25')]:.1f}")


def level_text(level):
    """0.25 for Fraction(1, 4): the decimal the level was given as."""
    text = f"{float(level):.10f}".rstrip("0").rstrip(".")
    return text


if __name__ == "__main__":
    main()
