# Copied unchanged (below this header) from /work/shared/peers/change_shapely.py: the issue 19 reference.
"""Reference for asset change: people and area that lost / gained reach between two asset vintages.
Usage: change_ref.py UNITS POPFIELD BEFORE AFTER RADIUS ID_FIELD  (units = their own population layer)"""
import sys, json, numpy as np, shapely, pyogrio
from pyproj import Transformer
def bng(df):
    t = Transformer.from_crs(df.crs or "EPSG:4326", 27700, always_xy=True)
    return shapely.transform(df.geometry.values, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))
U = pyogrio.read_dataframe(sys.argv[1]); B = pyogrio.read_dataframe(sys.argv[3]); A = pyogrio.read_dataframe(sys.argv[4])
r = float(sys.argv[5]); idf = sys.argv[6]
ug = shapely.make_valid(bng(U)); pop = U[sys.argv[2]].values.astype(float); ua = shapely.area(ug)
rb = shapely.union_all(shapely.buffer(bng(B), r, quad_segs=8)); ra = shapely.union_all(shapely.buffer(bng(A), r, quad_segs=8))
lost_reach = shapely.difference(rb, ra); gained_reach = shapely.difference(ra, rb)
def spread(region):
    parts = shapely.get_parts(region)
    li, pi = shapely.STRtree(parts).query(ug, predicate="intersects")
    a = np.bincount(li, weights=shapely.area(shapely.intersection(ug[li], parts[pi])), minlength=len(ug))
    return a, pop * a / ua
la, lp = spread(lost_reach); ga, gp = spread(gained_reach)
unc = lambda reach: spread(reach)[1]
cb, ca = unc(rb), unc(ra)
ib, ia = set(B[idf]), set(A[idf])
out = {"assets_before": len(B), "assets_after": len(A), "closed": len(ib - ia), "opened": len(ia - ib),
       "lost_area_m2": la.sum(), "lost_people": lp.sum(), "gained_area_m2": ga.sum(), "gained_people": gp.sum(),
       "covered_people_before": cb.sum(), "covered_people_after": ca.sum(), "population": pop.sum(),
       "units_losing_people": int((lp > 0.5).sum())}
print(json.dumps(out, indent=1))
