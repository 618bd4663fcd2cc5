import GEOS
import GeoCore

/// The union of many polygons, built in spatially coherent groups on several threads whose
/// results are unioned once at the end (GEOS's cascaded union runs on one core).
enum ParallelUnion {
  /// How many west-to-east groups a big input is cut into, whatever the thread count: GEOS
  /// places merged vertices (and starts rings) differently for a different cut, and the same
  /// input must give the same output on any machine.
  static let groupCount = 4

  static func union(_ geometries: [FlatGeometry], threads: Int) throws -> FlatGeometry {
    guard !geometries.isEmpty else { return .empty(.polygon) }
    let order = geometries.indices.sorted {
      let a = geometries[$0].boundingBox, b = geometries[$1].boundingBox
      return (a.minX + a.maxX, $0) < (b.minX + b.maxX, $1)
    }
    let groups = max(1, min(Self.groupCount, geometries.count / 64))
    let size = (geometries.count + groups - 1) / groups
    let partial = try ParallelChunks.map(
      count: groups, threads: threads, chunkSize: 1, makeWorker: { GeometryContext() },
      body: { context, g -> FlatGeometry in
        let members = try order[(g * size)..<min(geometries.count, (g + 1) * size)].map {
          try Geometry(geometries[$0], context: context)
        }
        return try Geometry.collection(members, context: context).unaryUnion().polygonalPart().flat()
      })
    if partial.count == 1 { return partial[0] }
    return try merged(partial, threads: threads)
  }

  /// The union of the groups' unions, built only where parts of different groups meet: a
  /// national layer's groups are mostly separate islands and coasts, and GEOS's union of the
  /// whole groups takes several times longer than that of the few meeting clusters. Parts that
  /// meet no other group's part are the union's parts as they are.
  static func merged(_ groups: [FlatGeometry], threads: Int) throws -> FlatGeometry {
    let parts = groups.enumerated().flatMap { group, union in union.polygonParts.map { (group, $0) } }
    // A group's own parts already have disjoint interiors: only parts of different groups join.
    let clusters = BoxClusters.group(parts.map(\.1.boundingBox)) { parts[$0].0 != parts[$1].0 }
    let unions = try ParallelChunks.map(
      count: clusters.count, threads: threads, chunkSize: 1, makeWorker: { GeometryContext() },
      body: { context, c -> FlatGeometry in
        guard clusters[c].count > 1 else { return parts[clusters[c][0]].1 }
        let members = try clusters[c].map { try Geometry(parts[$0].1, context: context) }
        return try Geometry.collection(members, context: context).unaryUnion().polygonalPart().flat()
      })
    return .multiPolygon(joining: unions)
  }
}
