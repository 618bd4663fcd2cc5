import GEOS
import GeoCore
import Maps
import Testing

/// Simplifying shared boundaries once must not open gaps between neighbours.
@Suite struct ArcTopologyTests {
  @Test func twoSquaresShareOneArc() {
    // Two unit squares side by side: the middle edge is one arc used by both.
    let left = FlatGeometry.polygon([[(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]])
    let right = FlatGeometry.polygon([[(1, 0), (2, 0), (2, 1), (1, 1), (1, 0)]])
    let topology = ArcTopology(polygons: [left, right])
    #expect(topology.vertexCount == 6)
    // Junctions are (1,0) and (1,1): the shared edge, and one outer arc for each square.
    #expect(topology.arcCount == 3)
    #expect(topology.arcReferenceCount == 4)
    #expect(topology.neighbours() == [[1], [0]])
  }

  @Test func enclaveAndItsHoleShareAClosedArc() {
    let outer = FlatGeometry.polygon([
      [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)], [(4, 4), (4, 6), (6, 6), (6, 4), (4, 4)],
    ])
    let island = FlatGeometry.polygon([[(4, 4), (6, 4), (6, 6), (4, 6), (4, 4)]])
    let topology = ArcTopology(polygons: [outer, island])
    #expect(topology.arcCount == 2)
    #expect(topology.neighbours() == [[1], [0]])
  }

  @Test func sharedBoundariesSimplifiedOnceLeaveNoGaps() throws {
    let context = GeometryContext()
    let wards = try ProjectedGeoJSON.traffordSouthWards().map(\.geometry)
    let topology = ArcTopology(polygons: wards)
    // Every ward of the extract touches another one.
    #expect(topology.neighbours().allSatisfy { !$0.isEmpty })
    #expect(topology.arcCount < topology.arcReferenceCount)

    let original = try union(wards, context: context)
    let originalHoles = try holeCount(original)
    // 25 m is far coarser than any display resolution: the worst case for gaps.
    let arcs = topology.simplifiedArcs(tolerance: 25)
    let simplified = topology.polygons(from: arcs)
    #expect(arcs.pointCount < wards.reduce(0) { $0 + $1.pointCount } / 5)
    let simplifiedUnion = try union(simplified, context: context)
    #expect(try holeCount(simplifiedUnion) == originalHoles)
    // No overlaps either: the pieces add up to their union.
    let pieces = try simplified.reduce(0.0) { $0 + (try Geometry($1, context: context).area()) }
    let unionArea = try simplifiedUnion.area()
    #expect(abs(pieces - unionArea) / unionArea < 1e-9)
    // The outer outline moved by less than the tolerance.
    #expect(try simplifiedUnion.hausdorffDistance(to: original) <= 25 + 1e-6)

    // The control: each ward simplified on its own opens slivers along shared boundaries.
    let independently = try wards.map {
      try Geometry($0, context: context).simplifiedPreservingTopology(tolerance: 25).flat()
    }
    #expect(try holeCount(try union(independently, context: context)) > originalHoles)
  }

  private func union(_ polygons: [FlatGeometry], context: GeometryContext) throws -> Geometry {
    let members = try polygons.map { try Geometry($0, context: context) }
    return try Geometry.collection(members, context: context).unaryUnion()
  }

  /// Interior rings of a polygonal geometry.
  private func holeCount(_ geometry: Geometry) throws -> Int {
    let flat = try geometry.flat()
    return flat.ringCount - flat.partCount
  }
}
