"""Writes the hand-made shapefile fixtures byte by byte (ogr2ogr would fix the very things they
test: ring winding, unclosed rings, null shapes, code pages) and the two cut from the repo's own
Trafford data with ogr2ogr. Run from the repository root: python3 Tests/Fixtures/shapefile/make_fixtures.py
Expected values (areas, counts) are worked out by hand in the tests and checked with shapely."""
import pathlib
import struct
import subprocess

HERE = pathlib.Path(__file__).parent
BAD = HERE.parent / "bad"
BNG_PRJ = (
    'PROJCS["British_National_Grid",GEOGCS["GCS_OSGB_1936",DATUM["D_OSGB_1936",SPHEROID["Airy_1830",'
    '6377563.396,299.3249646]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],'
    'PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",400000.0],PARAMETER["False_Northing",'
    '-100000.0],PARAMETER["Central_Meridian",-2.0],PARAMETER["Scale_Factor",0.9996012717],'
    'PARAMETER["Latitude_Of_Origin",49.0],UNIT["Meter",1.0]]'
)
WGS84_PRJ = (
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
)


def square(x, y, size, clockwise=True):
    ring = [(x, y), (x, y + size), (x + size, y + size), (x + size, y), (x, y)]
    return ring if clockwise else ring[::-1]


