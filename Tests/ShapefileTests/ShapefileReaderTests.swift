import Foundation
import GeoCore
import Shapefile
import TestSupport
import Testing

/// The hand-made fixtures in Tests/Fixtures/shapefile (written byte by byte by make_fixtures.py,
/// areas worked out by hand and checked with shapely) and the Trafford cuts made by ogr2ogr.
@Suite struct ShapefileReaderTests {
  static func fixture(_ name: String) -> String { SharedData.repo("Tests/Fixtures/shapefile/\(name)") }

  /// Planar area: each part's shell less its holes (what shapely's `area` gives).
  static func area(_ g: FlatGeometry) -> Double { g.polygonalArea }

  @Test func ringsAreAssembledByContainmentNotWinding() throws {
    let contents = try ShapefileReader.read(contentsOf: Self.fixture("rings.shp"))
    let features = contents.collection.features
    #expect(features.count == 4)
    // Feature 0: both rings wound clockwise (as shells); the inner one is a hole all the same.
    let holed = try #require(features[0].geometry)
    #expect(holed.kind == .polygon)
    #expect(holed.ringCount == 2)
    #expect(Self.area(holed) == 9_600)
    // Feature 1: island, lake, square, land, square → island | square | land with its lake | square.
    let islands = try #require(features[1].geometry)
    #expect(islands.kind == .multiPolygon)
    #expect(islands.partCount == 4)
    #expect((0..<4).map { islands.ringRange(ofPart: $0).count } == [1, 1, 2, 1])
    #expect(islands.x(islands.pointRange(ofRing: 0).lowerBound) == 1_040)
    #expect(Self.area(islands) == 4_200)
    // Feature 2: a null shape is a feature with no geometry, never dropped.
    #expect(features[2].geometry == nil)
    // Feature 3: an unclosed triangle is closed.
    let triangle = try #require(features[3].geometry)
    #expect(triangle.pointCount == 4)
    #expect(Self.area(triangle) == 50)
    #expect(
      contents.notes == [
        "3 polygon rings are wound against the shapefile convention: shells and holes were told apart by "
          + "which rings contain which, not by winding",
        "1 unclosed polygon rings closed",
      ])
    #expect(contents.projection?.hasPrefix("PROJCS[\"British_National_Grid\"") == true)
  }

  @Test func dBaseValuesBecomeJSONValues() throws {
    let features = try ShapefileReader.read(contentsOf: Self.fixture("rings.shp")).collection.features
    let first = features[0].properties
    #expect(first.keys == ["name", "rings", "surveyed", "checked", "ratio"])
    #expect(first["name"] == .string("Hole wound like a shell"))
    #expect(first["rings"] == .number(2))
    #expect(first["surveyed"] == .string("2023-05-01"))
    #expect(first["checked"] == .bool(true))
    #expect(first["ratio"] == .number(0.96))
    let blank = features[2].properties
    #expect(blank["surveyed"] == .null)
    #expect(blank["checked"] == .null)
    #expect(blank["ratio"] == .null)
    #expect(features[3].properties["checked"] == .bool(true))
    #expect(features[3].properties["ratio"] == .number(-1.5))
  }

  @Test func windows1252IsTheDefaultAndCpgNamesTheEncoding() throws {
    let ansi = try ShapefileReader.read(contentsOf: Self.fixture("names_1252.shp"))
    #expect(
      ansi.collection.features.map { $0.properties["lsoa21_nam"] } == [
        .string("Ashton upon Mersey"), .string("Brooklands"), .string("Café Quarter"),
      ])
    #expect(ansi.encoding == "Windows-1252 (no .cpg file)")
    #expect(ansi.collection.features[2].properties["residents"] == .number(1_420))
    let utf8 = try ShapefileReader.read(contentsOf: Self.fixture("names_utf8.shp"))
    #expect(
      utf8.collection.features.map { $0.properties["name"] } == [
        .string("Gŵyr"), .string("Ynys Môn"), .string("Bryn-y-Maen"),
      ])
    #expect(utf8.encoding == "UTF-8 (.cpg)")
  }

  @Test func cpgSpellingsAndBadBytes() throws {
    let shp = try Self.bytes("names_1252.shp"), shx = try Self.bytes("names_1252.shx")
    let dbf = try Self.bytes("names_1252.dbf")
    for spelling in ["ISO-8859-1", "88591", "1252", "ANSI 1252", "cp1252\r\n"] {
      let contents = try ShapefileReader.read(shp: shp, shx: shx, dbf: dbf, cpg: spelling, source: "t")
      #expect(contents.collection.features[2].properties["lsoa21_nam"] == .string("Café Quarter"))
    }
    // 0xE9 alone is not UTF-8: the value is kept with U+FFFD and the note says so.
    let wrong = try ShapefileReader.read(shp: shp, shx: shx, dbf: dbf, cpg: "65001", source: "t")
    #expect(wrong.collection.features[2].properties["lsoa21_nam"] == .string("Caf\u{FFFD} Quarter"))
    #expect(wrong.notes == ["1 text values are not valid UTF-8: bad bytes shown as U+FFFD"])
    let unknown = try ShapefileReader.read(shp: shp, shx: shx, dbf: dbf, cpg: "KOI8-Z", source: "t")
    #expect(unknown.notes.first?.contains("\"KOI8-Z\", which is not known") == true)
  }

  @Test func traffordPCNsCutByOgr2ogr() throws {
    let contents = try ShapefileReader.read(contentsOf: Self.fixture("pcn_nearest_lsoa21.shp"))
    let features = contents.collection.features
    #expect(
      features.map { $0.properties["pcn_code"]?.text } == ["U42898", "U66368", "U79881", "U83990", "U95344"])
    #expect(features.map { $0.geometry?.kind } == [.polygon, .polygon, .polygon, .polygon, .multiPolygon])
    #expect(contents.notes.isEmpty)
  }

  @Test func heightsAreDroppedWithANote() throws {
    let contents = try ShapefileReader.read(contentsOf: Self.fixture("points_z.shp"))
    #expect(
      contents.collection.features.map(\.geometry) == [
        .point(x: -2.3031, y: 53.4335), .point(x: -2.4065, y: 53.381),
      ])
    #expect(contents.notes == ["Z (height) values dropped from 2 shapes: nbhd works in 2D"])
  }

  @Test func missingCompanionsAndDamageAreClearErrors() throws {
    let bad = SharedData.repo("Tests/Fixtures/bad")
    #expect(throws: ShapefileError.self) { try ShapefileReader.read(contentsOf: "\(bad)/shp_no_dbf.shp") }
    do {
      _ = try ShapefileReader.read(contentsOf: "\(bad)/shp_no_shx.shp")
      Issue.record("a .shp without its .shx was read")
    } catch {
      #expect(error.description.contains("has no .shx file beside it"))
    }
    do {
      _ = try ShapefileReader.read(contentsOf: "\(bad)/shp_truncated.shp")
      Issue.record("a truncated .shp was read")
    } catch {
      #expect(error.description.hasPrefix("\(bad)/shp_truncated.shp: shape 1 cannot be read (shapelib: "))
    }
    // Files from two exports: 3 records in the .dbf, 4 shapes in the .shp.
    let mixed = Result {
      try ShapefileReader.read(
        shp: Self.bytes("rings.shp"), shx: Self.bytes("rings.shx"), dbf: Self.bytes("names_1252.dbf"),
        source: "m")
    }
    #expect(
      (mixed.failure as? ShapefileError)?.description
        == "m: the .shp holds 4 shapes but the .dbf 3 records: the files are not from one export")
    #expect(throws: ShapefileError.fileNotFound(path: "nowhere.shp")) {
      try ShapefileReader.read(contentsOf: "nowhere.shp")
    }
  }

  /// Bounded random corruption of every file of a shapefile (the libFuzzer harness in
  /// tools/fuzz runs the same reader on millions): it reads or throws, never crashes.
  @Test func corruptedFilesNeverCrash() throws {
    let shp = try Self.bytes("rings.shp"), shx = try Self.bytes("rings.shx"),
      dbf = try Self.bytes("rings.dbf")
    var random = SeededGenerator(seed: 16)
    let alphabet: [UInt8] = [0, 1, 5, 0x7F, 0x80, 0xFF, 0x20, 0x2A, 0x3F, 0x0D]
    var read = 0
    for round in 0..<1_500 {
      let which = round % 3
      let result = Result {
        try ShapefileReader.read(
          shp: which == 0 ? random.mutated(shp, alphabet: alphabet) : shp,
          shx: which == 1 ? random.mutated(shx, alphabet: alphabet) : shx,
          dbf: which == 2 ? random.mutated(dbf, alphabet: alphabet) : dbf, source: "r")
      }
      if case .success = result { read += 1 }
    }
    #expect(read > 0 && read < 1_500)
  }

  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture(name))))
  }
}

extension Result {
  var failure: Failure? { if case .failure(let error) = self { error } else { nil } }
}
