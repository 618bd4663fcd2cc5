import Foundation
import GeoCore
import Testing

@testable import PlanarKernel

/// A − B assembled from boundary crossings, on shapes whose answers are known by hand; the cases
/// it leaves to GEOS (touching boundaries, holes) must say so with nil.
@Suite struct PolygonDifferenceTests {
  func rectangle(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> [(Double, Double)] {
    [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
  }
  func difference(_ a: FlatGeometry, _ b: FlatGeometry) -> FlatGeometry? {
    PolygonDifference.of(EdgeBands(a)!, minus: EdgeBands(b)!)
  }
  let square = FlatGeometry.polygon([[(0, 0), (100, 0), (100, 100), (0, 100), (0, 0)]])

  @Test func cornerCutAway() throws {
    // The square less its top-right quarter-and-more: an L of 100² − 50·50 = 7,500 m².
    let gap = try #require(difference(square, .polygon([rectangle(50, 50, 100, 100)])))
    #expect(gap.kind == .polygon)
    #expect(gap.polygonalArea == 7_500)
    #expect(gap.pointCount == 7)  // six corners, closed
    #expect(gap.boundingBox == square.boundingBox)
    // Either winding of either input gives the same area.
    let clockwise = FlatGeometry.polygon([rectangle(50, 50, 100, 100).reversed()])
    let clockwiseSquare = FlatGeometry.polygon([rectangle(0, 0, 100, 100).reversed()])
    #expect(try #require(difference(clockwiseSquare, clockwise)).polygonalArea == 7_500)
  }

  @Test func apartInsideAndAcross() throws {
    // Nothing taken away: the square itself.
    let whole = try #require(difference(square, .polygon([rectangle(300, 0, 10, 10)])))
    #expect(whole.polygonalArea == 10_000 && whole.pointCount == 5)
    // All taken away: empty.
    let none = try #require(difference(square, .polygon([rectangle(-10, -10, 200, 200)])))
    #expect(none.isEmpty)
    // A band across the middle leaves two 40 × 100 parts.
    let parts = try #require(difference(square, .polygon([rectangle(40, -10, 20, 120)])))
    #expect(parts.kind == .multiPolygon && parts.partCount == 2)
    #expect(parts.polygonalArea == 8_000)
  }

  @Test func leavesTiesToGEOS() {
    // Sharing an edge (a tie), or a corner on the other's edge.
    #expect(difference(square, .polygon([rectangle(100, 0, 50, 100)])) == nil)
    #expect(difference(square, .polygon([[(100, 50), (150, 0), (150, 100), (100, 50)]])) == nil)
  }

  @Test func holesPunchedAndKept() throws {
    // A square punched in the middle: 100² − 20² with one hole.
    let punched = try #require(difference(square, .polygon([rectangle(40, 40, 20, 20)])))
    #expect(punched.kind == .polygon && punched.ringCount == 2)
    #expect(punched.polygonalArea == 9_600)
    // A framed square keeps its hole, and loses a bite off its edge.
    let framed = FlatGeometry.polygon([rectangle(0, 0, 100, 100), rectangle(40, 40, 20, 20).reversed()])
    let bitten = try #require(difference(framed, .polygon([rectangle(90, 10, 30, 20)])))
    #expect(bitten.ringCount == 2)
    #expect(bitten.polygonalArea == 10_000 - 400 - 200)
    // Two holes in one part, and a hole in one of two parts.
    let two = FlatGeometry.multiPolygon([[rectangle(10, 10, 10, 10)], [rectangle(70, 70, 10, 10)]])
    let twice = try #require(difference(square, two))
    #expect(twice.ringCount == 3 && twice.partCount == 1 && twice.polygonalArea == 9_800)
    let band = FlatGeometry.multiPolygon([[rectangle(40, -10, 20, 120)], [rectangle(70, 40, 10, 10)]])
    let split = try #require(difference(square, band))
    #expect(split.partCount == 2 && split.ringCount == 3 && split.polygonalArea == 8_000 - 100)
  }

  @Test func aStarLessACircle() throws {
    // A five-pointed star (outer radius 100, inner 40) less a disc of radius 60 about its centre
    // (a 64-gon): five tips are left, each apart from the others.
    var star: [(Double, Double)] = []
    for k in 0..<10 {
      let angle = Double(k) * .pi / 5 + .pi / 2, radius = k % 2 == 0 ? 100.0 : 40.0
      star.append((radius * cos(angle), radius * sin(angle)))
    }
    star.append(star[0])
    let disc = PointBuffer.circle(x: 0, y: 0, radius: 60, quadrantSegments: 16)
    let starShape = FlatGeometry.polygon([star])
    let tips = try #require(difference(starShape, disc))
    #expect(tips.partCount == 5)
    let inside = PolygonIntersection.measure(EdgeBands(starShape)!, EdgeBands(disc)!).area
    #expect(abs(tips.polygonalArea - (starShape.polygonalArea - inside)) < 1e-9 * starShape.polygonalArea)
  }

  @Test func runsRoundTheWholeRingAndOnlyTheRingsThatMeetA() throws {
    // A U (the notch x 40–60 above y 40) less a triangle whose first edge crosses the notch's
    // two sides and whose start lies in A: its kept run goes from the second crossing all the
    // way round the ring to the first. Area by hand: the U's 8,800 less the triangle's 1,600
    // but for the 20 × 20 of it in the notch: 7,600 (shapely agrees).
    let u = FlatGeometry.polygon([
      [(0, 0), (100, 0), (100, 100), (60, 100), (60, 40), (40, 40), (40, 100), (0, 100), (0, 0)]
    ])
    let triangle: [(Double, Double)] = [(10, 60), (90, 60), (50, 20), (10, 60)]
    let bite = try #require(difference(u, .polygon([triangle])))
    #expect(bite.kind == .polygon && bite.ringCount == 1)
    #expect(bite.polygonalArea == 7_600)
    #expect(bite.pointCount == 12)
    // The same with far rings of B (a square, a framed square) that no run may visit.
    let far = FlatGeometry.multiPolygon([
      [triangle], [rectangle(500, 500, 50, 50)],
      [rectangle(700, 0, 90, 90), rectangle(720, 20, 10, 10).reversed()],
    ])
    let same = try #require(difference(u, far))
    #expect(same == bite)
    // A band across a square with both of its long edges' crossings on one edge each.
    let halves = try #require(difference(square, .polygon([rectangle(-10, 40, 210, 20)])))
    #expect(halves.partCount == 2 && halves.polygonalArea == 8_000)
  }
}
