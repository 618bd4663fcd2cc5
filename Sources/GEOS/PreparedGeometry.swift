internal import CGEOS

/// A geometry prepared for many fast predicate tests against it (an index over its edges).
/// Holds its base geometry, so the base outlives the prepared form; the prepared form is
/// destroyed first.
///
/// Wraps `GEOSPrepare_r` and `GEOSPreparedGeom_destroy_r`.
public final class PreparedGeometry {
  /// The geometry this was prepared from.
  public let base: Geometry
  private let pointer: OpaquePointer

  /// Prepares `base`. Wraps `GEOSPrepare_r`.
  public init(_ base: Geometry) throws(GEOSError) {
    self.pointer = try base.context.created(GEOSPrepare_r(base.handle, base.pointer), "prepare")
    self.base = base
  }

  deinit {
    GEOSPreparedGeom_destroy_r(base.handle, pointer)
  }

  private func predicate(_ value: CChar, _ name: String) throws(GEOSError) -> Bool {
    try base.context.answer(value, name)
  }

  /// True when `other` lies inside (boundary contact allowed). Wraps `GEOSPreparedContains_r`.
  public func contains(_ other: Geometry) throws(GEOSError) -> Bool {
    try predicate(GEOSPreparedContains_r(base.handle, pointer, other.pointer), "prepared contains")
  }

  /// True when `other` lies in the interior, touching no boundary. Wraps
  /// `GEOSPreparedContainsProperly_r`.
  public func containsProperly(_ other: Geometry) throws(GEOSError) -> Bool {
    try predicate(
      GEOSPreparedContainsProperly_r(base.handle, pointer, other.pointer), "prepared contains properly")
  }

  /// True when no point of `other` lies outside. Wraps `GEOSPreparedCovers_r`.
  public func covers(_ other: Geometry) throws(GEOSError) -> Bool {
    try predicate(GEOSPreparedCovers_r(base.handle, pointer, other.pointer), "prepared covers")
  }

  /// True when they share a point. Wraps `GEOSPreparedIntersects_r`.
  public func intersects(_ other: Geometry) throws(GEOSError) -> Bool {
    try predicate(GEOSPreparedIntersects_r(base.handle, pointer, other.pointer), "prepared intersects")
  }

  /// True when the point (x, y) lies inside or on the boundary. Wraps `GEOSPreparedIntersects_r`
  /// on a new point (GEOS 3.11 has no XY variant).
  public func intersectsPoint(x: Double, y: Double) throws(GEOSError) -> Bool {
    let point = try Geometry.point(x: x, y: y, context: base.context)
    return try intersects(point)
  }
}

@available(*, unavailable) extension PreparedGeometry: Sendable {}
