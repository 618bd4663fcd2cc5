import GeoCore

/// The squared distance from point p to segment a–b, computed the way GEOS computes it
/// (`LineSegment::closestPoint`, then the distance to that point), so that distances built on it
/// round like GEOS's (the square root of the minimum is the minimum of the square roots).
/// A degenerate segment (a = b) is the point a.
@inlinable
func segmentDistanceSquared(
  _ px: Double, _ py: Double, _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double
) -> Double {
  // LineSegment::projectionFactor: exact 0 or 1 at the end points, NaN for a zero-length segment.
  let dx = bx - ax, dy = by - ay
  var factor: Double
  if px == ax && py == ay {
    factor = 0
  } else if px == bx && py == by {
    factor = 1
  } else {
    let lengthSquared = dx * dx + dy * dy
    factor = lengthSquared <= 0 ? .nan : ((px - ax) * dx + (py - ay) * dy) / lengthSquared
  }
  let cx: Double, cy: Double
  if factor > 0 && factor < 1 {
    cx = ax + factor * dx
    cy = ay + factor * dy
  } else {
    let toA = squared(ax - px, ay - py), toB = squared(bx - px, by - py)
    // GEOS compares the square roots; comparing the squares picks the same end point.
    if toA < toB { return toA }
    return toB
  }
  return squared(cx - px, cy - py)
}

@inlinable
func squared(_ dx: Double, _ dy: Double) -> Double { dx * dx + dy * dy }
