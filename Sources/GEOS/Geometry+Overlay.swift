internal import CGEOS
import GeoCore

extension Geometry {
  /// The points shared by both geometries. Wraps `GEOSIntersection_r`.
  public func intersection(_ other: Geometry) throws(GEOSError) -> Geometry {
    try context.own(GEOSIntersection_r(handle, pointer, other.pointer), "intersection")
  }

  /// The points of either geometry. Wraps `GEOSUnion_r`.
  public func union(_ other: Geometry) throws(GEOSError) -> Geometry {
    try context.own(GEOSUnion_r(handle, pointer, other.pointer), "union")
  }

  /// The points of this geometry not in `other`. Wraps `GEOSDifference_r`.
  public func difference(_ other: Geometry) throws(GEOSError) -> Geometry {
    try context.own(GEOSDifference_r(handle, pointer, other.pointer), "difference")
  }

  /// The union of this geometry's own members (dissolve). Wraps `GEOSUnaryUnion_r`.
  public func unaryUnion() throws(GEOSError) -> Geometry {
    try context.own(GEOSUnaryUnion_r(handle, pointer), "unary union")
  }

  /// The linework noded: every crossing and touch of its lines becomes a vertex of both, and
  /// overlapping parts are split at each other's ends (coincident pieces are not merged). Faster
  /// than a unary union of the lines, which also builds and dissolves an overlay graph.
  /// Wraps `GEOSNode_r`.
  public func noded() throws(GEOSError) -> Geometry {
    try context.own(GEOSNode_r(handle, pointer), "node")
  }

  /// The union of polygons that touch only along shared edges (a coverage, such as a layer of
  /// wards): much faster than `unaryUnion`, wrong if the polygons overlap.
  /// Wraps `GEOSCoverageUnion_r`.
  public func coverageUnion() throws(GEOSError) -> Geometry {
    try context.own(GEOSCoverageUnion_r(handle, pointer), "coverage union")
  }

  /// The part of the geometry inside `box` (fast, but may return invalid output for invalid
  /// input; used to trim a large polygon before an exact overlay). Wraps `GEOSClipByRect_r`.
  public func clipped(to box: BoundingBox) throws(GEOSError) -> Geometry {
    try context.own(GEOSClipByRect_r(handle, pointer, box.minX, box.minY, box.maxX, box.maxY), "clip")
  }

  /// A GeometryCollection (or Multi* when every member has the same type) that takes ownership
  /// of `members`. Wraps `GEOSGeom_createCollection_r` (ownership of the members is transferred).
  public static func collection(_ members: [Geometry], context: GeometryContext) throws(GEOSError) -> Geometry
  {
    let kinds = Set(members.map(\.kind))
    let type: GEOSGeomTypes =
      if kinds.isSubset(of: [.polygon, .multiPolygon]) && !kinds.contains(.multiPolygon) && !members.isEmpty {
        GEOS_MULTIPOLYGON
      } else if kinds == [.point] {
        GEOS_MULTIPOINT
      } else if kinds == [.lineString] {
        GEOS_MULTILINESTRING
      } else {
        GEOS_GEOMETRYCOLLECTION
      }
    // GEOS takes the members: hand it clones so each Swift owner keeps its own pointer.
    var pointers: [OpaquePointer?] = []
    pointers.reserveCapacity(members.count)
    for member in members {
      guard let copy = GEOSGeom_clone_r(context.handle, member.pointer) else {
        for p in pointers { GEOSGeom_destroy_r(context.handle, p) }
        throw context.error("clone")
      }
      pointers.append(copy)
    }
    let made = pointers.withUnsafeMutableBufferPointer { buffer in
      GEOSGeom_createCollection_r(
        context.handle, Int32(type.rawValue), buffer.baseAddress, UInt32(buffer.count))
    }
    return try context.own(made, "create collection")
  }

  /// Only the polygonal part of the geometry (an overlay of two polygons can return lines and
  /// points where they touch), as a Polygon, MultiPolygon or an empty Polygon.
  public func polygonalPart() throws(GEOSError) -> Geometry {
    switch kind {
    case .polygon, .multiPolygon: return self
    case .geometryCollection:
      var polygons: [Geometry] = []
      for member in try members() {
        switch member.kind {
        case .polygon: polygons.append(member)
        case .multiPolygon: polygons.append(contentsOf: try member.members())
        case .geometryCollection: polygons.append(contentsOf: try member.polygonalPart().members())
        default: continue
        }
      }
      if polygons.count == 1 { return polygons[0] }
      if polygons.isEmpty { return try context.own(GEOSGeom_createEmptyPolygon_r(handle), "create polygon") }
      return try Geometry.collection(polygons, context: context)
    default:
      return try context.own(GEOSGeom_createEmptyPolygon_r(handle), "create polygon")
    }
  }
}
