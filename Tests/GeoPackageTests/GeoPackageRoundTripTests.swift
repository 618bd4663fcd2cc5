import Foundation
import GeoCore
import Testing

@testable import GeoPackage

@Suite struct GeoPackageRoundTripTests {
  static func temporaryPath(_ name: String) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nbhd-gpkg-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent(name).path
  }

  static let bng = SpatialReferenceSystem(
    id: 27700, name: "OSGB36 / British National Grid", organization: "EPSG", organizationCode: 27700,
    definition: "PROJCS[\"OSGB36 / British National Grid\"]")

  /// A square with a square hole, a two-part multipolygon, a point, a line and a null geometry,
  /// with integer, real, text, boolean and null properties.
  static let features: [(geometry: FlatGeometry?, properties: JSONObject)] = [
    (
      .polygon([
        [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)], [(2, 2), (2, 4), (4, 4), (4, 2), (2, 2)],
      ]),
      ["code": .string("A"), "count": .number(3), "share": .number(0.25), "ok": .bool(true)]
    ),
    (
      .multiPolygon([
        [[(20, 0), (21, 0), (21, 1), (20, 0)]],
        [[(30.123456789012345, 0), (31, 0), (31, 1), (30.123456789012345, 0)]],
      ]),
      ["code": .string("B"), "count": .number(4), "share": .number(1), "ok": .bool(false)]
    ),
    (nil, ["code": .string("C"), "count": .null, "share": .number(-2.5), "ok": .null]),
  ]

  @Test func writesAndReadsBackExactly() throws {
    let path = Self.temporaryPath("t.gpkg")
    let writer = try GeoPackageWriter(
      path: path, wgs84Definition: "GEOGCS[\"WGS 84\"]", lastChange: "2026-01-01T00:00:00.000Z")
    try writer.add(Self.bng)
    let columns = try writer.writeFeatures(
      .init(name: "units", srsID: 27700), count: Self.features.count
    ) { Self.features[$0] }
    #expect(columns.map(\.name) == ["code", "count", "share", "ok"])
    #expect(columns.map(\.type) == [.text, .integer, .real, .boolean])
    try writer.writeAttributes(name: "notes", rows: [["a": .number(1)], ["a": .string("x")]])
    try writer.finish()

    let table = try GeoPackageReader.read(path)
    #expect(table.name == "units")
    #expect(table.system.crsDefinition == "EPSG:27700")
    #expect(table.geometryType == "MULTIPOLYGON")  // Polygon and MultiPolygon promoted
    #expect(table.fids == [1, 2, 3])
    #expect(table.features[0].geometry?.coordinates == Self.features[0].geometry?.coordinates)
    #expect(table.features[0].geometry?.ringOffsets == [0, 5, 10])
    #expect(table.features[1].geometry?.coordinates == Self.features[1].geometry?.coordinates)
    #expect(table.features[1].geometry?.partOffsets == [0, 1, 2])
    #expect(table.features[2].geometry == nil)
    #expect(table.features.map { $0.properties["code"] } == [.string("A"), .string("B"), .string("C")])
    #expect(table.features.map { $0.properties["count"] } == [.number(3), .number(4), .null])
    #expect(table.features.map { $0.properties["ok"] } == [.bool(true), .bool(false), .null])
    #expect(table.features.map { $0.properties["share"] } == [.number(0.25), .number(1), .number(-2.5)])

    let database = try SQLiteDatabase(path: path, mode: .readOnly)
    #expect(try database.integer("PRAGMA application_id") == 0x4750_4B47)
    #expect(try database.integer("PRAGMA user_version") == 10300)
    let check = try database.prepare("PRAGMA integrity_check")
    #expect(try check.step() && check.text(0) == "ok")
    // The R-tree holds the two non-null geometries with boxes around them.
    #expect(try database.integer("SELECT count(*) FROM rtree_units_geom") == 2)
    #expect(try database.integer("SELECT count(*) FROM rtree_units_geom WHERE minx <= 0 AND maxx >= 10") == 1)
    #expect(
      try database.integer(
        "SELECT count(*) FROM gpkg_extensions WHERE table_name = 'units' AND extension_name = 'gpkg_rtree_index'"
      )
        == 1)
    #expect(try database.integer("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'") == 6)
    #expect(try database.integer("SELECT count(*) FROM gpkg_spatial_ref_sys") == 4)  // -1, 0, 4326, 27700
    #expect(try database.integer("SELECT count(*) FROM gpkg_contents WHERE data_type = 'attributes'") == 1)
    // Mixed number and text in one column is TEXT.
    #expect(try database.integer("SELECT count(*) FROM notes WHERE typeof(a) = 'text'") == 2)
  }

  @Test func severalTablesMustBeNamed() throws {
    let path = Self.temporaryPath("two.gpkg")
    let writer = try GeoPackageWriter(
      path: path, wgs84Definition: "GEOGCS[\"WGS 84\"]", lastChange: "2026-01-01T00:00:00.000Z")
    try writer.add(Self.bng)
    try writer.writeFeatures(.init(name: "first", srsID: 27700), count: 1) { _ in Self.features[0] }
    try writer.writeFeatures(.init(name: "second", srsID: 27700), count: 2) { Self.features[$0] }
    try writer.finish()
    #expect(throws: GeoPackageError.severalFeatureTables(path, tables: ["first", "second"])) {
      try GeoPackageReader.read(path)
    }
    #expect(try GeoPackageReader.read(path, table: "second").features.count == 2)
    #expect(throws: GeoPackageError.unknownTable(path, table: "third", tables: ["first", "second"])) {
      try GeoPackageReader.read(path, table: "third")
    }
  }

  @Test func unfinishedWriterLeavesNoFile() throws {
    let path = Self.temporaryPath("gone.gpkg")
    do {
      let writer = try GeoPackageWriter(
        path: path, wgs84Definition: "x", lastChange: "2026-01-01T00:00:00.000Z")
      try writer.writeFeatures(.init(name: "t", srsID: 4326), count: 1) { _ in Self.features[0] }
    }
    let folder = (path as NSString).deletingLastPathComponent
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
  }

  /// A GeoPackage made by ogr2ogr 3.6 from data/trafford/pcn_areas_nearest_lsoa21_DERIVED.geojson
  /// (Tests/Fixtures/gpkg/README.md); figures checked with ogrinfo and the GeoJSON itself.
  @Test func readsWhatGDALWrites() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../Fixtures/gpkg/pcn_areas.gpkg"
    ).standardized.path
    let table = try GeoPackageReader.read(path)
    #expect(table.name == "pcn_areas")
    #expect(table.system.crsDefinition == "EPSG:4326")
    #expect(table.features.count == 5)
    #expect(
      table.features.map { $0.properties.keys }
        == Array(repeating: ["pcn_code", "pcn_name", "n_lsoa21", "pop_mid2024", "method"], count: 5))
    var box = BoundingBox.empty
    for feature in table.features { box.include(feature.geometry!.boundingBox) }
    // ogrinfo: Extent: (-2.478334, 53.357432) - (-2.253060, 53.480384)
    #expect(abs(box.minX - -2.478334) < 5e-7 && abs(box.maxY - 53.480384) < 5e-7)
    #expect(abs(box.maxX - -2.253060) < 5e-7 && abs(box.minY - 53.357432) < 5e-7)
  }
}
