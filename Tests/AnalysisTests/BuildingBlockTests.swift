import Analysis
import GeoCore
import Testing

/// Building-block IoU when the blocks tile the feature (coverage union) and when they overlap
/// each other (coverage union must be refused and the true union used).
@Suite struct BuildingBlockTests {
  func fit(_ a: FlatGeometry, _ b: [FlatGeometry]) throws -> FeatureSummary {
    var options = OverlapOptions()
    options.threads = 1
    let overlay = try OverlapEngine.overlay(a: [a], b: b, options: options)
    return try MismatchAnalysis.summarize(
      overlay, side: .a, selfGeometries: [a], otherGeometries: b, otherIDs: b.indices.map { "b\($0)" },
      options: options)[0]
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
}
