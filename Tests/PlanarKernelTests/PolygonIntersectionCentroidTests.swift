import GeoCore
import Testing

@testable import PlanarKernel

/// Centroids of intersections from the first moments of their boundary, against shapes worked
/// out by hand.
@Suite struct PolygonIntersectionCentroidTests {
  func measure(_ a: FlatGeometry, _ b: FlatGeometry) -> PolygonIntersection {
    PolygonIntersection.measure(EdgeBands(a)!, EdgeBands(b)!)
  }
  func rectangle(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> FlatGeometry {
    .polygon([[(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]])
  }

  @Test func overlapOfTwoRectangles() throws {
    // [1, 2] × [0, 2]: area 2, centred at (1.5, 1), whichever polygon comes first.
    for m in [
      measure(rectangle(0, 0, 2, 2), rectangle(1, 0, 2, 2)),
      measure(rectangle(1, 0, 2, 2), rectangle(0, 0, 2, 2)),
    ] {
      #expect(abs(m.area - 2) < 1e-12)
      let c = try #require(m.centroid)
      #expect(abs(c.x - 1.5) < 1e-12 && abs(c.y - 1) < 1e-12)
    }
  }

  @Test func triangleCutsTheCornerOfASquare() throws {
    // The square [0, 2]² less the triangle (2, 1), (2, 2), (1, 2): area 4 − 0.5 = 3.5, centroid
    // (4·1 − 0.5·5/3) / 3.5 = 19/21 on both axes.
    let triangle = FlatGeometry.polygon([[(0, 0), (3, 0), (0, 3), (0, 0)]])
    let m = measure(triangle, rectangle(0, 0, 2, 2))
    #expect(abs(m.area - 3.5) < 1e-12)
    let c = try #require(m.centroid)
    #expect(abs(c.x - 19.0 / 21) < 1e-12 && abs(c.y - 19.0 / 21) < 1e-12)
  }

  @Test func holeMovesTheCentroid() throws {
    // [0, 4]² with the hole [0.5, 1.5]² (clockwise), within a larger square: area 15, centroid
    // (16·2 − 1·1) / 15 = 31/15 on both axes.
    let holed = FlatGeometry.polygon([
      [(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)], [(0.5, 0.5), (0.5, 1.5), (1.5, 1.5), (1.5, 0.5), (0.5, 0.5)],
    ])
    let m = measure(rectangle(-1, -1, 10, 10), holed)
    #expect(abs(m.area - 15) < 1e-12)
    let c = try #require(m.centroid)
    #expect(abs(c.x - 31.0 / 15) < 1e-12 && abs(c.y - 31.0 / 15) < 1e-12)
    #expect(measure(rectangle(0, 0, 1, 1), rectangle(5, 5, 1, 1)).centroid == nil)
  }

  @Test func withoutTracingTheBoundaryOnlyTheLineworkIsLeftOut() throws {
    let triangle = FlatGeometry.polygon([[(0, 0), (3, 0), (0, 3), (0, 0)]])
    let square = rectangle(0, 0, 2, 2)
    let traced = measure(triangle, square)
    let bare = PolygonIntersection.measure(EdgeBands(triangle)!, EdgeBands(square)!, tracingBoundary: false)
    #expect(bare.area == traced.area && bare.roundingBound == traced.roundingBound)
    #expect(bare.centroid?.x == traced.centroid?.x && bare.centroid?.y == traced.centroid?.y)
    #expect(bare.relation == traced.relation && bare.crossingCount == 2)
    #expect(bare.boundary.isEmpty && !traced.boundary.isEmpty)
  }
}
