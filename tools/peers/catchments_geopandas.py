"""Peer: PCN catchments from registrations the obvious geopandas way, independent of nbhd:
majority and footprint 0.8 memberships, dissolved per PCN, and registered patients per
neighbourhood by PCN (each LSOA's patients spread by the share of its area inside each
neighbourhood). Writes majority.geojson, footprint.geojson and neighbourhood_groups.csv.

usage: catchments_geopandas.py REGISTRATIONS LSOAS LSOA_ID NEIGHBOURHOODS NEIGHBOURHOOD_ID OUTDIR
"""
import os
import sys

import geopandas as gpd
import pandas as pd

registrations, lsoas_path, lsoa_id, neighbourhoods_path, nbhd_id, out = sys.argv[1:7]
os.makedirs(out, exist_ok=True)

rows = pd.read_csv(registrations, dtype=str, keep_default_na=False)
rows = rows[["LSOA_CODE", "PRACTICE_CODE", "NUMBER_OF_PATIENTS", "PCN_CODE"]]
rows["patients"] = rows["NUMBER_OF_PATIENTS"].str.strip().astype(int)
lsoas = gpd.read_file(lsoas_path)[[lsoa_id, "geometry"]].to_crs(27700)
lsoas["geometry"] = lsoas.geometry.make_valid()
inside = rows[rows["LSOA_CODE"].isin(set(lsoas[lsoa_id]))]
flows = inside.groupby(["PCN_CODE", "LSOA_CODE"], as_index=False)["patients"].sum()
flows = flows[flows["patients"] > 0]

# Majority: most patients, ties to the lowest PCN code.
ranked = flows.sort_values(["LSOA_CODE", "patients", "PCN_CODE"], ascending=[True, False, True])
majority = ranked.drop_duplicates("LSOA_CODE")[["LSOA_CODE", "PCN_CODE"]]

# Footprint 0.8: descending patients (ties: LSOA code) until 80% of the PCN's patients in the layer.
ordered = flows.sort_values(["PCN_CODE", "patients", "LSOA_CODE"], ascending=[True, False, True]).copy()
ordered["total"] = ordered.groupby("PCN_CODE")["patients"].transform("sum")
ordered["before"] = ordered.groupby("PCN_CODE")["patients"].cumsum() - ordered["patients"]
footprint = ordered[ordered["before"] / ordered["total"] < 0.8][["LSOA_CODE", "PCN_CODE"]]


def dissolve(members, name):
    joined = lsoas.merge(members, left_on=lsoa_id, right_on="LSOA_CODE")
    joined["lsoas"] = 1
    areas = joined.dissolve(by="PCN_CODE", aggfunc={"lsoas": "sum"}).reset_index()
    areas["area_m2"] = areas.area
    areas.to_crs(4326).to_file(os.path.join(out, name), driver="GeoJSON")
    return areas


dissolve(majority, "majority.geojson")
dissolve(footprint, "footprint.geojson")

# Neighbourhood patients: overlay, share of each LSOA's area, times its patients by PCN.
neighbourhoods = gpd.read_file(neighbourhoods_path)[[nbhd_id, "geometry"]].to_crs(27700)
neighbourhoods["geometry"] = neighbourhoods.geometry.make_valid()
lsoas["lsoa_area"] = lsoas.area
with_patients = lsoas[lsoas[lsoa_id].isin(set(flows["LSOA_CODE"]))]
pieces = gpd.overlay(neighbourhoods, with_patients, how="intersection", keep_geom_type=True)
pieces["share"] = pieces.area / pieces["lsoa_area"]
spread = pieces[[nbhd_id, lsoa_id, "share"]].merge(flows, left_on=lsoa_id, right_on="LSOA_CODE")
spread["patients"] = spread["patients"] * spread["share"]
table = spread.groupby([nbhd_id, "PCN_CODE"], as_index=False)["patients"].sum()
table = table.sort_values([nbhd_id, "PCN_CODE"])
table.to_csv(os.path.join(out, "neighbourhood_groups.csv"), index=False, float_format="%.10f")
print(f"{len(majority)} LSOAs by majority, {len(footprint)} footprint memberships, "
      f"{len(table)} neighbourhood x PCN rows, patients placed {table['patients'].sum():.4f}")
