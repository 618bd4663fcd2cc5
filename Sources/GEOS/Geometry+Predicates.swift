internal import CGEOS

extension Geometry {
  private func predicate(_ value: CChar, _ name: String) throws(GEOSError) -> Bool {
    try context.answer(value, name)
  }

  /// True when the geometries share a point. Wraps `GEOSIntersects_r`.
  public func intersects(_ other: Geometry) throws(GEOSError) -> Bool {
    try predicate(GEOSIntersects_r(handle, pointer, other.pointer), "intersects")
  }

  /// True when `other` lies in this geometry and not only on its boundary. Wraps `GEOSContains_r`.
  public func contains(_ other: Geometry) throws(GEOSError) -> Bool {
    try predicate(GEOSContains_r(handle, pointer, other.pointer), "contains")
  }

  /// True when no point of `other` lies outside this geometry. Wraps `GEOSCovers_r`.
  public func covers(_ other: Geometry) throws(GEOSError) -> Bool {
    try predicate(GEOSCovers_r(handle, pointer, other.pointer), "covers")
  }

  /// True when the two have the same points (topologically equal). Wraps `GEOSEquals_r`.
  public func topologicallyEquals(_ other: Geometry) throws(GEOSError) -> Bool {
    try predicate(GEOSEquals_r(handle, pointer, other.pointer), "equals")
  }
}
