import Foundation
import GEOS
import GeoCore
import Testing

@testable import Analysis

/// A unit differenced against the clipped piece of a big reach part loses exactly what it loses
/// against the whole part.
@Suite struct PartQuadtreeCoverageTests {
  @Test func clippedPieceGivesTheSameGap() throws {
    let context = GeometryContext()
    // A 6,000-vertex disc of radius 10 km: big enough to be cut several levels deep.
    let n = 6_000
    let ring = (0...n).map { k -> (Double, Double) in
      let t = 2 * Double.pi * Double(k % n) / Double(n)
      return (10_000 * cos(t), 10_000 * sin(t))
    }
    let part = FlatGeometry.polygon([ring])
    let tree = try PartQuadtree(part, context: context)
    #expect(tree.nodes.count > 1)
    let whole = try Geometry(part, context: context)
    for (x, y) in [(9_800.0, 0.0), (0.0, -9_950.0), (-7_000.0, 7_000.0), (0.0, 0.0), (-50.0, 9_990.0)] {
      let unit = square(x - 100, y - 100, 200)
      let node = tree.node(containing: unit.boundingBox)
      let piece = try Geometry(tree.nodes[node].geometry, context: context)
      let unitGeometry = try Geometry(unit, context: context)
      let expected = try unitGeometry.difference(whole).area()
      let got = try unitGeometry.difference(piece).area()
      #expect(abs(got - expected) <= 1e-6 * max(1, expected), "unit at \(x), \(y)")
      #expect(tree.nodes[node].geometry.pointCount < part.pointCount || node == 0)
    }
  }
}
