"""Writes fuzzing seeds for tools/fuzz/ShapefileFuzz.swift: one file per shapefile found under
the folders given, laid out as the fuzzer reads them (UInt16 .shx length, UInt16 .dbf length,
then .shx, .dbf and .shp bytes). Usage: shapefile_seeds.py OUT_DIR DIR…"""
import pathlib
import struct
import sys

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
for folder in sys.argv[2:]:
    for shp in sorted(pathlib.Path(folder).rglob("*.shp")):
        shx, dbf = shp.with_suffix(".shx"), shp.with_suffix(".dbf")
        if not (shx.exists() and dbf.exists()):
            continue
        a, b, c = shx.read_bytes(), dbf.read_bytes(), shp.read_bytes()
        if len(a) > 0xFFFF or len(b) > 0xFFFF or len(a) + len(b) + len(c) > 16384:
            continue
        (out / (shp.stem + ".seed")).write_bytes(struct.pack("<HH", len(a), len(b)) + a + b + c)
