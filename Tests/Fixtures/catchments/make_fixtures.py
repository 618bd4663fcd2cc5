"""Cuts the catchment test fixtures from ../shared/data (all OGL; see README.md). Run from the
repository root with the project's Python (geopandas): python Tests/Fixtures/catchments/make_fixtures.py"""
import json
import os

import geopandas as gpd
import pandas as pd

DATA = os.environ.get("NBHD_SHARED_DATA") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "shared", "data")
OUT = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(DATA, "ssot", "gp_patients_by_lsoa21_2025-10_raw.csv")

neighbourhoods = gpd.read_file(os.path.join(DATA, "ssot", "named_neighbourhoods_msoa11.geojson"))
lsoas = gpd.read_file(os.path.join(DATA, "ssot", "lsoa21_pop2021_patients_pcn.geojson"))
chosen = neighbourhoods[neighbourhoods.hcl_name.isin(["Mosspit & Silkmore Lane", "Highfields & Burton Manor"])]
inner = chosen.to_crs(27700).union_all().buffer(-50)
picked = lsoas[lsoas.to_crs(27700).intersects(inner) | (lsoas.lsoa21_code == "E01029651")]
picked = picked[["lsoa21_code", "lsoa21_name", "usual_residents_2021", "majority_pcn_code", "geometry"]]
picked.sort_values("lsoa21_code").to_file(os.path.join(OUT, "lsoas.geojson"), driver="GeoJSON",
                                          COORDINATE_PRECISION=6)
chosen[["msoa11_code", "hcl_name", "geometry"]].to_file(os.path.join(OUT, "neighbourhoods.geojson"),
                                                       driver="GeoJSON", COORDINATE_PRECISION=6)

# The raw lines, unchanged (junk columns and all): every row for the chosen LSOAs, then for the
# practices seen there every row whose code is not an English LSOA, then their first 60 rows
# from English LSOAs outside the chosen ones.
lines = open(RAW, encoding="utf-8").read().splitlines()
table = pd.read_csv(RAW, dtype=str, keep_default_na=False)
codes = set(picked.lsoa21_code)
inside = table.index[table.LSOA_CODE.isin(codes)]
practices = set(table.loc[inside, "PRACTICE_CODE"])
theirs = table[table.PRACTICE_CODE.isin(practices) & ~table.LSOA_CODE.isin(codes)]
not_english = theirs.index[~theirs.LSOA_CODE.str.startswith("E01")]
english = theirs.index[theirs.LSOA_CODE.str.startswith("E01")][:60]
keep = sorted(set(inside) | set(not_english) | set(english))
with open(os.path.join(OUT, "registrations_ssot_excerpt.csv"), "w", encoding="utf-8", newline="") as f:
    f.write(lines[0] + "\n")
    for i in keep:
        f.write(lines[i + 1] + "\n")

# The same rows in the national layout (no PCN column, a SEX column), and the practice map rows.
rows = table.loc[keep]
national = pd.DataFrame({
    "PUBLICATION": "GP_PRAC_PAT_LIST", "EXTRACT_DATE": "01Oct2025", "PRACTICE_CODE": rows.PRACTICE_CODE,
    "PRACTICE_NAME": rows["PRACTICE_NAME.x"], "LSOA_CODE": rows.LSOA_CODE, "SEX": "ALL",
    "NUMBER_OF_PATIENTS": rows.NUMBER_OF_PATIENTS})
national.to_csv(os.path.join(OUT, "registrations_national_layout.csv"), index=False)
pmap = pd.read_csv(os.path.join(DATA, "national", "lookups", "gp_practice_pcn_map_2025-10.csv"), dtype=str)
pmap[pmap.PRACTICE_CODE.isin(practices)].to_csv(os.path.join(OUT, "practice_map_2025-10.csv"), index=False)

# Churn: the two national maps cut to the Staffordshire & Stoke-on-Trent sub-ICB locations.
old = pd.read_csv(os.path.join(DATA, "national", "lookups", "gp_practice_pcn_map_2022-01.csv"), dtype=str)
new = pd.read_csv(os.path.join(DATA, "national", "lookups", "gp_practice_pcn_map_2025-10.csv"), dtype=str)
ssot_new = new[new.ICB_CODE == "QNC"]
ssot_old = old[old.PRACTICE_CODE.isin(set(ssot_new.PRACTICE_CODE)) | old.STP_CODE.isin(set(old[old.PRACTICE_CODE.isin(set(ssot_new.PRACTICE_CODE))].STP_CODE))]
ssot_old.to_csv(os.path.join(OUT, "practice_map_2022-01_ssot.csv"), index=False)
ssot_new.to_csv(os.path.join(OUT, "practice_map_2025-10_ssot.csv"), index=False)
print(len(picked), "LSOAs,", len(keep), "rows,", len(practices), "practices;", len(ssot_old), "/", len(ssot_new),
      "map rows")
