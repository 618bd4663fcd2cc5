import GeoCore

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
  /// Multipolygons with more parts than this are left to GEOS.
  static let maximumParts = 64

  /// True only when `g` is proved valid: a Polygon or MultiPolygon without holes whose rings are
  /// each simple and apart from one another. False means "ask GEOS", not "invalid".
  public static func isCertainlyValid(_ g: FlatGeometry) -> Bool {
    guard g.kind == .polygon || g.kind == .multiPolygon, g.members.isEmpty, g.partCount >= 1,
      g.partCount <= maximumParts, g.ringCount == g.partCount
    else { return false }
    for ring in 0..<g.ringCount where !isSimpleRing(g, ring) { return false }
    guard g.partCount > 1 else { return true }
    let boxes = (0..<g.ringCount).map { g.boundingBox(ofRing: $0) }
    for i in boxes.indices {
      for j in (i + 1)..<boxes.count where boxes[i].intersects(boxes[j]) { return false }
    }
    return true
  }

  /// The same proof for polygons with holes: every ring simple and apart from all the others
  /// (no two cross or touch), each hole inside its own shell and outside its part's other
  /// holes, and no part's shell inside another part unless in one of that part's holes.
  public static func isCertainlyValidWithHoles(_ g: FlatGeometry) -> Bool {
    guard g.kind == .polygon || g.kind == .multiPolygon, g.members.isEmpty, g.partCount >= 1,
      g.partCount <= maximumParts, g.ringCount <= 4 * maximumParts,
      ringsAreSimpleAndApart(g, Array(0..<g.ringCount))
    else { return false }
    // Rings that do not meet lie wholly inside or outside each other: one vertex tells which.
    func inside(_ ring: Int, _ other: Int) -> Bool? {
      let first = g.pointRange(ofRing: ring).lowerBound
      return contains(g, ring: other, x: g.x(first), y: g.y(first))
    }
    for part in 0..<g.partCount {
      let rings = g.ringRange(ofPart: part)
      for hole in rings.dropFirst() {
        guard inside(hole, rings.lowerBound) == true else { return false }
        for other in rings.dropFirst() where other != hole {
          guard inside(hole, other) == false else { return false }
        }
      }
    }
    for part in 0..<g.partCount {
      let shell = g.ringRange(ofPart: part).lowerBound
      for other in 0..<g.partCount where other != part {
        let rings = g.ringRange(ofPart: other)
        guard let inShell = inside(shell, rings.lowerBound) else { return false }
        guard inShell else { continue }
        var inHole = false
        for hole in rings.dropFirst() {
          guard let inThisHole = inside(shell, hole) else { return false }
          if inThisHole { inHole = true }
        }
        guard inHole else { return false }
      }
    }
    return true
  }

  /// Whether (x, y) lies inside `ring` (even–odd, exact signs); nil when it lies on the ring.
  public static func contains(_ g: FlatGeometry, ring: Int, x px: Double, y py: Double) -> Bool? {
    var inside = false
    let range = g.pointRange(ofRing: ring)
    for i in range.lowerBound..<(range.upperBound - 1) {
      let ax = g.x(i), ay = g.y(i), bx = g.x(i + 1), by = g.y(i + 1)
      // A vertex whose edges both lie below it (the ring's top) meets neither test below.
      if ax == px && ay == py { return nil }
      guard (ay > py) != (by > py) else {
        if ay == py && by == py && min(ax, bx) <= px && px <= max(ax, bx) { return nil }
        continue
      }
      // The ray to +x crosses an upward edge with the point on its left, a downward one on its right.
      let turn = OrientationSign.exactly(ax, ay, bx, by, px, py)
      if turn == 0 { return nil }
      if (by > ay) == (turn > 0) { inside.toggle() }
    }
    return inside
  }

  static func isSimpleRing(_ g: FlatGeometry, _ ring: Int) -> Bool { ringsAreSimpleAndApart(g, [ring]) }

  /// Whether each of `rings` is closed, has at least three edges and no point repeated in a row,
  /// turns at every vertex, and no two edges of any of them meet except neighbours of one ring
  /// at their shared vertex: simple rings that neither cross nor touch each other.
  static func ringsAreSimpleAndApart(_ g: FlatGeometry, _ rings: [Int]) -> Bool {
    var edges: [(minX: Double, start: Int, ring: Int)] = []
    // Sized once: a boundary ring has a dozen edges, and growing the list edge by edge was
    // several allocations per ring of a national layer.
    edges.reserveCapacity(rings.reduce(0) { $0 + max(0, g.pointRange(ofRing: $1).count - 1) })
    for (slot, ring) in rings.enumerated() {
      let range = g.pointRange(ofRing: ring)
      let n = range.count - 1  // edges; the last point repeats the first
      guard n >= 3, n < maximumRingPoints else { return false }
      let ok = g.coordinates.withUnsafeBufferPointer { c -> Bool in
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
        return true
      }
      guard ok else { return false }
      for k in 0..<n {
        edges.append(
          (min(g.x(range.lowerBound + k), g.x(range.lowerBound + k + 1)), range.lowerBound + k, slot))
      }
    }
    return g.coordinates.withUnsafeBufferPointer { c -> Bool in
      func x(_ p: Int) -> Double { c[2 * p] }
      func y(_ p: Int) -> Double { c[2 * p + 1] }
      // Edges by their left end; each meets only later edges that start before it ends.
      edges.sort { $0.minX < $1.minX }
      for i in edges.indices {
        let e = edges[i].start
        let ax = x(e), ay = y(e), bx = x(e + 1), by = y(e + 1)
        let maxX = max(ax, bx), minY = min(ay, by), maxY = max(ay, by)
        var j = i + 1
        while j < edges.count, edges[j].minX <= maxX {
          let f = edges[j].start
          defer { j += 1 }
          if edges[j].ring == edges[i].ring {
            let n = g.pointRange(ofRing: rings[edges[i].ring]).count - 1
            let apart = abs(e - f)
            if apart == 1 || apart == n - 1 { continue }  // neighbours share a vertex
          }
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
