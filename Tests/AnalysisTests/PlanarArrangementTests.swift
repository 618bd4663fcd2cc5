import GEOS
import Testing

@testable import Analysis

/// The arrangement's counts come from matching each chain segment with the noded edges lying
/// along it: here segments split by other rings' corners (a T-junction) and two rings sharing
/// part of an edge the opposite way round, where a missed match breaks the counts.
@Suite struct PlanarArrangementTests {
  /// Counter-clockwise ring through `points` as chain segments of weight 1.
  static func ring(_ points: [(Double, Double)]) -> [ChainSegment] {
    points.indices.map { i in
      let (x0, y0) = points[i], (x1, y1) = points[(i + 1) % points.count]
      return ChainSegment(x0: x0, y0: y0, x1: x1, y1: y1, key: 0, weight: 1)
    }
  }

  @Test func segmentsSplitByOtherRingsAreMatchedWithTheirEdges() throws {
    // A: 4 × 4 square. B: 2 × 2 below it, its top edge on A's bottom edge (x 1 to 3), run
    // the other way. C: 3 × 2 across A's right side. By hand: union 16 + 4 + 2 = 22, two
    // drawings over A ∩ C = 4, and Σ count × area = 16 + 4 + 6 = 26.
    let a = Self.ring([(0, 0), (4, 0), (4, 4), (0, 4)])
    let b = Self.ring([(1, -2), (3, -2), (3, 0), (1, 0)])
    let c = Self.ring([(2, 1), (5, 1), (5, 3), (2, 3)])
    let owners =
      [Int32](repeating: 0, count: a.count) + [Int32](repeating: 1, count: b.count)
      + [Int32](repeating: 2, count: c.count)
    let arrangement = try PlanarArrangement(
      a + b + c, context: GeometryContext(), owners: owners, ownerCount: 3)
    #expect(arrangement.inconsistentCrossings == 0)
    func count(_ cycle: Int) -> Int32 { arrangement.counts.value(cycle, 0) }
    #expect(arrangement.area { count($0) >= 1 } == 22)
    #expect(arrangement.area { count($0) >= 2 } == 4)
    #expect(arrangement.area { count($0) >= 3 } == 0)
    var weighted = 0.0
    for cycle in 0..<arrangement.cycleCount {
      weighted += Double(count(cycle)) * arrangement.cycleDoubleArea[cycle] / 2
    }
    #expect(weighted == 26)
    // Owners: the face covered twice is A's and C's.
    let bits = try #require(arrangement.ownerBits)
    let twice = (0..<arrangement.cycleCount).filter { count($0) == 2 && arrangement.cycleDoubleArea[$0] > 0 }
    #expect(!twice.isEmpty)
    for cycle in twice { #expect(bits[cycle] == 0b101) }
  }
}
