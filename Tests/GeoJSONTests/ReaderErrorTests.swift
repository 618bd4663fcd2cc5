import GeoCore
import GeoJSON
import TestSupport
import Testing

@Suite struct ReaderErrorTests {
  /// One bad input, the kind of problem and the substrings its message must contain.
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var input: String
    var problem: GeoJSONDiagnostic.Problem
    var expected: [String]
    var testDescription: String { name }
  }

  static let point = #"{"type":"Point","coordinates":[0,0]}"#

  static let cases: [Case] = [
    Case(name: "empty", input: "", problem: .emptyInput, expected: ["t.geojson:1:1:", "empty"]),
    Case(
      name: "only whitespace", input: " \n ", problem: .emptyInput, expected: ["t.geojson:2:2:", "empty"]),
    Case(
      name: "truncated", input: #"{"type":"FeatureCollection","features":[{"type":"Feature","#,
      problem: .unexpectedEnd, expected: ["unexpected end of input", "feature 0"]),
    Case(
      name: "truncated number", input: #"{"type":"Point","coordinates":[1."#, problem: .invalidNumber,
      expected: ["expected a digit after the decimal point"]),
    Case(
      name: "truncated string", input: #"{"type":"Point","coordinates":[0,0],"name":"abc"#,
      problem: .unexpectedEnd, expected: ["unexpected end of input inside a string"]),
    Case(
      name: "missing comma", input: #"{"type":"FeatureCollection" "features":[]}"#, problem: .malformedJSON,
      expected: ["t.geojson:1:29:", #"expected ',' or '}'"#, #"found "features""#]),
    Case(
      name: "trailing garbage", input: point + " x", problem: .malformedJSON,
      expected: ["after the end of the GeoJSON object"]),
    Case(
      name: "top level array", input: "[1,2]", problem: .wrongType,
      expected: ["expected a GeoJSON object at the top level, found an array"]),
    Case(
      name: "coordinates is a string", input: #"{"type":"Point","coordinates":"x"}"#, problem: .wrongType,
      expected: [#"expected an array in "coordinates", found "x""#]),
    Case(
      name: "number expected", input: collection(feature(#"{"type":"Point","coordinates":[1,"x"]}"#)),
      problem: .malformedJSON, expected: [#"feature 0: expected a number in "coordinates", found "x""#]),
    Case(
      name: "features is an object", input: #"{"type":"FeatureCollection","features":{}}"#,
      problem: .wrongType,
      expected: [#"expected an array in "features", found an object"#]),
    Case(
      name: "properties is an array", input: collection(feature("null", properties: "[]")),
      problem: .wrongType,
      expected: [#"expected an object or null in "properties", found an array"#]),
    Case(
      name: "id is a boolean", input: collection(#"{"type":"Feature","id":true,"geometry":null}"#),
      problem: .wrongType, expected: [#""id" member must be a string or a number"#]),
    Case(
      name: "unknown geometry type", input: collection(feature(#"{"type":"Circle","coordinates":[0,0]}"#)),
      problem: .unknownType, expected: [#"unknown geometry type "Circle""#, "MultiPolygon"]),
    Case(
      name: "unknown top-level type", input: #"{"type":"Topology"}"#, problem: .unknownType,
      expected: [#"unknown GeoJSON type "Topology""#]),
    Case(
      name: "missing type", input: #"{"features":[]}"#, problem: .missingMember,
      expected: [#"no "type" member"#]),
    Case(
      name: "missing coordinates", input: #"{"type":"Point"}"#, problem: .missingMember,
      expected: [#"no "coordinates" member"#]),
    Case(
      name: "feature of the wrong type", input: collection(point), problem: .wrongType,
      expected: [#"expected "type": "Feature""#, #"found "Point""#]),
    Case(
      name: "short ring", input: #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#,
      problem: .invalidGeometry, expected: ["ring 0 of polygon has 3 positions", "at least 4"]),
    Case(
      name: "unclosed ring",
      input: #"{"type":"Polygon","coordinates":[[[0,0],[9,0],[9,9],[0,0]],[[1,1],[2,1],[2,2],[1,2]]]}"#,
      problem: .invalidGeometry,
      expected: ["ring 1 of polygon is not closed (first and last positions differ)"]),
    Case(
      name: "unclosed ring in a multipolygon",
      input:
        #"{"type":"MultiPolygon","coordinates":[[[[0,0],[9,0],[9,9],[0,0]]],[[[1,1],[2,1],[2,2],[1,2]]]]}"#,
      problem: .invalidGeometry, expected: ["ring 0 of polygon 1 is not closed"]),
    Case(
      name: "short position", input: #"{"type":"LineString","coordinates":[[0,0],[1]]}"#,
      problem: .invalidGeometry, expected: ["a position needs at least 2 numbers (x and y), found 1"]),
    Case(
      name: "empty position", input: #"{"type":"Point","coordinates":[[]]}"#, problem: .malformedJSON,
      expected: [#"expected a number in "coordinates", found an array"#]),
    Case(
      name: "one-point line", input: #"{"type":"LineString","coordinates":[[0,0]]}"#,
      problem: .invalidGeometry,
      expected: ["a LineString has 1 position"]),
    Case(
      name: "NaN", input: #"{"type":"Point","coordinates":[NaN,0]}"#, problem: .invalidNumber,
      expected: [#"found "NaN""#, "NaN and Infinity are not JSON numbers"]),
    Case(
      name: "-Infinity", input: collection(feature("null", properties: #"{"x":-Infinity}"#)),
      problem: .invalidNumber, expected: [#"found "-Infinity""#, "not JSON numbers"]),
    Case(
      name: "leading plus", input: #"{"type":"Point","coordinates":[+1,0]}"#, problem: .invalidNumber,
      expected: ["cannot start with '+'"]),
    Case(
      name: "leading zero", input: #"{"type":"Point","coordinates":[01,0]}"#, problem: .invalidNumber,
      expected: ["leading zeros"]),
    Case(
      name: "hex", input: #"{"type":"Point","coordinates":[0x1F,0]}"#, problem: .invalidNumber,
      expected: [#"malformed number "0x1F""#]),
    Case(
      name: "overflow", input: #"{"type":"Point","coordinates":[1e400,0]}"#, problem: .numberOutOfRange,
      expected: [#"number out of range "1e400""#]),
    Case(
      name: "long overflow", input: #"{"type":"Point","coordinates":[123456789012345678901234e300,0]}"#,
      problem: .numberOutOfRange, expected: ["number out of range"]),
    Case(
      name: "control character in string", input: "{\"type\":\"Point\",\"coordinates\":[0,0],\"n\":\"a\tb\"}",
      problem: .malformedJSON, expected: ["control character"]),
    Case(
      name: "bad escape", input: #"{"type":"Point","coordinates":[0,0],"n":"\x"}"#, problem: .malformedJSON,
      expected: ["invalid escape"]),
    Case(
      name: "bad unicode escape", input: #"{"type":"Point","coordinates":[0,0],"n":"\u12G4"}"#,
      problem: .malformedJSON, expected: ["invalid \\u escape"]),
    Case(
      name: "bare word", input: collection(feature("null", properties: #"{"x":nul}"#)),
      problem: .malformedJSON,
      expected: [#"expected a JSON value in "x", found "nul""#]),
    Case(
      name: "deep nesting in properties",
      input: collection(
        feature(
          "null",
          properties: #"{"x":"# + String(repeating: "[", count: 10_000)
            + String(repeating: "]", count: 10_000) + "}")),
      problem: .nestingTooDeep, expected: ["nested more than 512 levels deep", "feature 0"]),
    Case(
      name: "deep nesting truncated", input: String(repeating: #"{"a":"#, count: 100_000),
      problem: .nestingTooDeep,
      expected: ["nested more than 512 levels deep"]),
    Case(
      name: "deep geometry collections",
      input: String(repeating: #"{"type":"GeometryCollection","geometries":["#, count: 5_000),
      problem: .nestingTooDeep, expected: ["nested more than 512 levels deep"]),
  ]

  @Test(arguments: cases)
  func badInput(_ c: Case) throws {
    let error = try #require(readError(c.input), "expected an error")
    let diagnostic = try #require(error.diagnostic)
    #expect(diagnostic.problem == c.problem, "\(error)")
    #expect(error.description.hasPrefix("t.geojson:"), "\(error)")
    for part in c.expected {
      #expect(error.description.contains(part), "\(error) should contain \(part)")
    }
  }

  @Test func nestingJustBelowTheLimitReads() throws {
    // The collection, features array, feature and properties take 4 levels; 500 more fit.
    let deep = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    let c = try read(collection(feature("null", properties: #"{"x":"# + deep + "}")))
    #expect(c.features.count == 1)
    let tooDeep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    #expect(
      readError(collection(feature("null", properties: #"{"x":"# + tooDeep + "}")))?.diagnostic?.problem
        == .nestingTooDeep)
  }

  @Test func errorNamesFeatureIndexIDAndLineColumn() throws {
    let text = """
      {"type": "FeatureCollection", "features": [
      {"type": "Feature", "id": "E01000001", "properties": {}, "geometry": {"type": "Point", "coordinates": [0, 0]}},
      {"type": "Feature", "id": "E01000002", "properties": {}, "geometry": {"type": "Point", "coordinates": [0, 0]}},
      {"type": "Feature", "id": "E01000004", "properties": {},
       "geometry": {"type": "Point", "coordinates": [0, "x"]}}
      ]}
      """
    let error = try #require(readError(text))
    #expect(
      error.description
        == #"t.geojson:5:51: feature 2 (id "E01000004"): expected a number in "coordinates", found "x""#)
    let diagnostic = try #require(error.diagnostic)
    #expect(diagnostic.featureIndex == 2)
    #expect(diagnostic.featureID == .string("E01000004"))
    #expect(diagnostic.line == 5)
  }

  @Test func numericIDAndUnicodeColumns() throws {
    let text =
      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":7,\"properties\":{\"n\":\"é\"},"
      + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[0,NaN]}}]}"
    let error = try #require(readError(text))
    #expect(error.description.hasPrefix("t.geojson:1:133: feature 0 (id 7): "), "\(error)")
  }

  @Test func fileErrors() throws {
    #expect(throws: GeoJSONError.fileNotFound(path: "/nonexistent/x.geojson")) {
      try GeoJSONReader.read(contentsOf: "/nonexistent/x.geojson")
    }
    do {
      _ = try GeoJSONReader.read(contentsOf: "/tmp")
      Issue.record("reading a directory should fail")
    } catch {
      guard case .unreadable(let path, _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(path == "/tmp")
      #expect(error.description.contains("/tmp: cannot read the file"))
    }
  }

  /// A bounded random mutation test: every prefix-cut, byte flip and splice of a valid document
  /// must either read or throw, never crash or hang.
  @Test func randomMutationsNeverCrash() throws {
    let valid = Array(
      collection(
        feature(
          #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}"#,
          properties: #"{"a":"x\u00e9","b":[1,2e3,{"c":null}],"d":true}"#),
        #"{"type":"Feature","id":3,"properties":null,"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2,3]}]}}"#
      ).utf8)
    #expect(throws: Never.self) { try GeoJSONReader.read(bytes: valid, source: "m") }
    var rng = SeededGenerator(seed: 42)
    let alphabet = Array(#"{}[]",:0123456789.-+eE truefalsenull\"#.utf8) + [0, 0xFF, 0xC3]
    for cut in 0..<valid.count {
      _ = try? GeoJSONReader.read(bytes: Array(valid[0..<cut]), source: "m")
    }
    for _ in 0..<3000 {
      _ = try? GeoJSONReader.read(bytes: rng.mutated(valid, alphabet: alphabet), source: "m")
    }
  }
}
