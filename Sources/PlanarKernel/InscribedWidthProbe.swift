import GeoCore

/// Cheap proofs about the largest circle inside a polygon, from parallel scanlines, that settle
/// most sliver tests without GEOS's maximum inscribed circle.
///
/// Scanlines cross the box's longer side, `step` apart, so every point of the polygon is
/// within step/2 of one. If a disk of radius r fits inside, the nearest scanline cuts a chord of
/// at least 2·√(r² − step²/4) from it, inside one interior interval; so when every interval is
/// shorter than that, no such disk fits. Conversely, a point (the middle of a long interval)
/// whose distance to every edge is at least r is the centre of such a disk.
public enum InscribedWidthProbe {
  /// What a probe proved about a disk of a given radius.
  public enum Verdict: Equatable, Sendable {
    /// No disk of radius r fits: the polygon is narrower than 2r everywhere.
    case narrower
    /// A disk of radius r fits (centred at a point found).
    case fits
    /// Neither could be shown within the line budget.
    case unknown
  }

  /// Whether a disk of `radius` fits inside the polygonal `geometry` (valid, even-odd rings).
  /// Gives up (`unknown`) rather than sweep more than `maxLines` lines. Lines run radius /
  /// `linesPerRadius` apart; up to `centreTries` middles are tried as centres: of the longest
  /// interval on a line, or with `everyInterval` of every interval long enough.
  public static func disk(
    of radius: Double, fitsIn geometry: FlatGeometry, maxLines: Int = 400_000, linesPerRadius: Double = 2,
    centreTries: Int = 32, everyInterval: Bool = false
  ) -> Verdict {
    let box = geometry.boundingBox
    guard radius > 0, !box.isEmpty else { return .unknown }
    let step = radius / linesPerRadius
    // Lines across the longer side: along a thin strip every interval is short.
    let horizontal = box.height > box.width
    let across = horizontal ? box.height : box.width
    let lineCount = Int((across / step).rounded(.up)) + 1
    // A chord that a fitting disk must leave on its nearest line (a hair less, for rounding).
    let chord = 2 * (radius * radius - step * step / 4).squareRoot() * (1 - 1e-9)
    let start = (horizontal ? box.minY : box.minX) + (across - Double(lineCount - 1) * step) / 2
    let edges = ScanEdges(geometry, horizontal: horizontal)
    var crossings: [Double] = []
    // The middle of the longest interval, if it is long enough to hold a fitting disk's chord.
    func longest() -> Double? {
      crossings.sort()
      var best = (length: 0.0, middle: 0.0)
      var i = 0
      while i + 1 < crossings.count {
        let length = crossings[i + 1] - crossings[i]
        if length > best.length { best = (length, (crossings[i] + crossings[i + 1]) / 2) }
        i += 2
      }
      return best.length >= chord ? best.middle : nil
    }
    func fits(at middle: Double, _ level: Double) -> Bool {
      let (x, y) = horizontal ? (middle, level) : (level, middle)
      return geometry.distanceToLinework(x: x, y: y) >= radius
    }
    // A few middle lines first: a fat piece shows a centre at once.
    for k in centreOutOrder(lineCount, first: 8) {
      let level = start + Double(k) * step
      crossings.removeAll(keepingCapacity: true)
      edges.crossings(at: level, among: edges.all, into: &crossings)
      if let middle = longest(), fits(at: middle, level) { return .fits }
    }
    guard lineCount <= maxLines else { return .unknown }
    // Then every line in order, each crossing only the edges that span it.
    let byLow = edges.byLow()
    var sawLongInterval = false
    var tries = 0
    var active: [Int] = []
    var next = 0
    for k in 0..<lineCount {
      let level = start + Double(k) * step
      while next < byLow.count, edges.low[byLow[next]] <= level {
        active.append(byLow[next])
        next += 1
      }
      active.removeAll { edges.high[$0] <= level }
      crossings.removeAll(keepingCapacity: true)
      edges.crossings(at: level, among: active, into: &crossings)
      guard let middle = longest() else { continue }
      sawLongInterval = true
      if everyInterval {
        var i = 0
        while i + 1 < crossings.count, tries < centreTries {
          if crossings[i + 1] - crossings[i] >= chord {
            tries += 1
            if fits(at: (crossings[i] + crossings[i + 1]) / 2, level) { return .fits }
          }
          i += 2
        }
      } else if tries < centreTries {
        tries += 1
        if fits(at: middle, level) { return .fits }
      }
    }
    return sawLongInterval ? .unknown : .narrower
  }

