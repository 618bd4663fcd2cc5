internal import CGEOS

extension Geometry {
  /// Area in the square units of the CRS (m² in EPSG:27700). Wraps `GEOSArea_r`.
  public func area() throws(GEOSError) -> Double {
    var value = 0.0
    try context.succeeded(GEOSArea_r(handle, pointer, &value), "area")
    return value
  }

  /// Length (perimeter for polygons) in CRS units. Wraps `GEOSLength_r`.
  public func length() throws(GEOSError) -> Double {
    var value = 0.0
    try context.succeeded(GEOSLength_r(handle, pointer, &value), "length")
    return value
  }

  /// Shortest distance between the two geometries. Wraps `GEOSDistance_r`.
  public func distance(to other: Geometry) throws(GEOSError) -> Double {
    var value = 0.0
    try context.succeeded(GEOSDistance_r(handle, pointer, other.pointer, &value), "distance")
    return value
  }

  /// The discrete Hausdorff distance: how far the two geometries' points are from each other at
  /// worst. Wraps `GEOSHausdorffDistance_r`.
  public func hausdorffDistance(to other: Geometry) throws(GEOSError) -> Double {
    var value = 0.0
    try context.succeeded(
      GEOSHausdorffDistance_r(handle, pointer, other.pointer, &value), "Hausdorff distance")
    return value
  }

  /// The Hausdorff distance with each segment densified into pieces of at most `fraction` of its
  /// length (closer to the true value on long straight edges). Wraps
  /// `GEOSHausdorffDistanceDensify_r`.
  public func hausdorffDistance(to other: Geometry, densifyFraction fraction: Double) throws(GEOSError)
    -> Double
  {
    var value = 0.0
    try context.succeeded(
      GEOSHausdorffDistanceDensify_r(handle, pointer, other.pointer, fraction, &value), "Hausdorff distance")
    return value
  }
}
