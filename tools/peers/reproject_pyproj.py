"""Peer: reproject every coordinate of a lon/lat GeoJSON to EPSG:27700 with pyproj (vectorised),
timed without the read. Prints the operation, the time and the sum of all x and y (to compare)."""
import sys
import time

import numpy as np
import pyogrio
import pyproj
import shapely

frame = pyogrio.read_dataframe(sys.argv[1])
xy = shapely.get_coordinates(np.asarray(frame.geometry.values))
transformer = pyproj.Transformer.from_crs(4326, 27700, always_xy=True)
start = time.perf_counter()
x, y = transformer.transform(xy[:, 0], xy[:, 1])
elapsed = time.perf_counter() - start
operation = f"PROJ {pyproj.proj_version_str}"
print(f"{len(xy)} coordinates in {elapsed * 1000:.1f} ms ({operation}); sum {x.sum() + y.sum():.3f}")
