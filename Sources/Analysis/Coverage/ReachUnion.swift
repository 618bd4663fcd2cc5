import GEOS
import GeoCore

/// The ground within reach of a category's assets: the union of their buffers, split into its
/// separate pieces and indexed, so each unit is differenced only against the pieces that touch
/// it (DESIGN.md §10: never copy the big union per unit).
struct ReachUnion: Sendable {
  /// The disjoint polygons of the union.
  var parts: [FlatGeometry]
  var partAreas: [Double]
  var index: BoxIndex

  /// Buffers every asset by `radius` and unions them, in `threads` parallel halves (or more)
  /// whose results are unioned once at the end.
  static func build(_ assets: [FlatGeometry], radius: Double, quadrantSegments: Int, threads: Int) throws -> ReachUnion {
    guard !assets.isEmpty else { return ReachUnion(parts: [], partAreas: [], index: BoxIndex([])) }
    // Spatially coherent groups union faster: sort assets along x before splitting.
    let order = assets.indices.sorted { assets[$0].boundingBox.minX < assets[$1].boundingBox.minX }
    let groups = max(1, min(threads, assets.count))
    let perGroup = (assets.count + groups - 1) / groups
    let partial = try ParallelChunks.map(
      count: groups, threads: threads, chunkSize: 1, makeWorker: { GeometryContext() },
      body: { context, g -> FlatGeometry in
        let members = order[(g * perGroup)..<min(assets.count, (g + 1) * perGroup)]
        let buffers = try members.map { try Geometry(assets[$0], context: context).buffer(radius, quadrantSegments: quadrantSegments) }
        return try Geometry.collection(buffers, context: context).unaryUnion().flat()
      })
    let context = GeometryContext()
    let union: FlatGeometry
    if partial.count == 1 {
      union = partial[0]
    } else {
      let pieces = try partial.map { try Geometry($0, context: context) }
      union = try Geometry.collection(pieces, context: context).unaryUnion().polygonalPart().flat()
    }
    let parts = union.polygonParts
    return ReachUnion(parts: parts, partAreas: parts.map(\.polygonalArea), index: BoxIndex(parts.map(\.boundingBox)))
  }
}

extension FlatGeometry {
  /// Each polygon of a Polygon or MultiPolygon as its own Polygon.
  public var polygonParts: [FlatGeometry] {
    guard kind.isPolygonal else { return members.flatMap(\.polygonParts) }
    return (0..<partCount).map { part in
      var builder = FlatGeometryBuilder(kind: .polygon)
      for ring in ringRange(ofPart: part) {
        for point in pointRange(ofRing: ring) { builder.append(x: x(point), y: y(point)) }
        builder.closeRing()
      }
      builder.closePart()
      return builder.geometry
    }
  }
}
