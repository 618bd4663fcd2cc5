extension FlatGeometry {
  /// Planar area of the polygonal parts (shells minus holes), in CRS units squared; 0 for points
  /// and lines. Rings are taken as valid (holes inside their shell).
  public var polygonalArea: Double {
    switch kind {
    case .polygon, .multiPolygon:
      var total = 0.0
      for part in 0..<partCount {
        let rings = ringRange(ofPart: part)
        for ring in rings {
          let twice = abs(signedDoubleArea(ofRing: ring))
          total += ring == rings.lowerBound ? twice : -twice
        }
      }
      return total / 2
    case .geometryCollection: return members.reduce(0) { $0 + $1.polygonalArea }
    default: return 0
    }
  }

  /// The shortest distance from (x, y) to any ring or line of the geometry (the boundary of a
  /// polygon), by scanning every segment.
  public func distanceToLinework(x: Double, y: Double) -> Double {
    var best = Double.infinity
    coordinates.withUnsafeBufferPointer { c in
      for ring in 0..<ringCount {
        let range = pointRange(ofRing: ring)
        guard range.count >= 2 else { continue }
        for i in range.lowerBound..<(range.upperBound - 1) {
          let ax = c[2 * i], ay = c[2 * i + 1], bx = c[2 * i + 2], by = c[2 * i + 3]
          let dx = bx - ax, dy = by - ay
          let lengthSquared = dx * dx + dy * dy
          var t = lengthSquared > 0 ? ((x - ax) * dx + (y - ay) * dy) / lengthSquared : 0
          t = min(1, max(0, t))
          let px = ax + t * dx - x, py = ay + t * dy - y
          best = min(best, px * px + py * py)
        }
      }
    }
    for member in members { best = min(best, pow2(member.distanceToLinework(x: x, y: y))) }
    return best.squareRoot()
  }
}

private func pow2(_ v: Double) -> Double { v * v }
