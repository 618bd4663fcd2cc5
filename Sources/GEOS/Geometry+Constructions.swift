internal import CGEOS
import GeoCore

/// The centre and radius of the largest circle that fits inside a polygon.
public struct InscribedCircle: Sendable, Hashable {
  /// Centre x.
  public var x: Double
  /// Centre y.
  public var y: Double
  /// Radius (half the polygon's "width" at its widest).
  public var radius: Double
}

extension Geometry {
  /// The area within `distance` of the geometry, with `quadrantSegments` segments per quarter
  /// circle (8 by default, GEOS's own default). Wraps `GEOSBuffer_r`.
  public func buffer(_ distance: Double, quadrantSegments: Int = 8) throws(GEOSError) -> Geometry {
    try context.own(GEOSBuffer_r(handle, pointer, distance, Int32(quadrantSegments)), "buffer")
  }

  /// Simplified with Douglas–Peucker to `tolerance` without changing the topology (rings stay
  /// valid, holes stay inside). Wraps `GEOSTopologyPreserveSimplify_r`.
  public func simplifiedPreservingTopology(tolerance: Double) throws(GEOSError) -> Geometry {
    try context.own(GEOSTopologyPreserveSimplify_r(handle, pointer, tolerance), "simplify")
  }

  /// A point guaranteed to lie in the geometry. Wraps `GEOSPointOnSurface_r`.
  public func pointOnSurface() throws(GEOSError) -> Geometry {
    try context.own(GEOSPointOnSurface_r(handle, pointer), "point on surface")
  }

  /// The centre of mass (may lie outside a concave polygon). Wraps `GEOSGetCentroid_r`.
  public func centroid() throws(GEOSError) -> Geometry {
    try context.own(GEOSGetCentroid_r(handle, pointer), "centroid")
  }

  /// The bounding rectangle as a polygon (a point for a point). Wraps `GEOSEnvelope_r`.
  public func envelope() throws(GEOSError) -> Geometry {
    try context.own(GEOSEnvelope_r(handle, pointer), "envelope")
  }

  /// The largest circle inside a polygon, found to within `tolerance` (CRS units).
  /// Wraps `GEOSMaximumInscribedCircle_r` (its result is a line from the centre to the nearest
  /// boundary point).
  public func maximumInscribedCircle(tolerance: Double) throws(GEOSError) -> InscribedCircle {
    let line = try context.own(
      GEOSMaximumInscribedCircle_r(handle, pointer, tolerance), "maximum inscribed circle")
    let flat = try line.flat()
    guard flat.pointCount >= 2 else {
      throw .operationFailed(operation: "maximum inscribed circle", message: "empty result")
    }
    let dx = flat.x(1) - flat.x(0), dy = flat.y(1) - flat.y(0)
    return InscribedCircle(x: flat.x(0), y: flat.y(0), radius: (dx * dx + dy * dy).squareRoot())
  }

  /// The x and y of a Point. Wraps `GEOSGeomGetX_r` and `GEOSGeomGetY_r`.
  public func pointCoordinates() throws(GEOSError) -> (x: Double, y: Double) {
    var x = 0.0, y = 0.0
    guard kind == .point, try !isEmpty else { throw .invalidInput("not a non-empty point") }
    try context.succeeded(GEOSGeomGetX_r(handle, pointer, &x), "point x")
    try context.succeeded(GEOSGeomGetY_r(handle, pointer, &y), "point y")
    return (x, y)
  }

  /// A new point. Wraps `GEOSGeom_createPointFromXY_r`.
  public static func point(x: Double, y: Double, context: GeometryContext) throws(GEOSError) -> Geometry {
    try context.own(GEOSGeom_createPointFromXY_r(context.handle, x, y), "create point")
  }

  /// A rectangle polygon. Wraps `GEOSGeom_createRectangle_r`.
  public static func rectangle(_ box: BoundingBox, context: GeometryContext) throws(GEOSError) -> Geometry {
    try context.own(
      GEOSGeom_createRectangle_r(context.handle, box.minX, box.minY, box.maxX, box.maxY), "create rectangle")
  }
}
