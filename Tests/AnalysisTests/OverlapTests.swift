import Analysis
import GeoCore
import Testing

func square(_ x: Double, _ y: Double, _ w: Double, _ h: Double? = nil) -> FlatGeometry {
  let h = h ?? w
  return .polygon([[(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]])
}

/// Hand-computed overlays of squares (areas in m²).
@Suite struct OverlapTests {
  /// A: one 1000 m square. B: four 500 m quadrants, shifted 100 m east, so A straddles them.
  @Test func straddlingSquareSharesAndClass() throws {
    let a = [square(0, 0, 1000)]
    let b = [square(100, 0, 500), square(600, 0, 500), square(100, 500, 500), square(600, 500, 500)]
    var options = OverlapOptions()
    options.threads = 1
    let overlay = try OverlapEngine.overlay(a: a, b: b, options: options)
    #expect(overlay.pieces.map(\.b) == [0, 1, 2, 3])
    #expect(overlay.pieces.map(\.area) == [250_000, 200_000, 250_000, 200_000])
    #expect(overlay.pieces[0].shareOfA == 0.25)
    #expect(overlay.pieces[1].shareOfB == 0.8)
    #expect(overlay.pieces[0].method == .bWithinA)
    #expect(overlay.pieces[1].method == .intersection)
    #expect(abs(overlay.pieces[1].iou - 200_000 / (1_000_000 + 250_000 - 200_000)) < 1e-15)
    let summary = try MismatchAnalysis.summarize(
      overlay, side: .a, selfGeometries: a, otherGeometries: b, otherIDs: ["q1", "q2", "q3", "q4"],
      options: options)[0]
    #expect(summary.best == 0)  // tie 0.25 with q3: the smaller id wins
    #expect(summary.parts == 4)
    #expect(abs(summary.uncoveredShare - 0.1) < 1e-12)  // the 100 m strip on the west
    #expect(summary.mismatchClass == .split)
    #expect(summary.buildingBlocks == [0, 1, 2, 3])
    // Union of the four quadrants is 1000×1000 shifted 100 m: IoU = 900k / 1100k.
    #expect(abs(summary.buildingBlockIoU - 900_000.0 / 1_100_000.0) < 1e-12)
    // A's far corner (1000, 1000) to q1's corner (600, 500).
    #expect(summary.hausdorff == (400.0 * 400 + 500 * 500).squareRoot())
  }

  @Test func withinCoterminousAggregateOutside() throws {
    let a = [
      square(10, 10, 100),  // within b0
      square(1000, 0, 100),  // coterminous with b1 (b1 is 2% larger)
      square(2000, 0, 200),  // aggregate of b2, b3
      square(9000, 9000, 10),  // outside
    ]
    let b = [
      square(0, 0, 500), square(1000, 0, 102, 100), square(2000, 0, 100, 200), square(2100, 0, 100, 200),
    ]
    var options = OverlapOptions()
    options.minArea = 1
    options.sliverWidth = 1
    let overlay = try OverlapEngine.overlay(a: a, b: b, options: options)
    let summaries = try MismatchAnalysis.summarize(
      overlay, side: .a, selfGeometries: a, otherGeometries: b, otherIDs: ["b0", "b1", "b2", "b3"],
      options: options)
    #expect(summaries.map(\.mismatchClass) == [.within, .coterminous, .aggregate, .outside])
    #expect(summaries[0].bestShare == 1)
    #expect(summaries[0].bestShareOfOther == 10_000.0 / 250_000.0)
    #expect(summaries[2].buildingBlockIoU == 1)
    #expect(summaries[3].best == nil)
    #expect(summaries[3].uncoveredShare == 1)
    let bSide = try MismatchAnalysis.summarize(
      overlay, side: .b, selfGeometries: b, otherGeometries: a, otherIDs: ["a0", "a1", "a2", "a3"],
      options: options)
    #expect(bSide.map(\.mismatchClass) == [.outside, .coterminous, .within, .within])
    let pair = MismatchAnalysis.pairSummary(summaries)
    #expect(pair.count(.within) == 1 && pair.count(.split) == 0)
  }

  @Test func thinPieceIsSliver() throws {
    // B overlaps A by a 5 m strip: a 5 × 1000 piece, 5000 m², thinner than 20 m.
    let a = [square(0, 0, 1000)]
    let b = [square(995, 0, 1000)]
    let overlay = try OverlapEngine.overlay(a: a, b: b)
    #expect(overlay.pieces.count == 1)
    #expect(overlay.pieces[0].area == 5000)
    #expect(overlay.pieces[0].isSliver)
    let summary = try MismatchAnalysis.summarize(
      overlay, side: .a, selfGeometries: a, otherGeometries: b, otherIDs: ["b"], options: OverlapOptions())[0]
    #expect(summary.parts == 0)
    #expect(summary.slivers == 1)
    #expect(summary.mismatchClass == .outside)
  }

  @Test func touchingSquaresHaveNoPiece() throws {
    let overlay = try OverlapEngine.overlay(a: [square(0, 0, 10)], b: [square(10, 0, 10), square(0, 10, 10)])
    #expect(overlay.pieces.isEmpty)
    #expect(overlay.candidatePairs == 0)
  }

  /// The same result on one thread and on several, in the same order.
  @Test func deterministicAcrossThreadCounts() throws {
    var a: [FlatGeometry] = []
    var b: [FlatGeometry] = []
    for i in 0..<30 {
      for j in 0..<30 { a.append(square(Double(i) * 100, Double(j) * 100, 100)) }
    }
    for i in 0..<7 {
      for j in 0..<7 { b.append(square(Double(i) * 437 + 13, Double(j) * 437 + 29, 437)) }
    }
    var one = OverlapOptions()
    one.threads = 1
    var two = OverlapOptions()
    two.threads = 4
    let first = try OverlapEngine.overlay(a: a, b: b, options: one)
    let second = try OverlapEngine.overlay(a: a, b: b, options: two)
    #expect(first.pieces == second.pieces)
    let total = first.pieces.reduce(0) { $0 + $1.area }
    // B covers [13, 3072] × [29, 3088] of A's [0, 3000]²: (3000 − 13) × (3000 − 29).
    #expect(abs(total - 2987.0 * 2971.0) < 1e-6)
  }
}
