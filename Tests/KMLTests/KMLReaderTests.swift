import Foundation
import GeoCore
import KML
import TestSupport
import Testing

/// The hand-made KML in Tests/Fixtures/kml (and the same document zipped as a KMZ, plainly and
/// in GDAL LIBKML's layout with a network link), the bad-input corpus, and the Chicago drawings
/// exported by ogr2ogr (../shared/data; skipped visibly without it or without ogr2ogr).
@Suite struct KMLReaderTests {
  static func fixture(_ name: String) -> String { SharedData.repo("Tests/Fixtures/kml/\(name)") }

  static func area(_ g: FlatGeometry) -> Double { g.polygonalArea }

  @Test func placemarksBecomeFeatures() throws {
    let contents = try KMLReader.read(contentsOf: Self.fixture("placemarks.kml"))
    let features = contents.collection.features
    #expect(features.count == 6)
    #expect(
      features.map { $0.geometry?.kind } == [.polygon, .multiPolygon, .lineString, .point, nil, .point])
    let square = try #require(features[0].geometry)
    // 0.01° square less a 0.002° square hole, in degrees².
    #expect(abs(Self.area(square) - (1e-4 - 4e-6)) < 1e-15)
    #expect(square.ringCount == 2)
    let parts = try #require(features[1].geometry)
    // A triangle (closed by the reader) and a 0.01° square.
    #expect(parts.partCount == 2)
    #expect(parts.pointRange(ofRing: 0).count == 4)
    #expect(abs(Self.area(parts) - (5e-5 + 1e-4)) < 1e-15)
    #expect(features[3].geometry == .point(x: -2.3247, y: 53.4128))
    #expect(features[5].geometry == .point(x: -2.31, y: 53.45))
    #expect(
      features[0].properties == [
        "name": .string("Square with a hole"), "description": .string("Drawn at the <b>library</b> session"),
        "folder": .string("Sale / Ashton upon Mersey"), "drawer": .string("A. Resident"),
        "neighbourhood": .string("Ashton upon Mersey"),
      ])
    #expect(features[1].properties["folder"] == .string("Sale"))
    #expect(features[2].properties["folder"] == nil)
    #expect(features[4].properties == ["name": .string("Café meeting (no geometry)")])
    #expect(
      contents.notes == [
        "1 unclosed polygon rings closed", "altitudes dropped from 1 coordinates: nbhd works in 2D",
      ])
  }

  @Test func kmzPlainAndLinkedGiveTheSameFeatures() throws {
    let kml = try KMLReader.read(contentsOf: Self.fixture("placemarks.kml")).collection
    #expect(try KMLReader.read(contentsOf: Self.fixture("placemarks.kmz")).collection == kml)
    #expect(try KMLReader.read(contentsOf: Self.fixture("linked.kmz")).collection == kml)
  }

  @Test func badInputIsAClearError() throws {
    let bad = SharedData.repo("Tests/Fixtures/bad")
    func message(_ path: String) -> String? {
      do {
        _ = try KMLReader.read(contentsOf: path)
        return nil
      } catch {
        return error.description
      }
    }
    #expect(
      message("\(bad)/kml_no_placemark.kml")?.hasSuffix(
        "kml_no_placemark.kml: no Placemark in the KML: there are no features to read (export the layer's features, not only its styles or a network link)"
      ) == true)
    #expect(
      message("\(bad)/kml_bad_coordinates.kml")?.hasSuffix(
        "kml_bad_coordinates.kml:4: Placemark 1 (\"Sale Moor\"): coordinates must be lon,lat or lon,lat,alt tuples "
          + "separated by spaces, found \"-2.3;53.4\"") == true)
    #expect(
      message("\(bad)/kml_malformed.kml")?.hasSuffix(
        "kml_malformed.kml:2:98: not well-formed XML: an end tag that does not match its start tag (XML error 76)"
      )
        == true)
    #expect(
      message("\(bad)/kmz_not_zip.kmz")?.hasSuffix(
        "not a KMZ: the file is not a zip archive (or it is damaged)") == true)
    #expect(message("nowhere.kml") == "nowhere.kml: file not found")
    // Inputs that crashed Foundation's XMLParser under the fuzzer: now errors before it sees them.
    #expect(
      message("\(bad)/kml_not_utf8.kml")?.hasSuffix(
        "kml_not_utf8.kml:2: bytes that are not UTF-8 text; nbhd reads KML as UTF-8 (what Google Earth and My Maps write): save it as UTF-8"
      ) == true)
    #expect(
      message("\(bad)/kml_utf7_declared.kml")?.contains(":1: the XML declaration says encoding=\"UTF-7\"")
        == true)
    #expect(
      message("\(bad)/kml_processing_instruction.kml")?.hasSuffix(
        "kml_processing_instruction.kml:2: a processing instruction (<?…?>), which KML does not use: remove it"
      )
        == true)
    let doctype = Data(
      "<?xml version=\"1.0\"?>\n<!-- <?not?> -->\n<!DOCTYPE kml [<!ENTITY e \"x\">]><kml/>".utf8)
    #expect(
      throws: KMLError.unsupportedMarkup(
        path: "d", line: 3, what: "a DOCTYPE or ENTITY declaration, which KML does not use")
    ) { try KMLReader.read(data: doctype, source: "d") }
    #expect(throws: KMLError.notUTF8(path: "n", line: 1, what: "a NUL byte (is this a KML file?)")) {
      try KMLReader.read(data: Data([0x3C, 0x00]), source: "n")
    }
    #expect(throws: KMLError.noPlacemark(path: "e")) { try KMLReader.read(data: Data(), source: "e") }
    // libxml2 ends a comment at a control character and would parse the `<?x?>` after it (a NULL
    // read in Foundation), so such characters are refused first, wherever they are.
    let control = Data("<kml>\n<!-- \u{1} <?x?> --></kml>".utf8)
    #expect(
      throws: KMLError.unsupportedMarkup(
        path: "c", line: 2, what: "the character U+0001, which XML does not allow in a document")
    ) { try KMLReader.read(data: control, source: "c") }
    let nonCharacter = Data("<kml><![CDATA[ \u{FFFE} <?x?> ]]></kml>".utf8)
    #expect(
      throws: KMLError.unsupportedMarkup(
        path: "f", line: 1, what: "the character U+FFFE, which XML does not allow in a document")
    ) { try KMLReader.read(data: nonCharacter, source: "f") }
  }

  /// Bounded random corruption (the libFuzzer harness in tools/fuzz runs millions).
  @Test func corruptedKMLNeverCrashes() throws {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixture("placemarks.kml"))))
    var random = SeededGenerator(seed: 16)
    let alphabet = Array("<>/&;,. -0123456789eE\"'!?[]PolygnMultGomery".utf8)
    var read = 0
    for _ in 0..<400 {
      let mutated = random.mutated(bytes, alphabet: alphabet, edits: 1...6)
      if (try? KMLReader.read(data: Data(mutated), source: "m")) != nil { read += 1 }
    }
    #expect(read > 0 && read < 400)
  }

  /// The Chicago resident drawings as ogr2ogr exports them: KML (GDAL's KML driver), the same
  /// zipped as doc.kml (what Google My Maps makes), and a KMZ from GDAL's LIBKML driver. The
  /// figures are shapely's on the GeoJSON source: 1,418 polygons, 76 neighbourhoods, planar area
  /// 0.6897291426703305 deg² (ogr2ogr writes 15 significant digits).
  @Test func chicagoDrawingsExportedByOgr2ogr() throws {
    guard SharedData.available("sketches/chicago_dnainfo_drawings_south.geojson"),
      let source = SharedData.path("sketches/chicago_dnainfo_drawings_south.geojson")
    else { return }
    guard let folder = Ogr2ogr.temporaryFolder() else { return }
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Ogr2ogr.run(["-f", "KML", "\(folder)/drawings.kml", source])
    let kml = try KMLReader.read(contentsOf: "\(folder)/drawings.kml").collection.features
    #expect(kml.count == 1_418)
    #expect(kml.allSatisfy { $0.geometry?.kind == .polygon })
    let total = kml.reduce(0.0) { $0 + Self.area($1.geometry!) }
    #expect(abs(total - 0.6897291426703305) / 0.6897291426703305 < 1e-9)
    #expect(Set(kml.compactMap { $0.properties["neighborhood"]?.text }).count == 76)
    #expect(kml[0].properties["neighborhood"] == .string("bucktown"))
    #expect(kml[547].properties["neighborhood"] == .string("auburn-gresham"))
    #expect(kml[1_417].properties["neighborhood"] == .string("west-loop"))
    // The 3-position ring GDAL keeps (GEOS will refuse it, as in the GeoJSON).
    #expect(kml[547].geometry?.pointCount == 3)

    try Ogr2ogr.zip("\(folder)/drawings.kml", as: "doc.kml", into: "\(folder)/mymaps.kmz")
    #expect(try KMLReader.read(contentsOf: "\(folder)/mymaps.kmz").collection.features == kml)

    try Ogr2ogr.run(["-f", "LIBKML", "\(folder)/drawings.kmz", source])
    let libkml = try KMLReader.read(contentsOf: "\(folder)/drawings.kmz").collection.features
    #expect(libkml.count == 1_418)
    // LIBKML writes no geometry for the 61 drawings it finds invalid; the others are the same.
    let written = libkml.indices.filter { libkml[$0].geometry != nil }
    #expect(written.count == 1_357)
    #expect(written.allSatisfy { libkml[$0].geometry == kml[$0].geometry })
    #expect(libkml.map { $0.properties["neighborhood"] } == kml.map { $0.properties["neighborhood"] })
  }
}

/// ogr2ogr (gdal-bin, installed by tools/setup) for tests that export with GDAL.
enum Ogr2ogr {
  static let path = ["/usr/bin/ogr2ogr", "/usr/local/bin/ogr2ogr"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// A fresh folder, or nil (printing a SKIPPED line) when ogr2ogr is not installed.
  static func temporaryFolder() -> String? {
    guard path != nil else {
      print("SKIPPED: ogr2ogr is not installed (GDAL export test)")
      return nil
    }
    let folder = NSTemporaryDirectory() + "nbhd-kml-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  static func run(_ arguments: [String]) throws {
    try launch(path!, arguments)
  }

  /// Zips `file` as the archive member `member` (with Python's zipfile, which every machine with
  /// GDAL has).
  static func zip(_ file: String, as member: String, into archive: String) throws {
    try launch(
      "/usr/bin/env",
      [
        "python3", "-c",
        "import sys, zipfile; z = zipfile.ZipFile(sys.argv[3], 'w', zipfile.ZIP_DEFLATED); z.write(sys.argv[1], sys.argv[2]); z.close()",
        file, member, archive,
      ])
  }

  private static func launch(_ executable: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(executable) failed"])
    }
  }
}
