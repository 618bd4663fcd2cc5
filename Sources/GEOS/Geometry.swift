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

  /// True when the geometry has no points; a GEOS exception is thrown, not taken for "not
  /// empty". Wraps `GEOSisEmpty_r`.
  public var isEmpty: Bool {
    get throws(GEOSError) { try context.answer(GEOSisEmpty_r(handle, pointer), "is empty") }
  }

  /// Number of member geometries (1 for a single geometry). Wraps `GEOSGetNumGeometries_r`.
  public var memberCount: Int {
    get throws(GEOSError) { try context.count(GEOSGetNumGeometries_r(handle, pointer), "count members") }
  }

  /// A copy of member `index` of a multi-geometry or collection. Wraps `GEOSGetGeometryN_r`
  /// (a borrowed pointer, cloned with `GEOSGeom_clone_r` so the copy has its own owner).
  public func member(_ index: Int) throws(GEOSError) -> Geometry {
    let count = try memberCount
    guard index >= 0, index < count else { throw .invalidInput("member \(index) out of range 0..<\(count)") }
    let borrowed = try context.created(GEOSGetGeometryN_r(handle, pointer, Int32(index)), "read member")
    return try context.own(GEOSGeom_clone_r(handle, borrowed), "clone")
  }

  /// Copies of every member (the polygons of a MultiPolygon, ...).
  public func members() throws(GEOSError) -> [Geometry] {
    let count = try memberCount
    var result: [Geometry] = []
    result.reserveCapacity(count)
    for i in 0..<count { result.append(try member(i)) }
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
    get throws(GEOSError) {
      guard try !isEmpty else { return .empty }
      var box = BoundingBox.empty
      try context.succeeded(GEOSGeom_getXMin_r(handle, pointer, &box.minX), "bounding box")
      try context.succeeded(GEOSGeom_getYMin_r(handle, pointer, &box.minY), "bounding box")
      try context.succeeded(GEOSGeom_getXMax_r(handle, pointer, &box.maxX), "bounding box")
      try context.succeeded(GEOSGeom_getYMax_r(handle, pointer, &box.maxY), "bounding box")
      return box
    }
  }
}

@available(*, unavailable) extension Geometry: Sendable {}
