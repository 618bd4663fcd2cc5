import GeoCore
import PROJ
import TestSupport
import Testing

/// Deterministic pseudo-random lon/lat pairs over Great Britain (SplitMix64).
func randomGreatBritainCoordinates(count: Int, seed: UInt64) -> [Double] {
  var generator = SeededGenerator(seed: seed)
  func next() -> Double { generator.unit() }
  var coordinates: [Double] = []
  coordinates.reserveCapacity(2 * count)
  for _ in 0..<count {
    coordinates.append(-6 + 8 * next())
    coordinates.append(50 + 8 * next())
  }
  return coordinates
}

@Suite("Batches and threads")
struct BatchAndThreadTests {
  @Test("100,000 points in one batch equal the same points transformed one at a time")
  func batchEqualsSinglePoints() throws {
    let input = randomGreatBritainCoordinates(count: 100_000, seed: 27700)
    let transformer = try Transformer(from: .wgs84LonLat, to: .britishNationalGrid)
    var batch = input
    try transformer.transform(&batch)
    var mismatches = 0
    for pair in 0..<input.count / 2 {
      var single = [input[2 * pair], input[2 * pair + 1]]
      try transformer.transform(&single)
      if single[0] != batch[2 * pair] || single[1] != batch[2 * pair + 1] { mismatches += 1 }
    }
    #expect(mismatches == 0)
    #expect(batch != input)
  }

  @Test("two transformers on two threads give the same results as one on this thread")
  func concurrentTransformers() async throws {
    let input = randomGreatBritainCoordinates(count: 50_000, seed: 4326)
    var expected = input
    try Transformer(from: .wgs84LonLat, to: .britishNationalGrid).transform(&expected)
    let results = try await withThrowingTaskGroup(of: [Double].self) { group in
      for _ in 0..<2 {
        group.addTask {
          // Each task makes its own transformer: a Transformer must never cross threads.
          let transformer = try Transformer(from: .wgs84LonLat, to: .britishNationalGrid)
          var output: [Double] = []
          for _ in 0..<4 {
            output = input
            try transformer.transform(&output)
          }
          return output
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(results.count == 2)
    for result in results { #expect(result == expected) }
  }
}
