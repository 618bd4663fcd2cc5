import GeoCore

extension EdgeBands {
  /// On which side of the directed segment p → q this polygon's interior lies, when the whole
  /// segment runs along the polygon's boundary: +1 left, −1 right; nil when some stretch of the
  /// segment is off the boundary, or the interior lies on different sides along it.
  ///
  /// Exact: an edge counts only when both its ends lie exactly on the line p → q, and stretches
  /// are compared on the segment's longer axis, coordinates as stored.
  public func interiorSide(alongSegmentFrom px: Double, _ py: Double, to qx: Double, _ qy: Double) -> Double?
  {
    guard px != qx || py != qy else { return nil }
    let alongX = abs(qx - px) >= abs(qy - py)
    let (start, end) = alongX ? (min(px, qx), max(px, qx)) : (min(py, qy), max(py, qy))
    let forward = alongX ? qx > px : qy > py
    var candidates: [Int32] = []
    edges(
      in: BoundingBox(minX: min(px, qx), minY: min(py, qy), maxX: max(px, qx), maxY: max(py, qy)),
      into: &candidates)
    var stretches: [(low: Double, high: Double)] = []
    var interiorSide: Double?
    for edge in candidates {
      let e = Int(edge)
      guard OrientationSign.exactly(px, py, qx, qy, x0[e], y0[e]) == 0,
        OrientationSign.exactly(px, py, qx, qy, x1[e], y1[e]) == 0
      else { continue }
      let (u, v) = alongX ? (x0[e], x1[e]) : (y0[e], y1[e])
      let low = max(start, min(u, v)), high = min(end, max(u, v))
      guard low < high else { continue }
      // The interior's side of p → q: the edge's own side, flipped when it runs the other way.
      let side = (v > u) == forward ? self.side[e] : -self.side[e]
      if let interiorSide, interiorSide != side { return nil }
      interiorSide = side
      stretches.append((low, high))
    }
    stretches.sort { $0.low < $1.low }
    var reached = start
    for stretch in stretches {
      if stretch.low > reached { return nil }
      reached = max(reached, stretch.high)
    }
    return reached >= end ? interiorSide : nil
  }
}

extension PolygonIntersection {
  /// Whether A and B only touch, proved from the boundary of their intersection as `measure`
  /// found it: when every segment of it runs along both boundaries, with A's interior on one
  /// side and B's on the other, the two meet along edges alone and their interiors are
  /// disjoint (area(A ∩ B) is exactly 0). False means not proved: real overlap, or crossing
  /// points that are not exact vertices.
  public static func onlyTouch(_ a: EdgeBands, _ b: EdgeBands, boundary: FlatGeometry) -> Bool {
    for part in 0..<boundary.partCount {
      for ring in boundary.ringRange(ofPart: part) {
        let points = boundary.pointRange(ofRing: ring)
        for i in points.lowerBound..<max(points.lowerBound, points.upperBound - 1) {
          let px = boundary.x(i), py = boundary.y(i), qx = boundary.x(i + 1), qy = boundary.y(i + 1)
          if px == qx && py == qy { continue }
          guard let sideA = a.interiorSide(alongSegmentFrom: px, py, to: qx, qy),
            let sideB = b.interiorSide(alongSegmentFrom: px, py, to: qx, qy), sideA == -sideB
          else { return false }
        }
      }
    }
    return true
  }
}
