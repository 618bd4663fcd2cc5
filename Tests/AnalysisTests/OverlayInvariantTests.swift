import Analysis
import Foundation
import GEOS
import GeoCore
import TestSupport
import Testing

/// Invariants of the overlay on random layers (issue 8): shares never add to more than one, the
/// pieces of a feature plus its uncovered part make up its area, and the result does not depend
/// on the thread count.
@Suite struct OverlayInvariantTests {
  /// A random polygon: a star-shaped ring around a centre (always simple), sometimes with a hole.
  static func randomLayer(count: Int, seed: UInt64, spread: Double) -> [FlatGeometry] {
    var generator = SeededGenerator(seed: seed)
    func next() -> Double { generator.unit() }
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
    // B's squares tile one big square exactly: the part of a feature of A that B does not cover
    // is the feature less that square, measured here by GEOS's overlay, independently of the
    // pieces (uncovered_share is defined from them as 1 − Σ shares).
    let context = GeometryContext()
    let tiled = try Geometry(square(-500, -500, 5600), context: context)
    for (i, geometry) in a.enumerated() {
      let pieces = overlay.pieces.filter { $0.a == i }
      let share = pieces.reduce(0) { $0 + $1.shareOfA }
      #expect(share <= 1 + 1e-9)
      let area = geometry.polygonalArea
      let feature = try Geometry(geometry, context: context)
      let outside = try feature.difference(tiled).area()
      let inside = try feature.intersection(tiled).area()
      #expect(abs(summaries[i].uncoveredShare * area - outside) <= 1e-7 * area, "feature \(i)")
      #expect(abs(pieces.reduce(0) { $0 + $1.area } - inside) <= 1e-7 * area, "feature \(i)")
    }
    // Some features must straddle the tiled square's edge, or the check above proves little.
    #expect(summaries.filter { $0.uncoveredShare > 0.01 && $0.uncoveredShare < 0.99 }.count >= 2)
    // B is a coverage of the whole area: every feature of A inside it is fully covered.
    for (i, geometry) in a.enumerated()
    where BoundingBox(minX: -500, minY: -500, maxX: 5100, maxY: 5100).contains(geometry.boundingBox) {
      #expect(summaries[i].uncoveredShare < 1e-9)
    }
  }
}
