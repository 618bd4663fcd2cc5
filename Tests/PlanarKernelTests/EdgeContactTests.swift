import GeoCore
import Testing

@testable import PlanarKernel

/// Proofs that two polygons only touch (PolygonIntersection.onlyTouch): the boundary of their
/// intersection must run along both boundaries with the interiors on opposite sides.
@Suite struct EdgeContactTests {
  func rectangle(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> [(Double, Double)] {
    [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
  }
  func onlyTouch(_ a: FlatGeometry, _ b: FlatGeometry) -> Bool {
    let bandsA = EdgeBands(a)!, bandsB = EdgeBands(b)!
    return PolygonIntersection.onlyTouch(
      bandsA, bandsB, boundary: PolygonIntersection.measure(bandsA, bandsB).boundary)
  }

  @Test func neighboursSharingAnEdgeOnlyTouch() {
    let left = FlatGeometry.polygon([rectangle(0, 0, 100, 100)])
    #expect(onlyTouch(left, .polygon([rectangle(100, 0, 100, 100)])))
    #expect(onlyTouch(left, .polygon([rectangle(0, 100, 100, 100)])))
    // Along part of an edge, and with the neighbour wound clockwise.
    #expect(onlyTouch(left, .polygon([rectangle(100, 30, 50, 40).reversed()])))
    // A T-junction: the neighbour's edge has a vertex (100, 40) that the square's edge lacks.
    let notched = FlatGeometry.polygon([[(100, 0), (200, 0), (200, 100), (100, 100), (100, 40), (100, 0)]])
    #expect(onlyTouch(left, notched))
    #expect(onlyTouch(notched, left))
    // Touching at a corner.
    #expect(onlyTouch(left, .polygon([rectangle(100, 100, 10, 10)])))
  }

  @Test func aPolygonFillingAHoleOnlyTouches() {
    let frame = FlatGeometry.polygon([rectangle(0, 0, 300, 300), rectangle(100, 100, 100, 100).reversed()])
    #expect(onlyTouch(frame, .polygon([rectangle(100, 100, 100, 100)])))
  }

  @Test func overlapsAreNotProvedApart() {
    let square = FlatGeometry.polygon([rectangle(0, 0, 100, 100)])
    // Identical: every boundary segment is shared, but with both interiors on the same side.
    #expect(!onlyTouch(square, square))
    #expect(!onlyTouch(square, .polygon([rectangle(99, 0, 100, 100)])))
    // Sharing an edge and overlapping along it: the neighbour's edge is on the square's inside.
    #expect(!onlyTouch(square, .polygon([rectangle(0, 0, 100, 50)])))
    // A neighbour bulging 1 mm across the shared edge.
    let bulging = FlatGeometry.polygon([[(100, 0), (200, 0), (200, 100), (100, 100), (99.999, 50), (100, 0)]])
    #expect(!onlyTouch(square, bulging))
  }

  @Test func interiorSideAlongSegments() {
    let bands = EdgeBands(.polygon([rectangle(0, 0, 100, 100)]))!
    // The bottom edge runs +x with the interior on its left.
    #expect(bands.interiorSide(alongSegmentFrom: 10, 0, to: 60, 0) == 1)
    #expect(bands.interiorSide(alongSegmentFrom: 60, 0, to: 10, 0) == -1)
    // Off the boundary, partly off it, or inside.
    #expect(bands.interiorSide(alongSegmentFrom: 90, 0, to: 110, 0) == nil)
    #expect(bands.interiorSide(alongSegmentFrom: 10, 1, to: 60, 1) == nil)
    #expect(bands.interiorSide(alongSegmentFrom: 10, 0, to: 10, 0) == nil)
    // Covered by two collinear edges meeting at a vertex.
    let split = EdgeBands(.polygon([[(0, 0), (40, 0), (100, 0), (100, 100), (0, 100), (0, 0)]]))!
    #expect(split.interiorSide(alongSegmentFrom: 10, 0, to: 60, 0) == 1)
  }
}
