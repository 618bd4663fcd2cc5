import Foundation
import GeoCore
import GeoJSON
import TestSupport
import Testing

/// A big `features` array is read in two halves on two threads; forcing that path on small
/// inputs must give the same features, and the same error for every bad input, as one thread.
@Suite struct ParallelReadTests {
  /// The outcome of a read: the features, or the error message.
  static func outcome(_ bytes: [UInt8], parallel: Bool) -> Result<FeatureCollection, GeoJSONError> {
    Result { () throws(GeoJSONError) in
      try GeoJSONReader.read(bytes: bytes, source: "t.geojson", parallelAbove: parallel ? 0 : Int.max)
    }
  }

  static func sameOutcome(_ bytes: [UInt8]) -> Bool {
    switch (outcome(bytes, parallel: true), outcome(bytes, parallel: false)) {
    case (.success(let a), .success(let b)): return a == b
    case (.failure(let a), .failure(let b)): return a.description == b.description
    default: return false
    }
  }

  static let sample: [UInt8] = Array(
    collection(
      feature(
        #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#,
        properties: #"{"name":"a, \"b\" [c]"}"#),
      feature(#"{"type":"Point","coordinates":[1,2]}"#, properties: #"{"s":"}]{,"}"#),
      feature(#"{"type":"LineString","coordinates":[[1,2],[3,4]]}"#),
      #"{"type":"Feature","id":"x\\\"y","properties":null,"geometry":null}"#,
      feature(#"{"type":"MultiPoint","coordinates":[[5,6],[7,8]]}"#, properties: #"{"k":[1,{"z":"\\\\"}]}"#)
    ).utf8)

  @Test func sameFeaturesBothWays() throws {
    let parallel = try GeoJSONReader.read(bytes: Self.sample, source: "t", parallelAbove: 0)
    #expect(parallel.features.count == 5)
    #expect(parallel == (try GeoJSONReader.read(bytes: Self.sample, source: "t", parallelAbove: Int.max)))
  }

  @Test func sameErrorsOnEveryCutAndMutation() {
    for cut in 0..<Self.sample.count {
      #expect(Self.sameOutcome(Array(Self.sample[0..<cut])), "cut at \(cut)")
    }
    var rng = SeededGenerator(seed: 99)
    let alphabet = Array(#"{}[]",:0123456789.-+eE truefalsenull\"#.utf8) + [0, 0xFF]
    for trial in 0..<3000 {
      let bytes = rng.mutated(Self.sample, alphabet: alphabet)
      #expect(Self.sameOutcome(bytes), "mutation \(trial): \(String(decoding: bytes, as: UTF8.self))")
    }
  }

  @Test(arguments: ["wards23_full", "oa21_pop_mid2024", "localities23_full"])
  func realFilesBothWays(_ name: String) throws {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    let path = url.appendingPathComponent("data/trafford/\(name).geojson").path
    let parallel = try GeoJSONReader.read(contentsOf: path, parallelAbove: 0)
    #expect(parallel == (try GeoJSONReader.read(contentsOf: path, parallelAbove: Int.max)))
    #expect(parallel.features.count >= 4)
  }

  @Test(.enabled(if: nationalFileExists(), "needs \(nationalLSOA11)"))
  func nationalFileBothWays() throws {
    let parallel = try GeoJSONReader.read(contentsOf: nationalLSOA11, parallelAbove: 0)
    #expect(parallel.features.count == 34_753)
    #expect(parallel == (try GeoJSONReader.read(contentsOf: nationalLSOA11, parallelAbove: Int.max)))
  }
}
