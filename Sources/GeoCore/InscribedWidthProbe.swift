/// Cheap proofs about the largest circle inside a polygon, from parallel scanlines, that settle
/// most sliver tests without GEOS's maximum inscribed circle.
///
/// Scanlines cross the box's longer side, `step` apart, so every point of the polygon is
/// within step/2 of one. If a disk of radius r fits inside, the nearest scanline cuts a chord of
/// at least 2·√(r² − step²/4) from it, inside one interior interval; so when every interval is
/// shorter than that, no such disk fits. Conversely, a point (the middle of a long interval)
/// whose distance to every edge is at least r is the centre of such a disk.
public enum InscribedWidthProbe {
  public enum Verdict: Equatable, Sendable {
    /// No disk of radius r fits: the polygon is narrower than 2r everywhere.
    case narrower
    /// A disk of radius r fits (centred at a point found).
    case fits
    /// Neither could be shown within the line budget.
    case unknown
  }

  /// Whether a disk of `radius` fits inside the polygonal `geometry` (valid, even-odd rings).
  /// Gives up (`unknown`) rather than scan more than `maxLines` lines.
  public static func disk(of radius: Double, fitsIn geometry: FlatGeometry, maxLines: Int = 4_000) -> Verdict {
    let box = geometry.boundingBox
    guard radius > 0, !box.isEmpty else { return .unknown }
    let step = radius / 2
    // Lines across the longer side: along a thin strip every interval is short.
    let horizontal = box.height > box.width
    let across = horizontal ? box.height : box.width
    let lineCount = Int((across / step).rounded(.up)) + 1
    // Over budget, a few middle lines may still find a centre; the narrower proof needs them all.
    let linesToScan = lineCount <= maxLines ? lineCount : min(lineCount, 16)
    // A chord that a fitting disk must leave on its nearest line (a hair less, for rounding).
    let chord = 2 * (radius * radius - step * step / 4).squareRoot() * (1 - 1e-9)
    let start = (horizontal ? box.minY : box.minX) + (across - Double(lineCount - 1) * step) / 2
    var crossings: [Double] = []
    var sawLongInterval = false
    // Middle lines first: they are the likeliest to pass through a wide part.
    for k in centreOutOrder(lineCount).prefix(linesToScan) {
      let level = start + Double(k) * step
      crossings.removeAll(keepingCapacity: true)
      collectCrossings(geometry, level: level, horizontal: horizontal, into: &crossings)
      crossings.sort()
      var best = (length: 0.0, middle: 0.0)
      var i = 0
      while i + 1 < crossings.count {
        let length = crossings[i + 1] - crossings[i]
        if length > best.length { best = (length, (crossings[i] + crossings[i + 1]) / 2) }
        i += 2
      }
      guard best.length >= chord else { continue }
      sawLongInterval = true
      let (x, y) = horizontal ? (best.middle, level) : (level, best.middle)
      if geometry.distanceToLinework(x: x, y: y) >= radius { return .fits }
    }
    return sawLongInterval || linesToScan < lineCount ? .unknown : .narrower
  }

  /// 0..<n ordered from the middle outwards.
  static func centreOutOrder(_ n: Int) -> [Int] {
    var order: [Int] = []
    order.reserveCapacity(n)
    var low = (n - 1) / 2, high = low + 1
    while low >= 0 || high < n {
      if low >= 0 {
        order.append(low)
        low -= 1
      }
      if high < n {
        order.append(high)
        high += 1
      }
    }
    return order
  }

  /// Where the line (y = level when horizontal, else x = level) crosses the rings' edges, by the
  /// half-open rule so a vertex on the line counts once.
  static func collectCrossings(_ g: FlatGeometry, level: Double, horizontal: Bool, into crossings: inout [Double]) {
    g.coordinates.withUnsafeBufferPointer { c in
      let (along, across) = horizontal ? (0, 1) : (1, 0)
      for ring in 0..<g.ringCount {
        let range = g.pointRange(ofRing: ring)
        guard range.count >= 2 else { continue }
        for i in range.lowerBound..<(range.upperBound - 1) {
          let v0 = c[2 * i + across], v1 = c[2 * i + 2 + across]
          guard (v0 <= level) != (v1 <= level) else { continue }
          let u0 = c[2 * i + along], u1 = c[2 * i + 2 + along]
          crossings.append(u0 + (level - v0) / (v1 - v0) * (u1 - u0))
        }
      }
    }
    for member in g.members { collectCrossings(member, level: level, horizontal: horizontal, into: &crossings) }
  }
}
