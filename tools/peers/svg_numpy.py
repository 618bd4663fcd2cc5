"""Peer: the national LSOA21 density choropleth as a plain SVG, written with numpy (DESIGN.md
§10's "plain numpy writer"): EPSG:27700, whole-metre coordinates scaled to the page, no
simplification, 5 quantile classes of residents per km2. Timed from the loaded, projected layer.

Usage: svg_numpy.py LSOA21.geojson FIELD OUT.svg"""
import sys
import time

import numpy as np
import pyogrio
import shapely

frame = pyogrio.read_dataframe(sys.argv[1]).to_crs(27700)
geoms = np.asarray(frame.geometry.values)
start = time.perf_counter()
density = frame[sys.argv[2]].to_numpy(dtype=float) / (shapely.area(geoms) / 1e6)
breaks = np.quantile(density, [0.2, 0.4, 0.6, 0.8])
colours = np.array(["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"])
classes = np.searchsorted(breaks, density, side="right")
minx, miny, maxx, maxy = shapely.total_bounds(geoms)
width = 1000.0
scale = width / (maxx - minx)
height = (maxy - miny) * scale
parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
         f'viewBox="{minx:.0f} {-maxy:.0f} {maxx - minx:.0f} {maxy - miny:.0f}">']
for geom, cls in zip(geoms, classes):
    d = []
    for polygon in shapely.get_parts(geom):
        for ring in [polygon.exterior, *polygon.interiors]:
            xy = np.rint(np.asarray(ring.coords)).astype(np.int64)
            xy[:, 1] = -xy[:, 1]
            d.append("M" + "L".join(f"{x} {y}" for x, y in xy[:-1]) + "Z")
    parts.append(f'<path fill="{colours[cls]}" d="{"".join(d)}"/>')
parts.append("</svg>")
text = "\n".join(parts)
with open(sys.argv[3], "w") as f:
    f.write(text)
elapsed = time.perf_counter() - start
print(f"render {elapsed:.3f} s; {len(text) / 1e6:.1f} MB")
