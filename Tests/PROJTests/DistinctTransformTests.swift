import GeoCore
import TestSupport
import Testing

@testable import PROJ

/// `TransformerRecipe.transformDistinct`: each distinct pair once, on several threads, with the
/// values and errors of one plain batch.
@Suite struct DistinctTransformTests {
  /// 30,000 pairs drawn with repeats from 6,000 distinct lon/lat points over Great Britain, plus
  /// a known point and the two zeros of longitude (whose bits differ).
  static func repeatingCoordinates() -> [Double] {
    let distinct = randomGreatBritainCoordinates(count: 6_000, seed: 17)
    var generator = SeededGenerator(seed: 1_700)
    var coordinates: [Double] = []
    for _ in 0..<30_000 {
      let pair = Int(generator.unit() * 6_000) % 6_000
      coordinates += [distinct[2 * pair], distinct[2 * pair + 1]]
    }
    coordinates += [-2.35, 53.44, 0.0, 52.0, -0.0, 52.0, -2.35, 53.44, 0.0, 52.0]
    return coordinates
  }

  @Test("on one and two threads the values equal one plain batch to the last bit", arguments: [1, 2])
  func sameValuesAsOneBatch(threads: Int) throws {
    let input = Self.repeatingCoordinates()
    #expect(input.count / 2 > TransformerRecipe.parallelPairThreshold)
    let transformer = try Transformer(from: .wgs84LonLat, to: .britishNationalGrid)
    var expected = input
    try transformer.transform(&expected)
    var distinct = input
    try transformer.recipe.transformDistinct(&distinct, threads: threads)
    #expect(distinct.map(\.bitPattern) == expected.map(\.bitPattern))
    // The known point (from the OSTN-free Helmert pipeline, as in ErrorTests) at both places.
    let known = input.count / 2 - 5
    #expect(abs(distinct[2 * known] - 376847.626247) < 0.001)
    #expect(distinct[2 * known] == distinct[2 * (known + 3)])
  }

  @Test("the shares cover every pair once and each share keeps each distinct pair once")
  func sharesPartitionThePairs() {
    // Pairs 0, 2 and 4 are equal; 1 and 3 differ only in the sign of a zero.
    let coordinates = [1.5, 2.5, 0.0, 7.0, 1.5, 2.5, -0.0, 7.0, 1.5, 2.5, 9.0, 9.0]
    for shares in [1, 2, 3] {
      let parts = (0..<shares).map { DistinctPairs(coordinates, share: $0, of: shares) }
      #expect(parts.flatMap(\.positions).sorted() == [0, 1, 2, 3, 4, 5])
      #expect(parts.map { $0.distinct.count / 2 }.reduce(0, +) == 4)
      // Rebuilt from the distinct values, every pair is its input again.
      var rebuilt = [Double](repeating: .nan, count: coordinates.count)
      rebuilt.withUnsafeMutableBufferPointer { output in
        for part in parts { part.write(into: output) }
      }
      #expect(rebuilt.map(\.bitPattern) == coordinates.map(\.bitPattern))
    }
  }

  @Test("a failing pair gives the plain batch's error and leaves the buffer as it was")
  func failureIsThePlainBatchError() throws {
    var input = Self.repeatingCoordinates()
    // Latitude 95 three times (one distinct pair), after the 10th pair and at the end.
    input.insert(contentsOf: [-2.35, 95], at: 20)
    input += [-2.35, 95, -2.35, 95]
    let transformer = try Transformer(from: .wgs84LonLat, to: .britishNationalGrid)
    var plain = input
    var plainError: PROJError?
    do { try transformer.transform(&plain) } catch let error as PROJError { plainError = error }
    var distinct = input
    var distinctError: PROJError?
    do {
      try transformer.recipe.transformDistinct(&distinct, threads: 2)
    } catch let error as PROJError {
      distinctError = error
    }
    let error = try #require(distinctError)
    #expect(error == plainError)
    guard case .transformationFailed(let failed, let total, let x, let y, _) = error else {
      Issue.record("unexpected error \(error)")
      return
    }
    #expect(failed == 3 && total == input.count / 2)
    #expect(x == -2.35 && y == 95)
    #expect(distinct.map(\.bitPattern) == input.map(\.bitPattern))
  }
}
