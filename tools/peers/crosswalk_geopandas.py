"""Peer: the crosswalk the obvious geopandas way (read, reproject, make valid, overlay, CSV)."""
import sys

ID_A, ID_B = sys.argv[4], sys.argv[5]  # id fields of A and B
import geopandas as gpd

a = gpd.read_file(sys.argv[1]).to_crs(27700)
b = gpd.read_file(sys.argv[2]).to_crs(27700)
a["geometry"] = a.geometry.make_valid()
b["geometry"] = b.geometry.make_valid()
a = a[[ID_A, "geometry"]]
b = b[[ID_B, "geometry"]]
a["a_area"] = a.area
b["b_area"] = b.area
pieces = gpd.overlay(a, b, how="intersection", keep_geom_type=True)
pieces["area_m2"] = pieces.area
pieces = pieces[pieces["area_m2"] > 0]
pieces["share_of_a"] = pieces["area_m2"] / pieces["a_area"]
pieces["share_of_b"] = pieces["area_m2"] / pieces["b_area"]
pieces = pieces.sort_values([ID_A, ID_B])
pieces[[ID_A, ID_B, "area_m2", "share_of_a", "share_of_b"]].to_csv(sys.argv[3], index=False)
print(f"{len(pieces)} pieces, total {pieces['area_m2'].sum():.0f} m2")