  /// The point farthest from the boundary among the middles of the longest interior intervals on
  /// `lines` evenly spaced scanlines across the longer side: a cheap stand-in for the centre of
  /// the largest inscribed circle (the "pole of inaccessibility"), always inside the polygon.
  public static func deepestPoint(in geometry: FlatGeometry, lines: Int = 16) -> (x: Double, y: Double)? {
    let box = geometry.boundingBox
    guard !box.isEmpty, lines > 0 else { return nil }
    let horizontal = box.height > box.width
    let (low, across) = horizontal ? (box.minY, box.height) : (box.minX, box.width)
    let edges = ScanEdges(geometry, horizontal: horizontal)
    var crossings: [Double] = []
    var best: (x: Double, y: Double, clearance: Double)?
    for k in 0..<lines {
      let level = low + (Double(k) + 0.5) / Double(lines) * across
      crossings.removeAll(keepingCapacity: true)
      edges.crossings(at: level, among: edges.all, into: &crossings)
      crossings.sort()
      var i = 0
      var widest = (length: 0.0, middle: 0.0)
      while i + 1 < crossings.count {
        if crossings[i + 1] - crossings[i] > widest.length {
          widest = (crossings[i + 1] - crossings[i], (crossings[i] + crossings[i + 1]) / 2)
        }
        i += 2
      }
      guard widest.length > 0 else { continue }
      // The middle is at most half the interval from the boundary (the interval's ends lie on
      // it, to within rounding): an interval that cannot beat the best is not measured.
      if let best, widest.length / 2 * (1 + 1e-9) < best.clearance { continue }
      let (x, y) = horizontal ? (widest.middle, level) : (level, widest.middle)
      let clearance = geometry.distanceToLinework(x: x, y: y)
      if clearance > best?.clearance ?? -1 { best = (x, y, clearance) }
    }
    return best.map { ($0.x, $0.y) }
  }

  /// The first `first` of 0..<n ordered from the middle outwards (all of them by default).
  static func centreOutOrder(_ n: Int, first: Int = .max) -> [Int] {
    var order: [Int] = []
    order.reserveCapacity(min(n, first))
    var low = (n - 1) / 2, high = low + 1
    while (low >= 0 || high < n) && order.count < first {
      if low >= 0 {
        order.append(low)
        low -= 1
      }
      if high < n && order.count < first {
        order.append(high)
        high += 1
      }
    }
    return order
  }
}

/// Every ring edge of a geometry as spans along the scan axis (`low`..<`high`) with its end
/// points in scan coordinates (u along the line, v across).
struct ScanEdges {
  var low: [Double] = [], high: [Double] = []
  var u0: [Double] = [], v0: [Double] = [], u1: [Double] = [], v1: [Double] = []
  var all: Range<Int> { 0..<low.count }

  init(_ geometry: FlatGeometry, horizontal: Bool) {
    // At most one edge per vertex: reserved up front, the six arrays no longer regrow (their
    // regrowth was about a quarter of the sliver test's time on a national crosswalk).
    let capacity = geometry.pointCount
    low.reserveCapacity(capacity)
    high.reserveCapacity(capacity)
    u0.reserveCapacity(capacity)
    v0.reserveCapacity(capacity)
    u1.reserveCapacity(capacity)
    v1.reserveCapacity(capacity)
    add(geometry, horizontal: horizontal)
  }

  /// Edge positions sorted by `low`, for a sweep (only sorted when a sweep is needed: most
  /// pieces are settled by a few lines through the middle).
  func byLow() -> [Int] { low.indices.sorted { low[$0] < low[$1] } }

  private mutating func add(_ g: FlatGeometry, horizontal: Bool) {
    let (along, across) = horizontal ? (0, 1) : (1, 0)
    g.coordinates.withUnsafeBufferPointer { c in
      for ring in 0..<g.ringCount {
        let range = g.pointRange(ofRing: ring)
        guard range.count >= 2 else { continue }
        for i in range.lowerBound..<(range.upperBound - 1) {
          let a = c[2 * i + across], b = c[2 * i + 2 + across]
          guard a != b else { continue }  // parallel to the lines: never crossed
          low.append(min(a, b))
          high.append(max(a, b))
          u0.append(c[2 * i + along])
          v0.append(a)
          u1.append(c[2 * i + 2 + along])
          v1.append(b)
        }
      }
    }
    for member in g.members { add(member, horizontal: horizontal) }
  }

  /// Where the line at `level` crosses the given edges, by the half-open rule (low ≤ level <
  /// high) so a vertex on the line counts once.
  func crossings<S: Sequence<Int>>(at level: Double, among edges: S, into out: inout [Double]) {
    for e in edges where low[e] <= level && level < high[e] {
      out.append(u0[e] + (level - v0[e]) / (v1[e] - v0[e]) * (u1[e] - u0[e]))
    }
  }
}
