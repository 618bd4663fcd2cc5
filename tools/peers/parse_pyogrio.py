"""Peer: read the GeoJSON with pyogrio (GDAL) into a GeoDataFrame."""
import sys
import time
import pyogrio

start = time.perf_counter()
frame = pyogrio.read_dataframe(sys.argv[1])
elapsed = time.perf_counter() - start
size = __import__("os").path.getsize(sys.argv[1]) / 1e6
print(f"{len(frame)} features; read {elapsed:.3f} s = {size / elapsed:.0f} MB/s")
