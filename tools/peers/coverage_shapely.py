"""Peer: national asset coverage in plain shapely 2, written the fast way (DESIGN.md §10).

pyogrio read, to_crs 27700, buffer every asset by the radius (quad_segs=8), union_all, explode the
union into its separate parts, STRtree over the parts, then per unit the difference against only
the parts that touch it (2 threads). People out of reach in a unit are
usual_residents × gap_area / unit_area: people spread evenly over the unit. nbhd spreads each
population polygon's count evenly over that polygon, so the two agree exactly when the population
polygons are the units themselves (as in this workload: the LSOA21 layer carries its residents).

Usage: coverage_shapely.py UNITS ASSETS RADIUS POPULATION_FIELD OUT.csv  (POPULATION_FIELD "-": none)
"""
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyogrio
import shapely

units_path, assets_path, radius, field, out_path = sys.argv[1:6]
radius = float(radius)

units = pyogrio.read_dataframe(units_path).to_crs(27700)
assets = pyogrio.read_dataframe(assets_path).to_crs(27700)
unit_geoms = shapely.make_valid(np.asarray(units.geometry.values))
people = units[field].fillna(0).to_numpy(dtype=float) if field != "-" else np.zeros(len(units))
start = time.perf_counter()

reach = shapely.union_all(shapely.buffer(np.asarray(assets.geometry.values), radius, quad_segs=8))
parts = shapely.get_parts(reach)
tree = shapely.STRtree(parts)
shapely.prepare(parts)
unit_area = shapely.area(unit_geoms)
iu, ip = tree.query(unit_geoms, predicate="intersects")
# Units wholly inside one part have no gap; the rest are differenced against their parts only.
inside = shapely.contains(parts[ip], unit_geoms[iu])
covered_whole = np.zeros(len(unit_geoms), dtype=bool)
covered_whole[iu[inside]] = True
gap_area = unit_area.copy()
gap_area[covered_whole] = 0.0
touching = {}
for u, p in zip(iu, ip):
    if not covered_whole[u]:
        touching.setdefault(u, []).append(p)
todo = np.fromiter(touching.keys(), dtype=np.int64)


def work(chunk):
    cover = [parts[touching[u]] for u in chunk]
    cover = [c[0] if len(c) == 1 else shapely.multipolygons(c) for c in cover]
    return shapely.area(shapely.difference(unit_geoms[chunk], cover))


chunks = np.array_split(todo, 2)
with ThreadPoolExecutor(2) as pool:
    for chunk, result in zip(chunks, pool.map(work, chunks)):
        gap_area[chunk] = result
uncovered = np.where(unit_area > 0, people * gap_area / np.where(unit_area > 0, unit_area, 1), 0.0)
compute = time.perf_counter() - start

ids = units[units.columns[1]].values if "lsoa21_code" not in units.columns else units["lsoa21_code"].values
with open(out_path, "w") as f:
    f.write("unit_id,area_m2,gap_m2,population,population_uncovered\n")
    for k in np.argsort(ids, kind="stable"):
        f.write(f"{ids[k]},{unit_area[k]:.2f},{gap_area[k]:.2f},{people[k]:.2f},{uncovered[k]:.2f}\n")
print(f"compute {compute:.3f} s; {len(parts)} reach parts; uncovered area {gap_area.sum():.0f} m2; "
      f"{uncovered.sum():.0f} of {people.sum():.0f} people out of reach")
