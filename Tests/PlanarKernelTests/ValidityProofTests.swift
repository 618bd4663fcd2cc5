import Foundation
import GEOS
import GeoCore
import PlanarKernel
import TestSupport
import Testing

/// The quick validity proof never calls a geometry valid that GEOS calls invalid, and proves
/// the ordinary simple polygons it is meant for.
@Suite struct ValidityProofTests {
  let context = GeometryContext()

  func geosValid(_ flat: FlatGeometry) throws -> Bool { try Geometry(flat, context: context).isValid() }

  /// A multipolygon of one-ring polygons.
  func multiPolygon(_ rings: [[(Double, Double)]]) -> FlatGeometry { .multiPolygon(rings.map { [$0] }) }

  /// Inside, outside and on the ring, with exact answers: every vertex is on it, the top one
  /// (both its edges below it) and the bottom one included.
  @Test func pointInRing() {
    let diamond = FlatGeometry.polygon([[(0, -5), (5, 0), (0, 5), (-5, 0), (0, -5)]])
    let cases: [(x: Double, y: Double, expected: Bool?)] = [
      (0, 0, true), (4.9, 0, true), (6, 0, false), (0, 5.1, false), (0, -6, false),
      (0, 5, nil), (0, -5, nil), (5, 0, nil), (-5, 0, nil), (2.5, 2.5, nil), (-2.5, -2.5, nil),
    ]
    for (x, y, expected) in cases {
      #expect(ValidityProof.contains(diamond, ring: 0, x: x, y: y) == expected, "(\(x), \(y))")
    }
  }

  @Test func handCases() throws {
    let square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
    let cases: [(String, FlatGeometry, proven: Bool)] = [
      ("square", .polygon([square]), true),
      ("triangle", .polygon([[(0, 0), (4, 0), (0, 3), (0, 0)]]), true),
      ("bow-tie", .polygon([[(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)]]), false),
      ("spike back along an edge", .polygon([[(0, 0), (10, 0), (5, 0), (5, 5), (0, 0)]]), false),
      ("collinear middle vertex", .polygon([[(0, 0), (5, 0), (10, 0), (10, 10), (0, 10), (0, 0)]]), false),
      ("repeated point", .polygon([[(0, 0), (10, 0), (10, 0), (10, 10), (0, 10), (0, 0)]]), false),
      (
        "ring touching itself", .polygon([[(0, 0), (10, 0), (5, 5), (10, 10), (0, 10), (5, 5), (0, 0)]]),
        false
      ),
      ("hole (left to GEOS)", .polygon([square, [(2, 2), (2, 4), (4, 4), (4, 2), (2, 2)]]), false),
      ("two squares apart", multiPolygon([square, square.map { ($0.0 + 20, $0.1) }]), true),
      ("two squares sharing an edge", multiPolygon([square, square.map { ($0.0 + 10, $0.1) }]), false),
      ("nested shells", multiPolygon([square, [(2, 2), (4, 2), (4, 4), (2, 4), (2, 2)]]), false),
      ("too few points", .polygon([[(0, 0), (10, 0), (0, 0)]]), false),
    ]
    for (name, flat, proven) in cases {
      #expect(ValidityProof.isCertainlyValid(flat) == proven, "\(name)")
      if proven { #expect(try geosValid(flat), "\(name)") }
    }
    // The cases GEOS itself calls invalid.
    for name in [
      "bow-tie", "spike back along an edge", "ring touching itself", "two squares sharing an edge",
      "nested shells",
    ] {
      #expect(try !geosValid(cases.first { $0.0 == name }!.1), "\(name)")
    }
  }

  /// Random rings, most of them self-crossing, and star-shaped rings (always simple): a proof
  /// is never wrong, and nearly every star is proven.
  @Test func neverWrongOnRandomRings() throws {
    var generator = SeededGenerator(seed: 42)
    func next() -> Double { generator.unit() }
    var proven = 0, stars = 0, starsProven = 0
    for trial in 0..<3_000 {
      let n = 3 + Int(next() * 14)
      var ring: [(Double, Double)]
      if trial % 2 == 0 {
        // Coordinates on a coarse grid so touching and collinear cases come up often.
        ring = (0..<n).map { _ in
          ((next() * 8).rounded() * 125 + 400_000, (next() * 8).rounded() * 125 + 300_000)
        }
      } else {
        stars += 1
        ring = (0..<n).map { k in
          let angle = Double(k) / Double(n) * 2 * Double.pi, r = 100 + next() * 900
          return (400_000 + r * cos(angle), 300_000 + r * sin(angle))
        }
      }
      ring.append(ring[0])
      let flat = FlatGeometry.polygon([ring])
      guard ValidityProof.isCertainlyValid(flat) else { continue }
      proven += 1
      if trial % 2 == 1 { starsProven += 1 }
      #expect(try geosValid(flat), "proved valid but GEOS disagrees: \(ring)")
    }
    #expect(starsProven >= stars * 95 / 100)
    #expect(proven > starsProven)  // some random rings are simple and proven too
  }
}
