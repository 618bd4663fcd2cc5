import GeoCore

/// The discrete Hausdorff distance with GEOS's definition (`GEOSHausdorffDistance_r`): the
/// largest distance from a vertex of either geometry to the other geometry's linework (for a
/// polygon, its rings — a vertex inside it is as far as the nearest ring, not 0).
///
/// GEOS measures every vertex against every segment (O(n·m) per pair). Here each direction is a
/// branch and bound over one geometry's `LineworkIndex`: regions whose vertices all lie close to
/// a known vertex of the other geometry cannot raise the maximum and are skipped, and each
/// remaining vertex asks the other geometry's index for its nearest segment, stopping as soon as
/// one is close enough not to matter. Distances are computed with GEOS's arithmetic (see
/// `segmentDistanceSquared`), so the result equals GEOS's to rounding (tests: 1e-9 relative;
/// almost always bit-equal).
public enum DiscreteHausdorff {
  /// The distance between the linework of two indexed geometries (0 when either is empty).
  public static func distance(_ first: LineworkIndex, _ second: LineworkIndex) -> Double {
    guard !first.isEmpty, !second.isEmpty else { return 0 }
    // The larger side first: the farthest vertex is usually its (a small unit deep inside a
    // large one is far from most of the large one's ring), and that distance then rules out
    // nearly all of the smaller side at once. The result is the same either way round.
    let (small, large) = first.segments.count <= second.segments.count ? (first, second) : (second, first)
    let oneWay = largestVertexDistanceSquared(from: large, to: small, atLeast: 0)
    let both = largestVertexDistanceSquared(from: small, to: large, atLeast: oneWay)
    return both.squareRoot()
  }

  /// The largest squared distance from a vertex of `from` to the linework of `to`, or `floor`
  /// when no vertex is farther than that.
  static func largestVertexDistanceSquared(from: LineworkIndex, to: LineworkIndex, atLeast floor: Double)
    -> Double
  {
    var best = floor
    let samples = to.samples
    /// An upper bound on the squared distance from any point of the box to `to`'s linework.
    func bound(_ node: Int) -> Double {
      let b = 4 * node
      let minX = from.boxes[b], minY = from.boxes[b + 1], maxX = from.boxes[b + 2], maxY = from.boxes[b + 3]
      var result = Double.infinity
      for s in samples {
        let dx = max(abs(s.x - minX), abs(s.x - maxX)), dy = max(abs(s.y - minY), abs(s.y - maxY))
        result = min(result, dx * dx + dy * dy)
      }
      return result
    }
    func vertexBound(_ x: Double, _ y: Double) -> Double {
      var result = Double.infinity
      for s in samples { result = min(result, squared(s.x - x, s.y - y)) }
      return result
    }
    func consider(_ x: Double, _ y: Double) {
      guard cannotRule(out: vertexBound(x, y), below: best) else { return }
      let d = to.nearestDistanceSquared(x: x, y: y, stoppingAtOrBelow: best)
      if d > best { best = d }
    }
    func visit(_ node: Int) {
      let range = from.children[node]
      if node < from.leafCount {
        for k in range {
          let s = 4 * k
          consider(from.segments[s], from.segments[s + 1])
          if from.endsLine[k] { consider(from.segments[s + 2], from.segments[s + 3]) }
        }
        return
      }
      // Children with the largest bound first: they are where the maximum usually is.
      var ranked: [(node: Int, bound: Double)] = range.map { ($0, bound($0)) }
      ranked.sort { $0.bound > $1.bound }
      for child in ranked where cannotRule(out: child.bound, below: best) { visit(child.node) }
    }
    let root = from.children.count - 1
    if cannotRule(out: bound(root), below: best) { visit(root) }
    return best
  }

  /// False when an upper bound proves a value cannot exceed `best` (with a margin far above
  /// rounding, so no vertex GEOS would count is skipped).
  @inline(__always)
  static func cannotRule(out upperBound: Double, below best: Double) -> Bool {
    upperBound * (1 + 1e-12) > best
  }
}

extension LineworkIndex {
  /// The squared distance from (x, y) to the nearest segment; once a segment at squared distance
  /// `threshold` or less is found the search stops and returns that (the caller only needs to
  /// know it is no more than `threshold`).
  public func nearestDistanceSquared(x: Double, y: Double, stoppingAtOrBelow threshold: Double = -1) -> Double
  {
    guard !isEmpty else { return .infinity }
    var best = Double.infinity
    func boxDistanceSquared(_ node: Int) -> Double {
      let b = 4 * node
      let dx = max(boxes[b] - x, 0, x - boxes[b + 2])
      let dy = max(boxes[b + 1] - y, 0, y - boxes[b + 3])
      return dx * dx + dy * dy
    }
    /// Returns true to stop the search.
    func visit(_ node: Int) -> Bool {
      let range = children[node]
      if node < leafCount {
        for k in range {
          let s = 4 * k
          let d = segmentDistanceSquared(x, y, segments[s], segments[s + 1], segments[s + 2], segments[s + 3])
          if d < best {
            best = d
            if best <= threshold { return true }
          }
        }
        return false
      }
      // A box farther than the best so far holds nothing nearer (margin as in `cannotRule`).
      for child in range where boxDistanceSquared(child) < best * (1 + 1e-12) {
        if visit(child) { return true }
      }
      return false
    }
    _ = visit(children.count - 1)
    return best
  }
}
