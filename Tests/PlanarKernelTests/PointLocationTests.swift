import GEOS
import GeoCore
import PlanarKernel
import Testing

/// The exact point-in-polygon test answers as GEOS's `intersects` does: inside, in a hole, on a
/// shell or hole edge, at a vertex, in a second part, and on a slanted edge at a coordinate that
/// is not a round number.
@Suite struct PointLocationTests {
  /// A 10 × 10 square with a 2 × 2 hole at (4, 4)–(6, 6), and a triangle part to the east.
  let shape = FlatGeometry.multiPolygon([
    [
      [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)],
      [(4, 4), (4, 6), (6, 6), (6, 4), (4, 4)],
    ],
    [[(20, 0), (30, 0), (20, 10), (20, 0)]],
  ])

  @Test func handCases() {
    let cases: [(String, Double, Double, Bool)] = [
      ("inside the square", 1, 1, true),
      ("in the hole", 5, 5, false),
      ("on the hole's edge", 4, 5, true),
      ("at the hole's corner", 6, 6, true),
      ("on the shell's bottom edge", 3, 0, true),
      ("at the shell's corner", 10, 10, true),
      ("between the parts", 15, 5, false),
      ("inside the triangle", 21, 1, true),
      // A summit: both of its edges run below it, so no edge straddles its height.
      ("at the triangle's apex", 20, 10, true),
      ("level with the apex, outside", 21, 10, false),
      // On the slanted edge x + y = 30: (25, 5) is on it, (25.5, 5) just beyond.
      ("on the slanted edge", 25, 5, true),
      ("just past the slanted edge", 25.5, 5, false),
      ("level with a vertex, outside", -1, 10, false),
      ("level with the hole's corner, inside", 2, 4, true),
    ]
    for (name, x, y, expected) in cases {
      #expect(PointLocation.intersects(shape, x: x, y: y) == expected, "\(name)")
    }
  }

  /// Points on a fine grid, on every vertex and at every edge's midpoint agree with GEOS.
  @Test func agreesWithGEOS() throws {
    let prepared = try PreparedGeometry(Geometry(shape, context: GeometryContext()))
    var points: [(Double, Double)] = []
    for i in -2...64 { for j in -2...24 { points.append((Double(i) * 0.5, Double(j) * 0.5)) } }
    for i in 0..<(shape.pointCount - 1) {
      points.append((shape.x(i), shape.y(i)))
      points.append(((shape.x(i) + shape.x(i + 1)) / 2, (shape.y(i) + shape.y(i + 1)) / 2))
    }
    var inside = 0
    for (x, y) in points {
      let expected = try prepared.intersectsPoint(x: x, y: y)
      #expect(PointLocation.intersects(shape, x: x, y: y) == expected, "(\(x), \(y))")
      if expected { inside += 1 }
    }
    #expect(inside > 100)
  }
}
