import GeoCore

/// A − B for two valid polygonal geometries, assembled from the boundary crossings that
/// `PolygonIntersection` measures, without a general overlay: ∂(A − B) is the part of ∂A
/// outside B, run with A's interior on its left, and the part of ∂B inside A, run with B's
/// interior on its right. With every crossing proper, each one ends one run of either kind and
/// starts one of the other, so the runs link into rings by the crossings they end at.
///
/// Built only where the answer is certain; nil asks the caller to use GEOS instead:
/// - boundaries that touch (an exact tie, which the nudge would settle as a zero-width sliver);
/// - a result that `ValidityProof` cannot prove valid.
/// Its vertices are A's and B's, and crossings computed from the two edges' end points.
public enum PolygonDifference {
  /// The most edges an A may have: `ValidityProof` leaves longer rings to GEOS, and a big A
  /// (a sub-ICB location) less a city's reach mostly leaves holes.
  public static let maximumEdges = ValidityProof.maximumRingPoints

  /// A − B as a Polygon or MultiPolygon (an empty Polygon when nothing is left), or nil.
  public static func of(_ a: EdgeBands, minus b: EdgeBands) -> FlatGeometry? {
    guard a.edgeCount < maximumEdges else { return nil }
    let clip = BoundingBox(
      minX: max(a.box.minX, b.box.minX), minY: max(a.box.minY, b.box.minY),
      maxX: min(a.box.maxX, b.box.maxX), maxY: min(a.box.maxY, b.box.maxY))
    // Only B's edges in the common box can cross A or lie inside it; every edge of A matters.
    let edgesA = Array(0..<Int32(a.edgeCount))
    var edgesB: [Int32] = []
    if !clip.isEmpty { b.edges(in: clip, into: &edgesB) }
    let crossings = Crossings.find(a, edgesA, b, edgesB)
    guard !crossings.touches else { return nil }
    var runs = RunSet(crossingCount: crossings.x.count)
    // A's points are tested against B moved by +δ (A moved by −δ), B's against A by +δ.
    guard
      runs.walk(
        a, inside: b, keepInside: false, shift: -1, crossings, crossings.byA, crossings.edgeA, rings: nil),
      runs.walk(
        b, inside: a, keepInside: true, shift: 1, crossings, crossings.byB, crossings.edgeB,
        rings: ringsOf(edgesB, in: b))
    else { return nil }
    guard let rings = runs.linked() else { return nil }
    if rings.ringCount == 0 { return .empty(.polygon) }
    // Every run keeps the difference on its left: counter-clockwise rings are shells, clockwise
    // ones holes.
    let areas = (0..<rings.ringCount).map { rings.signedDoubleArea(ofRing: $0) }
    guard !areas.contains(0) else { return nil }
    let shells = areas.indices.filter { areas[$0] > 0 }, holes = areas.indices.filter { areas[$0] < 0 }
    guard !shells.isEmpty, shells.count <= 64, holes.count <= 192 else { return nil }
    // Each hole goes to the smallest shell around its first vertex.
    var holesOf = [Int: [Int]]()
    for hole in holes {
      let first = rings.pointRange(ofRing: hole).lowerBound
      let around = shells.filter {
        ValidityProof.contains(rings, ring: $0, x: rings.x(first), y: rings.y(first)) == true
      }
      guard let owner = around.min(by: { areas[$0] < areas[$1] }) else { return nil }
      holesOf[owner, default: []].append(hole)
    }
    var builder = FlatGeometryBuilder(kind: shells.count > 1 ? .multiPolygon : .polygon)
    for shell in shells {
      for ring in [shell] + holesOf[shell, default: []] {
        for point in rings.pointRange(ofRing: ring) { builder.append(x: rings.x(point), y: rings.y(point)) }
        builder.closeRing()
      }
      builder.closePart()
    }
    let difference = builder.geometry
    return ValidityProof.isCertainlyValidWithHoles(difference) ? difference : nil
  }

  /// The rings that `edges` (ascending) belong to, ascending and each once.
  private static func ringsOf(_ edges: [Int32], in bands: EdgeBands) -> [Int32] {
    var rings: [Int32] = []
    for e in edges where rings.last != bands.ring[Int(e)] { rings.append(bands.ring[Int(e)]) }
    return rings
  }
}

/// Runs of boundary kept for a difference, each from one crossing to another (or a whole ring),
/// points as flat x, y pairs in the direction that keeps the difference on their left. All runs
/// share one coordinate list (run `r` is `coordinates[first[r] ..< first[r + 1]]`): a unit less
/// its reach makes thousands of short runs, and an array each was most of the walk's time.
struct RunSet {
  var coordinates: [Double] = []
  var first: [Int] = [0]
  /// The crossing a run starts and ends at (−1 for a whole ring).
  var starts: [Int32] = [], ends: [Int32] = []
  /// The run starting at each crossing.
  var startingAt: [Int32]
  /// Set when two runs start at one crossing (which proper crossings never give).
  var twice = false

  init(crossingCount: Int) {
    startingAt = [Int32](repeating: -1, count: crossingCount)
  }

  var count: Int { starts.count }

