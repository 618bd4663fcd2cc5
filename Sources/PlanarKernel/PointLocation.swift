import GeoCore

/// Where a point lies against a polygon, decided with exact orientation signs, so the answer is
/// GEOS's without building a GEOS geometry (coverage asks it for every asset in every unit).
public enum PointLocation {
  /// Whether (x, y) lies inside `polygon` (a valid polygon or multipolygon) or on its boundary:
  /// what GEOS's `intersects` answers for a point. Even–odd over all rings is the interior for a
  /// valid polygon (holes inside shells, parts apart); a point on any edge touches it.
  public static func intersects(_ polygon: FlatGeometry, x px: Double, y py: Double) -> Bool {
    locate(polygon, x: px, y: py) != .outside
  }

  /// Where a point lies against a polygon.
  public enum Location: Sendable, Hashable {
    /// In the interior.
    case inside
    /// On an edge (or at a vertex).
    case boundary
    /// In the exterior.
    case outside
  }

  /// Where (x, y) lies against `polygon` (a valid polygon or multipolygon), by the rule of
  /// `intersects(_:x:y:)`.
  public static func locate(_ polygon: FlatGeometry, x px: Double, y py: Double) -> Location {
    var inside = false
    for ring in 0..<polygon.ringCount {
      let range = polygon.pointRange(ofRing: ring)
      guard range.count >= 2 else { continue }
      for i in range.lowerBound..<(range.upperBound - 1) {
        let ax = polygon.x(i), ay = polygon.y(i), bx = polygon.x(i + 1), by = polygon.y(i + 1)
        if max(ax, bx) < px || min(ay, by) > py || max(ay, by) < py { continue }
        // Edges straddling the ray's height (half-open, so a vertex is counted once) cross the
        // ray to +x when they pass right of the point.
        let straddles = (ay > py) != (by > py)
        if min(ax, bx) > px {
          if straddles { inside.toggle() }
          continue
        }
        // Within the edge's box: on the edge exactly when collinear (at a vertex, a summit, along
        // it).
        let turn = OrientationSign.exactly(ax, ay, bx, by, px, py)
        if turn == 0 { return .boundary }
        if straddles, (by > ay) == (turn > 0) { inside.toggle() }
      }
    }
    return inside ? .inside : .outside
  }
}
