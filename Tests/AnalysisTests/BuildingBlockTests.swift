import Analysis
import GeoCore
import Testing

/// Building-block IoU when the blocks tile the feature (coverage union) and when they overlap
/// each other (coverage union must be refused and the true union used).
@Suite struct BuildingBlockTests {
  /// The summary of `a`; with `knowingOverlaps`, the blocks' own overlaps come from the
  /// topology check of `b` (IoU from sums of areas rather than a union).
  func fit(_ a: FlatGeometry, _ b: [FlatGeometry], knowingOverlaps: Bool = false) throws -> FeatureSummary {
    var options = OverlapOptions()
    options.threads = 1
    let overlay = try OverlapEngine.overlay(a: [a], b: b, options: options)
    let overlaps = knowingOverlaps ? try TopologyCheck.run(b, threads: 1).overlaps : nil
    return try MismatchAnalysis.summarize(
      overlay, side: .a, selfGeometries: [a], otherGeometries: b, otherIDs: b.indices.map { "b\($0)" },
      options: options, otherOverlaps: overlaps)[0]
  }

  @Test func tilingBlocksGiveTheirTotalArea() throws {
    let quarters = [square(0, 0, 500), square(500, 0, 500), square(0, 500, 500), square(500, 500, 500)]
    let summary = try fit(square(0, 0, 1000), quarters)
    #expect(summary.buildingBlocks == [0, 1, 2, 3])
    #expect(abs(summary.buildingBlockIoU - 1) < 1e-12)
  }

  @Test func overlappingBlocksAreUnionedNotSummed() throws {
    // Two 600 m squares inside a 1000 m square, overlapping by 200 m × 200 m: union 680,000 m².
    let summary = try fit(square(0, 0, 1000), [square(0, 0, 600), square(400, 400, 600)])
    #expect(summary.buildingBlocks == [0, 1])
    #expect(abs(summary.buildingBlockIoU - 0.68) < 1e-12)
  }

  @Test(arguments: [false, true]) func tilingBlocksGiveTheirTotalAreaEitherWay(knowingOverlaps: Bool) throws {
    let quarters = [square(0, 0, 500), square(500, 0, 500), square(0, 500, 500), square(500, 500, 500)]
    let summary = try fit(square(0, 0, 1000), quarters, knowingOverlaps: knowingOverlaps)
    #expect(abs(summary.buildingBlockIoU - 1) < 1e-12)
  }

  @Test(arguments: [false, true]) func overlappingBlocksReachingOutside(knowingOverlaps: Bool) throws {
    // Blocks [500,1100]×[0,600] and [500,1100]×[500,1100] (5/6 of each inside the 1000 m square)
    // share [500,1100]×[500,600]: union 660,000 m², of which 500,000 m² inside the square, so
    // IoU = 500,000 / (1,000,000 + 660,000 − 500,000).
    let blocks = [rectangle(500, 0, 1100, 600), rectangle(500, 500, 1100, 1100)]
    let summary = try fit(square(0, 0, 1000), blocks, knowingOverlaps: knowingOverlaps)
    #expect(summary.buildingBlocks == [0, 1])
    #expect(abs(summary.buildingBlockIoU - 500_000.0 / 1_160_000) < 1e-12)
  }

  @Test(arguments: [false, true]) func threeBlocksSharingAnAreaAreUnioned(knowingOverlaps: Bool) throws {
    // Pairwise overlaps 120,000 + 80,000 + 80,000 m² and a 40,000 m² part common to all three:
    // union 3 × 360,000 − 280,000 + 40,000 = 840,000 m², all inside the square.
    let blocks = [rectangle(0, 0, 600, 600), rectangle(400, 0, 1000, 600), rectangle(200, 400, 800, 1000)]
    let summary = try fit(square(0, 0, 1000), blocks, knowingOverlaps: knowingOverlaps)
    #expect(summary.buildingBlocks == [0, 1, 2])
    #expect(abs(summary.buildingBlockIoU - 0.84) < 1e-12)
  }

  func rectangle(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> FlatGeometry {
    .polygon([[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]])
  }
}
