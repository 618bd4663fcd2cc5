import GeoCore
import Testing

@testable import GeoJSON

/// The two-thread read first tries a comma found near the middle by its look (`}`, `,`,
/// `{"type": "Feature"`); a look-alike that is not between two features must be caught and
/// the exact scan used, with the same features as one thread.
@Suite struct FeatureBoundaryTests {
  /// Where `featureBoundary` guesses in `text`, with the scanner inside the features array.
  static func guess(_ text: String) -> Int? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBytes { raw in
      var scanner = ByteScanner(raw)
      scanner.pos = Array(text.utf8).firstIndex(of: UInt8(ascii: "["))! + 1
      return FeatureListSplit.featureBoundary(nearMiddleOf: scanner)
    }
  }

  static func sequentialAndParallel(_ text: String) throws -> (FeatureCollection, FeatureCollection) {
    let bytes = Array(text.utf8)
    return (
      try GeoJSONReader.read(bytes: bytes, source: "t", parallelAbove: Int.max),
      try GeoJSONReader.read(bytes: bytes, source: "t", parallelAbove: 0)
    )
  }

  @Test("in a plain layout the guess is the comma between two features")
  func plainLayout() throws {
    let point = feature(#"{"type":"Point","coordinates":[1,2]}"#)
    let text = collection(point, point, point, point) + "\n"
    let comma = try #require(Self.guess(text))
    // Four features of equal length: the boundary past the middle is the third comma.
    let separators = Array(text.utf8).indices.filter {
      Array(text.utf8)[$0] == UInt8(ascii: ",") && Array(text.utf8)[$0 - 1] == UInt8(ascii: "}")
        && Array(text.utf8)[$0 + 1] == UInt8(ascii: "{")
    }
    #expect(separators.count == 3)
    #expect(comma == separators[1] || comma == separators[2])
    let (sequential, parallel) = try Self.sequentialAndParallel(text)
    #expect(parallel == sequential && parallel.features.count == 4)
  }

  @Test("a look-alike inside a feature is guessed, caught, and the exact scan splits instead")
  func lookAlikeIsCaught() throws {
    let pad = String(repeating: "p", count: 4_000)
    // The middle falls in the pad; the next look-alike is inside the nested list.
    let nested = #"{"pad":""# + pad + #"","nested":[{"a":1},{"type":"Feature","b":2}]}"#
    let text = collection(
      feature(#"{"type":"Point","coordinates":[1,2]}"#),
      feature(#"{"type":"Point","coordinates":[3,4]}"#, properties: nested),
      feature(#"{"type":"Point","coordinates":[5,6]}"#))
    let comma = try #require(Self.guess(text))
    let decoy = try #require(text.range(of: #"{"a":1},{"type""#))
    #expect(comma == text.utf8.distance(from: text.utf8.startIndex, to: decoy.lowerBound) + 7)
    let (sequential, parallel) = try Self.sequentialAndParallel(text)
    #expect(parallel == sequential)
    #expect(parallel.features.count == 3)
    #expect(parallel.features[1].properties["nested"] != nil)
  }
}
