import Foundation
import GEOS
import GeoCore
import PlanarKernel
import TestSupport
import Testing

/// The Swift discrete Hausdorff distance against GEOS's (`GEOSHausdorffDistance_r`), which it
/// replaces in the mismatch summaries: same definition and the same arithmetic, so the same value
/// to rounding (bit-equal in almost every case; 1e-9 relative is the contract).
@Suite struct DiscreteHausdorffTests {
  let context = GeometryContext()

  /// A star-shaped polygon around (cx, cy): `count` vertices at random radii, optionally with a
  /// hole, so rings are irregular and both directions of the distance matter.
  static func star(
    _ generator: inout some RandomNumberGenerator, cx: Double, cy: Double, radius: Double, count: Int,
    hole: Bool
  ) -> FlatGeometry {
    func ring(_ r: Double, _ n: Int, clockwise: Bool) -> [(Double, Double)] {
      var points: [(Double, Double)] = (0..<n).map { k in
        let angle = 2 * Double.pi * Double(k) / Double(n) * (clockwise ? -1 : 1)
        let length = r * Double.random(in: 0.55...1, using: &generator)
        return (cx + length * cos(angle), cy + length * sin(angle))
      }
      points.append(points[0])
      return points
    }
    var rings = [ring(radius, count, clockwise: false)]
    if hole { rings.append(ring(radius * 0.3, max(3, count / 4), clockwise: true)) }
    return .polygon(rings)
  }

  func geosDistance(_ a: FlatGeometry, _ b: FlatGeometry) throws -> Double {
    try Geometry(a, context: context).hausdorffDistance(to: Geometry(b, context: context))
  }

  @Test func equalsGEOSOnRandomPolygons() throws {
    var generator = SeededGenerator(seed: 20_251_126)
    for trial in 0..<400 {
      let big = Self.star(
        &generator, cx: 0, cy: 0, radius: 10_000, count: Int.random(in: 3...600, using: &generator),
        hole: trial % 3 == 0)
      let small = Self.star(
        &generator, cx: Double.random(in: -9000...9000, using: &generator),
        cy: Double.random(in: -9000...9000, using: &generator),
        radius: Double.random(in: 50...8000, using: &generator),
        count: Int.random(in: 3...60, using: &generator), hole: trial % 5 == 0)
      let expected = try geosDistance(small, big)
      let got = DiscreteHausdorff.distance(LineworkIndex(small), LineworkIndex(big))
      #expect(abs(got - expected) <= 1e-9 * expected, "trial \(trial)")
      #expect(DiscreteHausdorff.distance(LineworkIndex(big), LineworkIndex(small)) == got)
    }
  }

  @Test func sharedVerticesLinesPointsAndMultiPolygons() throws {
    let square = FlatGeometry.polygon([[(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]])
    let half = FlatGeometry.polygon([[(0, 0), (5, 0), (5, 10), (0, 10), (0, 0)]])
    let line = FlatGeometry(
      kind: .lineString, coordinates: [1, 1, 4, 3, 9, 2], ringOffsets: [0, 3], partOffsets: [0, 1])
    let point = FlatGeometry.point(x: 3, y: 7)
    let multi = FlatGeometry.multiPolygon(
      [(20.0, 0.0), (40.0, 5.0)].map { x, y in
        [[(0.0, 0.0), (3.0, 0.0), (3.0, 3.0), (0.0, 3.0), (0.0, 0.0)].map { (x + $0.0, y + $0.1) }]
      })
    let shapes = [square, half, line, point, multi]
    for a in shapes {
      for b in shapes {
        let expected = try geosDistance(a, b)
        #expect(DiscreteHausdorff.distance(LineworkIndex(a), LineworkIndex(b)) == expected)
      }
    }
    #expect(DiscreteHausdorff.distance(LineworkIndex(square), LineworkIndex(square)) == 0)
  }
}
