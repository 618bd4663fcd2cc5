import Foundation
import GeoCore
import TestSupport
import Testing

@testable import GeoJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct WriterTests {
  func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  func formatted(_ value: Double, precision: Int = 6) -> String {
    var out: [UInt8] = []
    CoordinateFormatter(precision: precision).append(value, to: &out)
    return text(out)
  }

  @Test func coordinatePrecisionAndTrimming() {
    #expect(formatted(51.52) == "51.52")
    #expect(formatted(51.520000001) == "51.52")
    #expect(formatted(-0.094744468765127) == "-0.094744")
    #expect(formatted(-0.0947445) == "-0.094745" || formatted(-0.0947445) == "-0.094744")
    #expect(formatted(0.05) == "0.05")
    #expect(formatted(0.000001) == "0.000001")
    #expect(formatted(0.0000004) == "0")
    #expect(formatted(-0.0000004) == "0")
    #expect(formatted(-0.0) == "0")
    #expect(formatted(12) == "12")
    #expect(formatted(532129.4, precision: 0) == "532129")
    #expect(formatted(532129.55, precision: 1) == "532129.6")
    #expect(formatted(-180) == "-180")
    #expect(formatted(1e20) == "1e+20")
    #expect(formatted(.nan) == "null")
    // Whatever is printed must read back within half a unit of the last decimal.
    var rng = SeededGenerator(seed: 7)
    for _ in 0..<10_000 {
      let value = Double.random(in: -1e6...1e6, using: &rng)
      let back = Double(formatted(value)) ?? .nan
      #expect(abs(back - value) <= 0.5e-6 + 1e-9 * abs(value))
    }
  }

  func position(_ x: Double, _ y: Double, comma: Bool, precision: Int = 6) -> String {
    var out: [UInt8] = []
    CoordinateFormatter(precision: precision).appendPosition(x, y, comma: comma, to: &out)
    return text(out)
  }

  /// A position is written in one piece; it must be the bytes of its numbers written one by one,
  /// including the numbers that leave the integer path (too large, not finite).
  @Test func positionIsItsNumbersInBrackets() {
    #expect(position(-2.4334014, 53.5998149, comma: false) == "[-2.433401,53.599815]")
    #expect(position(-0.05, 1e20, comma: true) == ",[-0.05,1e+20]")
    #expect(position(.nan, 0.0000004, comma: true) == ",[null,0]")
    #expect(position(8_999_999_999_999_998, -0.5, comma: false, precision: 0) == "[8999999999999998,-1]")
    #expect(position(0.000_000_000_000_001, -8.5, comma: false, precision: 15) == "[0.000000000000001,-8.5]")
    var rng = SeededGenerator(seed: 11)
    for precision in [0, 2, 6, 15] {
      for _ in 0..<500 {
        let x = Double.random(in: -1e7...1e7, using: &rng)
        let y = Double.random(in: -1...1, using: &rng)
        let expected = "[\(formatted(x, precision: precision)),\(formatted(y, precision: precision))]"
        #expect(position(x, y, comma: false, precision: precision) == expected)
      }
    }
  }

  @Test func propertyTextByHand() {
    // Each value with the JSON text RFC 8259 and `JSONValue.format` call for, written out by hand.
    let cases: [(JSONValue, String)] = [
      (.null, "null"), (.bool(true), "true"), (.bool(false), "false"), (.number(0), "0"),
      (.number(-0.0), "0"), (.number(42), "42"), (.number(-7), "-7"), (.number(1.5), "1.5"),
      (.number(1e300), "1e+300"), (.number(9_007_199_254_740_992), "9007199254740992.0"),
      (.number(-2.5e-8), "-2.5e-08"), (.number(.infinity), "null"),
      (.string(""), #""""#), (.string("plain"), #""plain""#),
      (
        .string("q\"b\\s/\n\r\t\u{08}\u{0C}\u{01}\u{1F}é中😀"),
        #""q\"b\\s/\n\r\t\b\f\u0001\u001fé中😀""#
      ),
      (.array([.number(1), .array([]), .object([:])]), "[1,[],{}]"),
      (
        .object(["a": .string("x"), "b": .array([.null, .object(["c": .number(3.25)])])]),
        #"{"a":"x","b":[null,{"c":3.25}]}"#
      ),
    ]
    for (value, expected) in cases {
      var out: [UInt8] = []
      JSONBytes.append(value, to: &out)
      #expect(text(out) == expected)
      #expect(value.jsonText == expected)
    }
  }

  @Test func prettyTextByHand() {
    let value: JSONValue = .object([
      "name": .string("a"), "sizes": .array([.number(1), .number(2.5)]), "empty": .array([]),
      "rows": .array([.object(["n": .number(3)]), .null]), "none": .object([:]),
    ])
    let expected = """
      {
        "name": "a",
        "sizes": [1,2.5],
        "empty": [],
        "rows": [
          {
            "n": 3
          },
          null
        ],
        "none": {}
      }
      """
    #expect(value.prettyJSON == expected)
  }

  @Test func writesCollectionMembersIDsAndCRS() throws {
    var collection = FeatureCollection(
      features: [
        Feature(
          id: .string("E01000001"), properties: ["name": .string("A \"quoted\" name")],
          geometry: .point(x: 1, y: 2)),
        Feature(id: .number(2), properties: [:], geometry: nil, foreignMembers: ["title": .string("t")]),
      ], crsName: "ignored", foreignMembers: ["name": .string("layer")])
    collection.features[0].foreignMembers["type"] = .string("must not be written")
    let output = text(GeoJSONWriter(options: .init(crsName: "EPSG:27700")).encode(collection))
    let expected = """
      {"type":"FeatureCollection","name":"layer","crs":{"type":"name","properties":{"name":"EPSG:27700"}},"features":[
      {"type":"Feature","id":"E01000001","properties":{"name":"A \\"quoted\\" name"},"geometry":{"type":"Point","coordinates":[1,2]}},
      {"type":"Feature","id":2,"properties":{},"geometry":null,"title":"t"}
      ]}

      """
    #expect(output == expected)
    // Without crsName there is no crs member, whatever the input had.
    #expect(!text(GeoJSONWriter().encode(collection)).contains("crs"))
  }

  @Test func rightHandRule() throws {
    // Clockwise shell and counter-clockwise hole: both must be reversed.
    let polygon = FlatGeometry.polygon([
      [(0, 0), (0, 10), (10, 10), (10, 0), (0, 0)],
      [(2, 2), (4, 2), (4, 4), (2, 2)],
    ])
    let collection = FeatureCollection(features: [Feature(geometry: polygon)])
    let output = text(GeoJSONWriter().encode(collection))
    #expect(
      output.contains(#""coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[4,4],[4,2],[2,2]]]"#))
    let back = try #require(try GeoJSONReader.read(string: output).features[0].geometry)
    #expect(back.signedDoubleArea(ofRing: 0) > 0)
    #expect(back.signedDoubleArea(ofRing: 1) < 0)
    let kept = text(GeoJSONWriter(options: .init(enforceRightHandRule: false)).encode(collection))
    #expect(kept.contains(#"[[[0,0],[0,10],[10,10],[10,0],[0,0]],[[2,2],[4,2],[4,4],[2,2]]]"#))
  }

  @Test func everyGeometryTypeRoundTrips() throws {
    let input = collection(
      feature(#"{"type":"Point","coordinates":[1.25,-2.5]}"#),
      feature(#"{"type":"Point","coordinates":[]}"#),
      feature(#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#),
      feature(#"{"type":"MultiPoint","coordinates":[[0,0],[1,1]]}"#),
      feature(#"{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}"#),
      feature(#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#),
      feature(
        #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}"#),
      feature(#"{"type":"MultiPolygon","coordinates":[]}"#),
      feature(
        #"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[0,0],[1,1]]}]}"#
      ))
    let first = try read(input)
    let written = GeoJSONWriter().encode(first)
    let second = try GeoJSONReader.read(bytes: written, source: "written")
    #expect(second == first)
  }

  @Test func readWriteReadKeepsFeaturesIDsAndProperties() throws {
    let input = #"""
      {"type":"FeatureCollection","name":"wards","features":[
      {"type":"Feature","id":"W1","properties":{"s":"é \"x\" \n","n":1.5,"i":-3,"b":true,"z":null,"a":[1,[2]],"o":{"k":"v"}},
       "geometry":{"type":"Polygon","coordinates":[[[0.1234567,51.1],[0.2,51.1],[0.2,51.2],[0.1234567,51.1]]]}},
      {"type":"Feature","id":42,"properties":{},"geometry":null,"extra":{"q":[true]}}]}
      """#
    let first = try read(input)
    let second = try GeoJSONReader.read(bytes: GeoJSONWriter().encode(first), source: "written")
    #expect(second.features.count == first.features.count)
    #expect(second.features.map(\.id) == first.features.map(\.id))
    #expect(second.features.map(\.properties) == first.features.map(\.properties))
    #expect(second.features.map(\.foreignMembers) == first.features.map(\.foreignMembers))
    #expect(second.foreignMembers == first.foreignMembers)
    // 6 decimals by default.
    #expect(second.features[0].geometry?.x(0) == 0.123457)
  }

  @Test func encodeSequenceOfFeatures() {
    let features = (0..<3).lazy.map {
      Feature(id: .number(Double($0)), geometry: .point(x: Double($0), y: 0))
    }
    let output = text(GeoJSONWriter().encode(features: features, foreignMembers: ["name": .string("n")]))
    #expect(output.split(separator: "\n").count == 5)
    #expect(output.hasPrefix(#"{"type":"FeatureCollection","name":"n","features":["#))
  }

  // MARK: Atomic writes

  func entries(_ directory: String) -> [String] {
    guard let dir = opendir(directory) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  func contents(_ path: String) -> String? {
    guard let collection = try? GeoJSONReader.read(contentsOf: path) else { return nil }
    return collection.foreignMembers["name"]?.text
  }

  @Test func atomicWriteReplacesAndLeavesNoTemporaryFile() throws {
    let directory = makeTemporaryDirectory()
    let path = directory + "/out.geojson"
    try GeoJSONWriter.write(
      FeatureCollection(features: [], foreignMembers: ["name": .string("one")]), to: path)
    try GeoJSONWriter.write(
      FeatureCollection(features: [], foreignMembers: ["name": .string("two")]), to: path)
    #expect(entries(directory) == ["out.geojson"])
    #expect(contents(path) == "two")
  }

  @Test func failedWriteKeepsExistingFileAndRemovesTemporary() throws {
    let directory = makeTemporaryDirectory()
    let path = directory + "/out.geojson"
    try GeoJSONWriter.write(
      FeatureCollection(features: [], foreignMembers: ["name": .string("old")]), to: path)
    let bytes = GeoJSONWriter().encode(
      FeatureCollection(features: [], foreignMembers: ["name": .string("new")]))
    #expect(throws: AtomicFile.WriteError.self) {
      try AtomicFile.write(bytes, to: path) { () throws(AtomicFile.WriteError) in
        throw AtomicFile.WriteError(path: path, reason: "simulated failure")
      }
    }
    #expect(entries(directory) == ["out.geojson"])
    #expect(contents(path) == "old")
  }

  /// Parts are written one after another, bridged and non-ASCII text and empty parts included;
  /// a folder that is not there is an error naming the file, and leaves nothing behind.
  @Test func textPartsMakeOneFile() throws {
    let directory = makeTemporaryDirectory()
    let path = directory + "/parts.txt"
    let bridged = String(NSString(string: "Brontë "))
    try AtomicFile.write(
      parts: ["<head>\n", "", bridged, String(repeating: "é", count: 40_000), "\n"], to: path)
    let written = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(written == Data(("<head>\nBrontë " + String(repeating: "é", count: 40_000) + "\n").utf8))
    #expect(written.count == 7 + 8 + 80_000 + 1)
    #expect(
      throws: AtomicFile.WriteError(path: directory + "/no/such.txt", reason: "No such file or directory")
    ) {
      try AtomicFile.write(parts: ["x"], to: directory + "/no/such.txt")
    }
    #expect(entries(directory) == ["parts.txt"])
  }

  /// A streamed write holds the chunks in order; a producer's own error stops it, is rethrown as
  /// it is, and leaves the old file and no temporary behind.
  @Test func streamedWriteJoinsChunksAndStopsOnTheProducersError() throws {
    struct Stop: Error {}
    let directory = makeTemporaryDirectory()
    let path = directory + "/out.geojson"
    let chunks = [#"{"type":"FeatureCollection","#, "", #""name":"str"#, #"eamed","features":[]}"#]
    try AtomicFile.write(to: path) { emit in
      for chunk in chunks { try emit(Array(chunk.utf8)) }
    }
    #expect(contents(path) == "streamed")
    #expect(throws: Stop.self) {
      try AtomicFile.write(to: path) { emit in
        try emit(Array("new".utf8))
        throw Stop()
      }
    }
    #expect(entries(directory) == ["out.geojson"])
    #expect(contents(path) == "streamed")
  }

  /// A collection built feature by feature has the bytes of one encoded whole.
  @Test func collectionBuiltPieceByPieceMatchesTheWholeEncoding() {
    let writer = GeoJSONWriter()
    let features = (0..<3).map { k in
      Feature(properties: ["k": .number(Double(k))], geometry: .point(x: Double(k), y: 0.5))
    }
    let encoded = features.map(writer.encodeFeature)
    var out: [UInt8] = []
    writer.beginCollection(in: &out)
    for (k, bytes) in encoded.enumerated() { GeoJSONWriter.append(encodedFeature: bytes, at: k, to: &out) }
    GeoJSONWriter.endCollection(in: &out)
    #expect(text(out) == text(writer.encode(features: features)))
    #expect(out == writer.encode(encodedFeatures: encoded))
    var empty: [UInt8] = []
    writer.beginCollection(in: &empty)
    GeoJSONWriter.endCollection(in: &empty)
    #expect(text(empty) == "{\"type\":\"FeatureCollection\",\"features\":[\n]}\n")
  }

  @Test func writeOntoDirectoryOrMissingDirectoryFails() throws {
    let directory = makeTemporaryDirectory()
    mkdir(directory + "/taken", 0o755)
    let empty = FeatureCollection(features: [])
    #expect(throws: GeoJSONError.self) { try GeoJSONWriter.write(empty, to: directory + "/taken") }
    #expect(entries(directory) == ["taken"])
    do {
      try GeoJSONWriter.write(empty, to: directory + "/missing/out.geojson")
      Issue.record("writing into a missing directory should fail")
    } catch {
      #expect(error.description.contains("missing/out.geojson: cannot write the file"))
    }
  }
}
