import Foundation
import GeoCore
import TestSupport
import Testing

@testable import PlanarKernel

/// Intersection areas from boundary crossings, on shapes whose answers are known by hand:
/// overlaps, nesting, holes, either winding, and the degenerate contacts (shared edges, shared
/// vertices, T-junctions, identical polygons) that simulation of simplicity settles.
@Suite struct PolygonIntersectionTests {
  func rectangle(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> [(Double, Double)] {
    [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
  }
  func area(_ a: FlatGeometry, _ b: FlatGeometry) -> Double {
    PolygonIntersection.measure(EdgeBands(a)!, EdgeBands(b)!).area
  }
  /// Total length of the measured boundary lines.
  func boundaryLength(_ a: FlatGeometry, _ b: FlatGeometry) -> Double {
    let lines = PolygonIntersection.measure(EdgeBands(a)!, EdgeBands(b)!).boundary
    var total = 0.0
    for ring in 0..<lines.ringCount {
      let r = lines.pointRange(ofRing: ring)
      for i in r.dropLast() { total += hypot(lines.x(i + 1) - lines.x(i), lines.y(i + 1) - lines.y(i)) }
    }
    return total
  }

  @Test func overlapsNestingAndDisjoint() {
    let square = FlatGeometry.polygon([rectangle(0, 0, 100, 100)])
    let shifted = FlatGeometry.polygon([rectangle(50, 50, 100, 100)])
    #expect(abs(area(square, shifted) - 2_500) < 1e-9)
    #expect(abs(area(shifted, square) - 2_500) < 1e-9)
    #expect(abs(boundaryLength(square, shifted) - 200) < 1e-9)
    let inner = FlatGeometry.polygon([rectangle(10, 20, 30, 40)])
    #expect(abs(area(square, inner) - 1_200) < 1e-9)
    #expect(abs(area(inner, square) - 1_200) < 1e-9)
    #expect(area(square, .polygon([rectangle(300, 0, 10, 10)])) == 0)
    // Clockwise rings (the wrong winding for RFC 7946) measure the same.
    let clockwise = FlatGeometry.polygon([rectangle(50, 50, 100, 100).reversed()])
    #expect(abs(area(square, clockwise) - 2_500) < 1e-9)
    // A triangle across a corner: the part inside is the triangle (0,0)-(50,0)-(0,50), 1,250 m².
    let triangle = FlatGeometry.polygon([[(-50, 0), (50, 0), (-50, 100), (-50, 0)]])
    #expect(abs(area(square, triangle) - 1_250) < 1e-9)
  }

  @Test func holesAndMultiPolygons() {
    // A 100 m square with a 50 m hole, against its east half: 5,000 − 1,250 = 3,750 m².
    let holed = FlatGeometry.polygon([rectangle(0, 0, 100, 100), rectangle(25, 25, 50, 50).reversed()])
    let eastHalf = FlatGeometry.polygon([rectangle(50, -10, 100, 120)])
    #expect(abs(area(holed, eastHalf) - 3_750) < 1e-9)
    #expect(abs(area(eastHalf, holed) - 3_750) < 1e-9)
    // A polygon inside the hole does not meet it.
    #expect(area(holed, .polygon([rectangle(30, 30, 10, 10)])) == 0)
    // Two squares against a strip across both: 2 × 10 × 100.
    let squares = FlatGeometry.multiPolygon([[rectangle(0, 0, 100, 100)], [rectangle(200, 0, 100, 100)]])
    let strip = FlatGeometry.polygon([rectangle(-10, 40, 400, 10)])
    #expect(abs(area(squares, strip) - 2_000) < 1e-9)
  }

  @Test func degenerateContacts() {
    let square = FlatGeometry.polygon([rectangle(0, 0, 100, 100)])
    // Neighbours: a shared edge, a shared corner, a T-junction: no area, exactly.
    #expect(area(square, .polygon([rectangle(100, 0, 100, 100)])) == 0)
    #expect(area(square, .polygon([rectangle(100, 100, 100, 100)])) == 0)
    #expect(area(square, .polygon([rectangle(100, 50, 100, 100)])) == 0)
    #expect(area(.polygon([rectangle(100, 50, 100, 100)]), square) == 0)
    // A neighbour whose shared edge has an extra vertex on it.
    let split = FlatGeometry.polygon([[(100, 0), (200, 0), (200, 100), (100, 100), (100, 50), (100, 0)]])
    #expect(abs(area(square, split)) < 1e-9)
    // The same polygon, either way round: all of it; the boundary counted once.
    #expect(area(square, square) == 10_000)
    #expect(abs(boundaryLength(square, square) - 400) < 1e-9)
    #expect(area(square, .polygon([rectangle(0, 0, 100, 100).reversed()])) == 10_000)
    // Sharing two edges and a corner, from inside: the smaller one.
    #expect(area(square, .polygon([rectangle(0, 0, 40, 30)])) == 1_200)
    #expect(area(.polygon([rectangle(0, 0, 40, 30)]), square) == 1_200)
    // Collinear edges overlapping in part: 100 × 50.
    #expect(area(square, .polygon([rectangle(0, 50, 100, 100)])) == 5_000)
    // A diamond through the square's edge midpoints: the diamond, 5,000 m².
    let diamond = FlatGeometry.polygon([[(50, 0), (100, 50), (50, 100), (0, 50), (50, 0)]])
    #expect(area(square, diamond) == 5_000)
    #expect(area(diamond, square) == 5_000)
  }

  @Test func exactOrientationSigns() {
    // Exactly collinear doubles far from the origin, and points one unit in the last place off.
    let x = 412_345.678_9
    #expect(OrientationSign.exactly(0, 0, 1e6, 1e6, x, x) == 0)
    #expect(OrientationSign.exactly(0, 0, 1e6, 1e6, x, x.nextUp) == 1)
    #expect(OrientationSign.exactly(0, 0, 1e6, 1e6, x, x.nextDown) == -1)
    // Points on a line up to rounding: the filter leaves many to the exact sum, which must
    // agree with integer arithmetic on every one.
    var generator = SeededGenerator(seed: 3)
    func next() -> Double { generator.unit() }
    var unsure = 0
    for _ in 0..<2_000 {
      let a = (300_000 + next() * 100_000, 300_000 + next() * 100_000)
      let b = (300_000 + next() * 100_000, 300_000 + next() * 100_000)
      let t = next() * 2 - 0.5
      let c = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))
      if OrientationSign.of(a.0, a.1, b.0, b.1, c.0, c.1) == nil { unsure += 1 }
      #expect(OrientationSign.exactly(a.0, a.1, b.0, b.1, c.0, c.1) == exactSign(a, b, c), "\(a) \(b) \(c)")
    }
    #expect(unsure > 400)
    // Differences that round (a point near 0.1 against one near 10: their units in the last
    // place differ), so the exact sum needs every product; and a vertex of the segment itself.
    unsure = 0
    for _ in 0..<2_000 {
      let a = (0.0625 + next() / 16, 0.0625 + next() / 16)
      let b = (8 + next() * 8, 8 + next() * 8)
      let t = next() * 1.5
      let c = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))
      if OrientationSign.of(a.0, a.1, b.0, b.1, c.0, c.1) == nil { unsure += 1 }
      #expect(OrientationSign.twoSum(b.0, -a.0).low != 0 || OrientationSign.twoSum(b.1, -a.1).low != 0)
      #expect(
        OrientationSign.exactly(a.0, a.1, b.0, b.1, c.0, c.1) == exactSign(a, b, c, scale: 0x1p56),
        "\(a) \(b) \(c)")
    }
    #expect(unsure > 400)
    #expect(OrientationSign.exactly(0.1, 0.3, 10.7, 20.9, 0.1, 0.3) == 0)
    #expect(OrientationSign.exactly(0.1, 0.3, 10.7, 20.9, 10.7, 20.9) == 0)
    #expect(OrientationSign.exactly(0.1, 0.3, 0.1, 0.3, 5, 7) == 0)
  }

  /// The orientation sign by rational arithmetic on the doubles' exact binary values (every
  /// double in the tests is a multiple of 1 / `scale`: 2⁻³⁴ below 2²⁰, or 2⁻⁵⁶ from 2⁻⁴ to 2⁵, so
  /// scaled to integers they fit in 62 bits and their products in 128-bit integers).
  func exactSign(
    _ a: (Double, Double), _ b: (Double, Double), _ c: (Double, Double), scale: Double = 0x1p34
  ) -> Int {
    func scaled(_ v: Double) -> Int128 { Int128(exactly: v * scale)! }
    let d =
      (scaled(b.0) - scaled(a.0)) * (scaled(c.1) - scaled(a.1))
      - (scaled(b.1) - scaled(a.1)) * (scaled(c.0) - scaled(a.0))
    return d > 0 ? 1 : d < 0 ? -1 : 0
  }
}
