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
    let context = GeometryContext()
    let pieces = try partial.map { try Geometry($0, context: context) }
    return try Geometry.collection(pieces, context: context).unaryUnion().polygonalPart().flat()
  }
}
