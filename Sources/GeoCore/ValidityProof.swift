/// A quick proof that a polygonal geometry is valid in GEOS's sense, for the common case of
/// polygons without holes: loading a national layer asks GEOS about every feature, and nearly
/// all of them are simple rings. `true` is a proof; `false` only means "ask GEOS".
///
/// Proven valid: every part is one closed ring of at least four points with no point repeated
/// in a row, no two edges meet except neighbours at their shared vertex, neighbours are not
/// collinear, and the parts' boxes are apart (so shells neither overlap nor nest). Orientation
/// signs come from a floating-point filter with Shewchuk's error bound: a sign the filter cannot
/// certify gives up the proof instead of guessing.
public enum ValidityProof {
  /// Rings longer than this are left to GEOS (the edge sweep is quadratic in the worst case).
  static let maximumRingPoints = 4_096
  static let maximumParts = 64

  public static func isCertainlyValid(_ g: FlatGeometry) -> Bool {
    guard g.kind == .polygon || g.kind == .multiPolygon, g.members.isEmpty, g.partCount >= 1,
      g.partCount <= maximumParts, g.ringCount == g.partCount
    else { return false }
    for ring in 0..<g.ringCount where !isSimpleRing(g, ring) { return false }
    guard g.partCount > 1 else { return true }
    let boxes = (0..<g.ringCount).map { ringBox(g, $0) }
    for i in boxes.indices {
      for j in (i + 1)..<boxes.count where boxes[i].intersects(boxes[j]) { return false }
    }
    return true
  }

  static func ringBox(_ g: FlatGeometry, _ ring: Int) -> BoundingBox {
    var box = BoundingBox.empty
    for i in g.pointRange(ofRing: ring) { box.include(x: g.x(i), y: g.y(i)) }
    return box
  }

  static func isSimpleRing(_ g: FlatGeometry, _ ring: Int) -> Bool {
    let range = g.pointRange(ofRing: ring)
    let n = range.count - 1  // edges; the last point repeats the first
    guard n >= 3, n < maximumRingPoints else { return false }
    return g.coordinates.withUnsafeBufferPointer { c -> Bool in
      let base = range.lowerBound
      func x(_ k: Int) -> Double { c[2 * (base + k)] }
      func y(_ k: Int) -> Double { c[2 * (base + k) + 1] }
      guard x(0) == x(n), y(0) == y(n) else { return false }
      for k in 0..<n {
        let next = k + 1, after = (k + 2) % n
        guard x(k).isFinite, y(k).isFinite, x(k) != x(next) || y(k) != y(next) else { return false }
        // Neighbouring edges must turn: collinear ones may fold back over each other.
        guard OrientationSign.of(x(k), y(k), x(next), y(next), x(after), y(after)) != nil else {
          return false
        }
      }
      // Edges by their left end; each meets only later edges that start before it ends.
      var edges = (0..<n).map { k in (minX: min(x(k), x(k + 1)), k: k) }
      edges.sort { $0.minX < $1.minX }
      for i in 0..<n {
        let e = edges[i].k
        let ax = x(e), ay = y(e), bx = x(e + 1), by = y(e + 1)
        let maxX = max(ax, bx), minY = min(ay, by), maxY = max(ay, by)
        var j = i + 1
        while j < n, edges[j].minX <= maxX {
          let f = edges[j].k
          j += 1
          let apart = abs(e - f)
          if apart == 1 || apart == n - 1 { continue }  // neighbours share a vertex
          let cx = x(f), cy = y(f), dx = x(f + 1), dy = y(f + 1)
          if max(cy, dy) < minY || min(cy, dy) > maxY { continue }
          guard let o1 = OrientationSign.of(ax, ay, bx, by, cx, cy),
            let o2 = OrientationSign.of(ax, ay, bx, by, dx, dy),
            let o3 = OrientationSign.of(cx, cy, dx, dy, ax, ay),
            let o4 = OrientationSign.of(cx, cy, dx, dy, bx, by)
          else { return false }
          if o1 != o2 && o3 != o4 { return false }
        }
      }
      return true
    }
  }
}
