internal import CGEOS

extension Geometry {
  /// True when the geometry is valid under the OGC rules. Wraps `GEOSisValid_r`.
  public func isValid() throws(GEOSError) -> Bool {
    try context.answer(GEOSisValid_r(handle, pointer), "validity check")
  }

  /// Why the geometry is invalid (e.g. `"Nested shells[-1.2 53.4]"`), or `"Valid Geometry"`.
  /// Wraps `GEOSisValidReason_r` (the returned string is freed with `GEOSFree_r`).
  public func validityReason() throws(GEOSError) -> String {
    let reason = try context.created(GEOSisValidReason_r(handle, pointer), "validity check")
    defer { GEOSFree_r(handle, reason) }
    return String(cString: reason)
  }

  /// A valid geometry covering the same points, repaired with GEOS's default (linework) method:
  /// a nested shell becomes a hole, a bow-tie becomes two triangles. Wraps `GEOSMakeValid_r`.
  public func madeValid() throws(GEOSError) -> Geometry {
    try context.own(GEOSMakeValid_r(handle, pointer), "make valid")
  }
}
