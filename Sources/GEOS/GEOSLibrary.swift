internal import CGEOS

/// Facts about the GEOS library nbhd runs on.
public enum GEOSLibrary {
  /// The GEOS version string, e.g. `"3.11.1-CAPI-1.17.1"`. Wraps `GEOSversion`.
  public static var version: String { String(cString: GEOSversion()) }
}
