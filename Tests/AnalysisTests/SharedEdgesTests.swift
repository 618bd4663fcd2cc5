import GeoCore
import Testing

@testable import Analysis

/// The shared-edge tally that tells the gap search which features to union.
@Suite struct SharedEdgesTests {
  /// A 3 × 3 grid of 10 m squares: only the centre has every edge shared; an edge between two
  /// squares is shared whichever way round it is asked, an edge on the grid's rim is not.
  @Test func gridCentreIsTheOnlyFeatureWithoutAFreeEdge() {
    let grid = (0..<9).map { square(Double($0 % 3) * 10, Double($0 / 3) * 10, 10) }
    let shared = SharedEdges(grid)
    #expect(shared.hasFreeEdge == [true, true, true, true, false, true, true, true, true])
    #expect(shared.isShared(10, 10, 20, 10))
    #expect(shared.isShared(20, 10, 10, 10))
    #expect(shared.isShared(10, 0, 10, 10))
    #expect(!shared.isShared(0, 0, 10, 0))  // the rim: one feature only
    #expect(!shared.isShared(10, 10, 20, 20))  // a diagonal no feature draws
  }

  /// Ring direction does not matter (a clockwise shell is turned first), but an edge drawn with
  /// the interiors on the same side (an overlap) or by three features, or met by a vertex of
  /// the neighbour in its middle (a T-junction), is free.
  @Test func onlyEdgesWithOneFeatureOnEachSideAreShared() {
    let clockwise = FlatGeometry.polygon([[(10, 0), (10, 10), (20, 10), (20, 0), (10, 0)]])
    #expect(SharedEdges([square(0, 0, 10), clockwise]).isShared(10, 0, 10, 10))
    let twin = SharedEdges([square(0, 0, 10), square(0, 0, 10)])
    #expect(!twin.isShared(10, 0, 10, 10))
    #expect(twin.hasFreeEdge == [true, true])
    let three = SharedEdges([square(0, 0, 10), square(10, 0, 10), square(10, 0, 10)])
    #expect(!three.isShared(10, 0, 10, 10))
    let split = FlatGeometry.polygon([[(10, 0), (20, 0), (20, 10), (10, 10), (10, 5), (10, 0)]])
    let tJunction = SharedEdges([square(0, 0, 10), split])
    #expect(!tJunction.isShared(10, 0, 10, 10) && !tJunction.isShared(10, 0, 10, 5))
    #expect(tJunction.hasFreeEdge == [true, true])
  }

  /// A feature that is not a single polygon always counts as bordering.
  @Test func nonPolygonsCountAsFree() {
    let shared = SharedEdges([.point(x: 5, y: 5)])
    #expect(shared.hasFreeEdge == [true])
  }
}