  /// Adds the runs of `own`'s rings that lie inside `other` (`keepInside`) or outside it, in
  /// every ring (`rings` nil) or the listed ones (ascending). `order` lists the crossings by own
  /// edge then along it, and `crossed` names each crossing's own edge. False when a test met a
  /// tie. The walk goes from crossing to crossing, reading edges only along the runs it keeps:
  /// B is a reach piece of thousands of edges, of which a unit keeps a few.
  mutating func walk(
    _ own: EdgeBands, inside other: EdgeBands, keepInside: Bool, shift: Double, _ crossings: Crossings,
    _ order: [Int32], _ crossed: [Int32], rings: [Int32]?
  ) -> Bool {
    var tie = false
    for r in rings ?? Array(0..<own.ringCount) {
      let start = Int(own.ringEdges[Int(r)]), end = Int(own.ringEdges[Int(r) + 1])
      guard start < end else { continue }
      // Runs are stored with the difference on their left: A's interior, or B's exterior.
      let reverse = (own.side[start] > 0) != !keepInside
      let insideAtStart = other.contains(x: own.x0[start], y: own.y0[start], shift: shift, tie: &tie)
      guard !tie else { return false }
      let keptAtStart = insideAtStart == keepInside
      // This ring's crossings: order[low ..< high], by edge then along it.
      let low = Self.firstCrossing(onOrAfter: start, order, crossed)
      let high = Self.firstCrossing(onOrAfter: end, order, crossed)
      guard low < high else {
        // No crossing: the whole ring is kept or dropped.
        if keptAtStart {
          for e in start..<end { append(own.x0[e], own.y0[e]) }
          append(own.x0[start], own.y0[start])
          finish(from: -1, to: -1, reverse: reverse)
        }
        continue
      }
      // Go round the ring once from its first crossing back to it; a kept run takes the end of
      // every edge it passes.
      let c0 = order[low]
      let first = Int(crossed[Int(c0)])
      var kept = !keptAtStart
      var runStart: Int32 = -1
      if kept {
        append(crossings.x[Int(c0)], crossings.y[Int(c0)])
        runStart = c0
      }
      var edge = first
      for slot in (low + 1)..<high {
        let c = order[slot]
        let next = Int(crossed[Int(c)])
        if kept {
          for e in edge..<next { append(own.x1[e], own.y1[e]) }
          append(crossings.x[Int(c)], crossings.y[Int(c)])
          finish(from: runStart, to: c, reverse: reverse)
        } else {
          append(crossings.x[Int(c)], crossings.y[Int(c)])
          runStart = c
        }
        kept.toggle()
        edge = next
      }
      // Back round to c0, which is the first edge's first crossing: past the ring's end, then
      // from its start to the first edge (the whole ring when the last crossing is on it too).
      if kept {
        for e in edge..<end { append(own.x1[e], own.y1[e]) }
        for e in start..<first { append(own.x1[e], own.y1[e]) }
        append(crossings.x[Int(c0)], crossings.y[Int(c0)])
        finish(from: runStart, to: c0, reverse: reverse)
      }
    }
    return true
  }

  /// The first position in `order` (sorted by edge) whose crossing lies on edge `edge` or later.
  private static func firstCrossing(onOrAfter edge: Int, _ order: [Int32], _ crossed: [Int32]) -> Int {
    var low = 0, high = order.count
    while low < high {
      let middle = (low + high) / 2
      if Int(crossed[Int(order[middle])]) < edge { low = middle + 1 } else { high = middle }
    }
    return low
  }

  private mutating func append(_ x: Double, _ y: Double) {
    coordinates.append(x)
    coordinates.append(y)
  }

  /// Ends the run being walked (the coordinates since the last run's end; each ring's walk
  /// finishes the run it opens): reversed, point by point, when `reverse`.
  private mutating func finish(from start: Int32, to end: Int32, reverse: Bool) {
    var (start, end) = (start, end)
    if reverse {
      var low = first[first.count - 1], high = coordinates.count - 2
      while low < high {
        coordinates.swapAt(low, high)
        coordinates.swapAt(low + 1, high + 1)
        low += 2
        high -= 2
      }
      (start, end) = (end, start)
    }
    if start >= 0 {
      if startingAt[Int(start)] >= 0 { twice = true }
      startingAt[Int(start)] = Int32(starts.count)
    }
    starts.append(start)
    ends.append(end)
    first.append(coordinates.count)
  }

  /// The runs joined into closed rings (points repeated in a row dropped), each as its own part
  /// of a MultiPolygon, or nil when they do not join up: a crossing without exactly one run
  /// leaving it.
  func linked() -> FlatGeometry? {
    guard !twice else { return nil }
    var used = [Bool](repeating: false, count: count)
    var rings = FlatGeometryBuilder(kind: .multiPolygon)
    var ring: [Double] = []
    for firstRun in 0..<count where !used[firstRun] {
      ring.removeAll(keepingCapacity: true)
      var r = firstRun
      while true {
        guard !used[r] else { return nil }
        used[r] = true
        for k in stride(from: first[r], to: first[r + 1], by: 2) {
          let x = coordinates[k], y = coordinates[k + 1]
          if ring.count >= 2, ring[ring.count - 2] == x, ring[ring.count - 1] == y { continue }
          ring.append(x)
          ring.append(y)
        }
        if starts[r] < 0 { break }
        let next = Int(startingAt[Int(ends[r])])
        guard next >= 0 else { return nil }
        if next == firstRun { break }
        r = next
      }
      guard ring.count >= 8, ring[0] == ring[ring.count - 2], ring[1] == ring[ring.count - 1] else {
        return nil
      }
      for k in stride(from: 0, to: ring.count, by: 2) { rings.append(x: ring[k], y: ring[k + 1]) }
      rings.closeRing()
      rings.closePart()
    }
    return rings.geometry
  }
}
