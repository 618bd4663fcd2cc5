import Analysis
import Foundation
import GeoCore
import Testing

/// Invariants of the overlay on random layers (issue 8): shares never add to more than one, the
/// pieces of a feature plus its uncovered part make up its area, and the result does not depend
/// on the thread count.
@Suite struct OverlayInvariantTests {
  /// A random polygon: a star-shaped ring around a centre (always simple), sometimes with a hole.
  static func randomLayer(count: Int, seed: UInt64, spread: Double) -> [FlatGeometry] {
    var state = seed
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    return (0..<count).map { _ in
      let cx = next() * spread, cy = next() * spread
      let radius = 200 + next() * 800
      let vertices = 5 + Int(next() * 12)
      var ring: [(Double, Double)] = []
      for k in 0..<vertices {
        let angle = Double(k) / Double(vertices) * 2 * Double.pi
        let r = radius * (0.55 + 0.45 * next())
        ring.append((cx + r * cos(angle), cy + r * sin(angle)))
      }
      ring.append(ring[0])
      var rings = [ring]
      if next() < 0.3 {
        let h = radius * 0.2
        rings.append([
          (cx - h, cy - h), (cx - h, cy + h), (cx + h, cy + h), (cx + h, cy - h), (cx - h, cy - h),
        ])
      }
      return FlatGeometry.polygon(rings)
    }
  }

  @Test(arguments: [1, 2, 3])
  func sharesAndAreasAddUp(seed: UInt64) throws {
    // B: a layer of disjoint squares tiling the area (a coverage, like wards).
    var b: [FlatGeometry] = []
    for i in 0..<8 {
      for j in 0..<8 { b.append(square(Double(i) * 700 - 500, Double(j) * 700 - 500, 700)) }
    }
    let a = Self.randomLayer(count: 60, seed: seed, spread: 4500)
    var one = OverlapOptions()
    one.threads = 1
    var two = OverlapOptions()
    two.threads = 2
    let overlay = try OverlapEngine.overlay(a: a, b: b, options: one)
    #expect(try OverlapEngine.overlay(a: a, b: b, options: two).pieces == overlay.pieces)
    let summaries = try MismatchAnalysis.summarize(
      overlay, side: .a, selfGeometries: a, otherGeometries: b,
      otherIDs: b.indices.map { String(format: "b%03d", $0) },
      options: one)
    for (i, geometry) in a.enumerated() {
      let pieces = overlay.pieces.filter { $0.a == i }
      let share = pieces.reduce(0) { $0 + $1.shareOfA }
      #expect(share <= 1 + 1e-9)
      let covered = pieces.reduce(0) { $0 + $1.area }
      let area = geometry.polygonalArea
      #expect(abs(covered + summaries[i].uncoveredShare * area - area) <= 1e-9 * area)
    }
    // B is a coverage of the whole area: every feature of A inside it is fully covered.
    for (i, geometry) in a.enumerated()
    where BoundingBox(minX: -500, minY: -500, maxX: 5100, maxY: 5100).contains(geometry.boundingBox) {
      #expect(summaries[i].uncoveredShare < 1e-9)
    }
  }
}
