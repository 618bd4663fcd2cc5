/// Ring orientation under RFC 7946's right-hand rule: exterior rings counter-clockwise, holes
/// clockwise.
public enum RingWinding {
  /// How many rings of the polygons in `geometry` wind the wrong way.
  public static func ringsNeedingReversal(_ geometry: FlatGeometry) -> Int {
    switch geometry.kind {
    case .polygon, .multiPolygon:
      var count = 0
      for part in 0..<geometry.partCount {
        let rings = geometry.ringRange(ofPart: part)
        for ring in rings {
          let area = geometry.signedDoubleArea(ofRing: ring)
          let isShell = ring == rings.lowerBound
          if (isShell && area < 0) || (!isShell && area > 0) { count += 1 }
        }
      }
      return count
    case .geometryCollection: return geometry.members.reduce(0) { $0 + ringsNeedingReversal($1) }
    default: return 0
    }
  }
}
