import GeoCore

/// Where a point lies against a polygon, decided with exact orientation signs, so the answer is
/// GEOS's without building a GEOS geometry (coverage asks it for every asset in every unit).
public enum PointLocation {
  /// Whether (x, y) lies inside `polygon` (a valid polygon or multipolygon) or on its boundary:
  /// what GEOS's `intersects` answers for a point. Even–odd over all rings is the interior for a
  /// valid polygon (holes inside shells, parts apart); a point on any ring touches it.
  public static func intersects(_ polygon: FlatGeometry, x: Double, y: Double) -> Bool {
    var inside = false
    for ring in 0..<polygon.ringCount {
      guard let inRing = ValidityProof.contains(polygon, ring: ring, x: x, y: y) else { return true }
      if inRing { inside.toggle() }
    }
    return inside
  }
}
