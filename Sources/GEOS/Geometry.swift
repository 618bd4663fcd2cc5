internal import CGEOS
import GeoCore

/// An owned GEOS geometry: exactly one `Geometry` owns each GEOS pointer and destroys it in
/// `deinit`. Operations run in the context the geometry was made with, so a geometry stays on
/// the thread of its context; `FlatGeometry` is what crosses threads.
public final class Geometry {
  let pointer: OpaquePointer
  /// The context every operation on this geometry uses.
  public let context: GeometryContext

  /// Takes ownership of a GEOS pointer.
  init(owning pointer: OpaquePointer, context: GeometryContext) {
    self.pointer = pointer
    self.context = context
  }

  deinit {
    GEOSGeom_destroy_r(context.handle, pointer)
  }

  var handle: GEOSContextHandle_t { context.handle }

  /// The geometry type. Wraps `GEOSGeomTypeId_r`.
  public var kind: GeometryKind { GeometryKind(borrowedKindOf: pointer, handle: handle) }

  /// True when the geometry has no points. Wraps `GEOSisEmpty_r`.
  public var isEmpty: Bool { GEOSisEmpty_r(handle, pointer) == 1 }

  /// Number of member geometries (1 for a single geometry). Wraps `GEOSGetNumGeometries_r`.
  public var memberCount: Int { Int(GEOSGetNumGeometries_r(handle, pointer)) }

  /// A copy of member `index` of a multi-geometry or collection. Wraps `GEOSGetGeometryN_r`
  /// (a borrowed pointer, cloned with `GEOSGeom_clone_r` so the copy has its own owner).
  public func member(_ index: Int) throws(GEOSError) -> Geometry {
    guard index >= 0, index < memberCount, let borrowed = GEOSGetGeometryN_r(handle, pointer, Int32(index))
    else { throw .invalidInput("member \(index) out of range 0..<\(memberCount)") }
    return try context.own(GEOSGeom_clone_r(handle, borrowed), "clone")
  }

  /// Copies of every member (the polygons of a MultiPolygon, ...).
  public func members() throws(GEOSError) -> [Geometry] {
    var result: [Geometry] = []
    result.reserveCapacity(memberCount)
    for i in 0..<memberCount { result.append(try member(i)) }
    return result
  }

  /// A deep copy with its own owner. Wraps `GEOSGeom_clone_r`.
  public func clone() throws(GEOSError) -> Geometry {
    try context.own(GEOSGeom_clone_r(handle, pointer), "clone")
  }

  /// The same geometry owned by another context (for handing work to another thread's
  /// context: GEOS geometries are not tied to the context that made them).
  public func clone(into other: GeometryContext) throws(GEOSError) -> Geometry {
    try other.own(GEOSGeom_clone_r(other.handle, pointer), "clone")
  }

  /// The bounding box. Wraps `GEOSGeom_getXMin_r` and its siblings.
  public var boundingBox: BoundingBox {
    guard !isEmpty else { return .empty }
    var box = BoundingBox.empty
    GEOSGeom_getXMin_r(handle, pointer, &box.minX)
    GEOSGeom_getYMin_r(handle, pointer, &box.minY)
    GEOSGeom_getXMax_r(handle, pointer, &box.maxX)
    GEOSGeom_getYMax_r(handle, pointer, &box.maxY)
    return box
  }
}

@available(*, unavailable) extension Geometry: Sendable {}