def record_content(shape):
    """shape: None (null), ("point", (x, y)) or ("polygon", [ring, …])."""
    if shape is None:
        return struct.pack("<i", 0)
    kind, value = shape
    if kind == "point":
        return struct.pack("<idd", 1, *value)
    points = [p for ring in value for p in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    starts, n = [], 0
    for ring in value:
        starts.append(n)
        n += len(ring)
    out = struct.pack("<i4d2i", 5, min(xs), min(ys), max(xs), max(ys), len(value), len(points))
    out += struct.pack(f"<{len(starts)}i", *starts)
    for x, y in points:
        out += struct.pack("<2d", x, y)
    return out


def write_shapefile(base, shape_type, shapes, fields, rows, prj=None, cpg=None, ldid=0x57):
    contents = [record_content(s) for s in shapes]
    points = [p for s in shapes if s for p in ([s[1]] if s[0] == "point" else [q for r in s[1] for q in r])]
    box = (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points), max(p[1] for p in points))

    def header(length_bytes):
        return struct.pack(">7i", 9994, 0, 0, 0, 0, 0, length_bytes // 2) + struct.pack(
            "<2i8d", 1000, shape_type, *box, 0, 0, 0, 0)

    body, index, offset = b"", b"", 100
    for number, content in enumerate(contents, 1):
        body += struct.pack(">2i", number, len(content) // 2) + content
        index += struct.pack(">2i", offset // 2, len(content) // 2)
        offset += 8 + len(content)
    pathlib.Path(f"{base}.shp").write_bytes(header(100 + len(body)) + body)
    pathlib.Path(f"{base}.shx").write_bytes(header(100 + len(index)) + index)
    # dBASE III: header, field descriptors, records (left-justified text, right-justified numbers).
    record_length = 1 + sum(f[2] for f in fields)
    dbf = struct.pack("<B3BIHH", 3, 125, 1, 1, len(rows), 32 + 32 * len(fields) + 1, record_length)
    dbf += bytes(17) + bytes([ldid]) + bytes(2)
    for name, kind, width, decimals in fields:
        dbf += name.encode("ascii").ljust(11, b"\0") + kind.encode() + bytes(4) + bytes([width, decimals]) + bytes(14)
    dbf += b"\r"
    for row in rows:
        dbf += b" "
        for (name, kind, width, decimals), value in zip(fields, row):
            raw = value if isinstance(value, bytes) else str(value).encode("ascii")
            dbf += raw.rjust(width) if kind in "NF" else raw.ljust(width)
    dbf += b"\x1a"
    pathlib.Path(f"{base}.dbf").write_bytes(dbf)
    if prj:
        pathlib.Path(f"{base}.prj").write_text(prj)
    if cpg:
        pathlib.Path(f"{base}.cpg").write_text(cpg)


# rings: winding against the convention, an island in a lake, a null shape, an unclosed ring.
write_shapefile(
    HERE / "rings", 5,
    [
        ("polygon", [square(0, 0, 100), square(20, 20, 20)]),  # the hole is wound like a shell
        ("polygon", [square(1040, 40, 20), square(1010, 10, 80), square(200, 0, 10), square(1000, 0, 100),
                     square(300, 0, 10)]),  # island, lake, square, land, square: scrambled order
        None,
        ("polygon", [[(0, 200), (10, 200), (0, 210)]]),  # unclosed triangle
    ],
    [("name", "C", 40, 0), ("rings", "N", 4, 0), ("surveyed", "D", 8, 0), ("checked", "L", 1, 0),
     ("ratio", "N", 10, 3)],
    [
        ["Hole wound like a shell", 2, "20230501", "T", "0.960"],
        ["Islands, a lake and an island in it", 5, "20240131", "F", "0.420"],
        ["Null shape", 0, "        ", "?", ""],
        ["Unclosed triangle", 1, "19991231", "Y", "-1.500"],
    ],
    prj=BNG_PRJ,
)

# names_1252: Windows-1252 text and no .cpg; DBF-truncated code/name fields.
write_shapefile(
    HERE / "names_1252", 1,
    [("point", (-2.3387, 53.4236)), ("point", (-2.3247, 53.4128)), ("point", (-2.3134, 53.4453))],
    [("lsoa21_cod", "C", 9, 0), ("lsoa21_nam", "C", 30, 0), ("residents", "N", 10, 0)],
    [
        ["E01005954", "Ashton upon Mersey".encode("cp1252"), 1523],
        ["E01005959", "Brooklands".encode("cp1252"), 1687],
        ["E01006000", "Caf\u00e9 Quarter".encode("cp1252"), 1420],
    ],
    prj=WGS84_PRJ,
)

# names_utf8: UTF-8 text named by a .cpg.
write_shapefile(
    HERE / "names_utf8", 1,
    [("point", (-4.07, 51.58)), ("point", (-4.33, 53.27)), ("point", (-3.75, 53.27))],
    [("name", "C", 20, 0), ("code", "C", 9, 0)],
    [["G\u0175yr".encode("utf-8"), "W05000001"], ["Ynys M\u00f4n".encode("utf-8"), "W06000001"],
     ["Bryn-y-Maen".encode("utf-8"), "W05000002"]],
    prj=WGS84_PRJ, cpg="UTF-8\n",
)

# bng_no_prj: projected coordinates and no .prj (the loader's lon/lat range check must catch it).
write_shapefile(
    HERE / "bng_no_prj", 1, [("point", (378000.0, 393000.0))], [("id", "N", 4, 0)], [[1]])

# The bad-input corpus: a .shp without its .dbf, one without its .shx, a truncated .shp.
for stem, drop in (("shp_no_dbf", ".dbf"), ("shp_no_shx", ".shx"), ("shp_truncated", None)):
    write_shapefile(BAD / stem, 5, [("polygon", [square(0, 0, 100)]), ("polygon", [square(200, 0, 50)])],
                    [("name", "C", 10, 0)], [["first"], ["second"]], prj=BNG_PRJ)
    if drop:
        (BAD / f"{stem}{drop}").unlink()
    else:
        shp = (BAD / f"{stem}.shp").read_bytes()
        (BAD / f"{stem}.shp").write_bytes(shp[: len(shp) - 60])  # cut inside the second record
    (BAD / f"{stem}.prj").unlink()

# Cut from the repo's own Trafford data (OGL) with ogr2ogr.
trafford = HERE.parents[2] / "data" / "trafford"
subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", str(HERE / "pcn_nearest_lsoa21.shp"),
                str(trafford / "pcn_areas_nearest_lsoa21_DERIVED.geojson")], check=True)
subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", "-t_srs", "EPSG:27700", "-select",
                "organisation_data_service_code,pharmacy_name", str(HERE / "pharmacies_bng.shp"),
                str(trafford / "trafford_pharmacies.geojson")], check=True)

# points_z: heights (a PointZ file), which the reader drops with a note.
z_source = HERE / "points_z.geojson"
z_source.write_text(
    '{"type":"FeatureCollection","features":['
    '{"type":"Feature","properties":{"name":"Sale Water Park"},"geometry":{"type":"Point","coordinates":[-2.3031,53.4335,21.5]}},'
    '{"type":"Feature","properties":{"name":"Dunham Massey"},"geometry":{"type":"Point","coordinates":[-2.4065,53.3810,35]}}]}'
)
subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", str(HERE / "points_z.shp"), str(z_source)], check=True)
z_source.unlink()
