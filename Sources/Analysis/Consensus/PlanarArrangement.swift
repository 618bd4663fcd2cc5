import GEOS
import GeoCore
import PlanarKernel

/// One directed segment of closed chains that define counts: a point's count for `key` is the
/// sum, over the chains of that key, of `weight` times their winding number around it. A
/// drawing's shell wound counter-clockwise and its holes clockwise, each with weight 1, count 1
/// inside the drawing and 0 outside.
struct ChainSegment: Sendable, Hashable {
  var x0: Double, y0: Double, x1: Double, y1: Double
  var key: Int32
  var weight: Int32
}

/// The planar arrangement of a set of chains: their segments noded together (GEOS's unary union
/// of the linework), the faces that linework bounds, and every face's counts.
///
/// Counts are found by walking, not by testing faces against chains: each noded edge knows
/// which chains run along it and in which direction, so crossing it changes each key's count by
/// a known amount. Each connected piece of linework starts from its outer face, whose counts
/// come from one exact ray crossing test, and the walk visits every face from there. A face
/// reached twice must get the same counts both times: `inconsistentCrossings` counts the edges
/// where it did not (0 on a sound arrangement).
///
/// Faces are represented by their boundary cycles (half-edges with the face on their left). A
/// bounded face's outer cycle winds counter-clockwise; each connected piece of linework also has
/// one clockwise cycle, its outline, which belongs to the face around it and carries that face's
/// counts. So the area of any set of faces chosen by their counts is the sum of the signed areas
/// of the cycles with those counts.
struct PlanarArrangement {
  /// Vertex coordinates, interleaved x, y.
  private(set) var vertexXY: [Double] = []
  /// Half-edge `h` runs from `origin[h]` to `origin[h ^ 1]`.
  private(set) var origin: [Int32] = []
  /// The next half-edge around the face on the left of `h`.
  private(set) var next: [Int32] = []
  /// The cycle `h` belongs to.
  private(set) var cycleOf: [Int32] = []
  /// Per cycle: twice its signed area (counter-clockwise positive), and one of its half-edges.
  private(set) var cycleDoubleArea: [Double] = []
  private(set) var cycleStart: [Int32] = []
  /// Per cycle (row): the counts of the face it bounds (or, for an outline, of the face around it).
  private(set) var counts = CountRows(rows: 0)
  /// Edges where two walks disagreed about a face's counts.
  private(set) var inconsistentCrossings = 0
  /// With owners (see `init`): per cycle, `ownerWords` words whose bit o is set when owner o's
  /// chains wind once around the cycle's face; nil without owners, or when some owner's winding
  /// is not 0 or 1 everywhere or the walks disagreed about it.
  private(set) var ownerBits: [UInt64]?
  private(set) var ownerWords = 0
  /// The area (m²) of faces the owner walk could not give owners to (see `ownerWalk`).
  private(set) var ownerUnresolvedArea = 0.0

  var halfEdgeCount: Int { origin.count }
  var cycleCount: Int { cycleStart.count }

  @inline(__always) func x(_ vertex: Int32) -> Double { vertexXY[2 * Int(vertex)] }
  @inline(__always) func y(_ vertex: Int32) -> Double { vertexXY[2 * Int(vertex) + 1] }

  /// How close (metres) a noded edge must lie to a chain segment to be counted as running along
  /// it. Noded vertices are rounded intersection points, within a few 1e-12 m of both lines;
  /// distinct segments this close over a whole edge would have been noded together.
  static let alongTolerance = 1e-9

  /// Edges at least this long (metres) are trusted by the walk (see `walk`).
  static let reliableEdgeLength = 1e-3

  /// Builds the arrangement of `segments` in `context`: noded by GEOS's noder, or, when the walk
  /// finds the result inconsistent (the floating-point noder can leave a crossing a hair off
  /// where lines nearly coincide), by GEOS's unary union, which falls back to snapping.
  /// `threads` threads share the noding and edge matching; the result does not depend on how many.
  /// With `owners` (per segment, which of `ownerCount` owners it belongs to, e.g. the drawing
  /// whose ring it is), also `ownerBits`: which owners cover each face.
  init(
    _ segments: [ChainSegment], context: GeometryContext, threads: Int = 1, owners: [Int32]? = nil,
    ownerCount: Int = 0
  ) throws {
    self = try PlanarArrangement(
      segments, context: context, union: false, threads: threads, owners: owners, ownerCount: ownerCount)
    if inconsistentCrossings > 0 {
      self = try PlanarArrangement(
        segments, context: context, union: true, threads: threads, owners: owners, ownerCount: ownerCount)
    }
  }

  private init(
    _ segments: [ChainSegment], context: GeometryContext, union: Bool, threads: Int, owners: [Int32]?,
    ownerCount: Int
  ) throws {
    guard !segments.isEmpty else { return }
    var clock = StageClock()
    let noded = try Self.nodedLinework(segments, context: context, union: union, threads: threads)
    if segments.count > 20_000 { clock.lap("arrangement: noding \(segments.count) segments") }
    var vertexIndex = PairTable(expected: noded.coordinates.count / 2)
    var edgeIndex = PairTable(expected: noded.coordinates.count / 2)
    var edgeEnds: [Int32] = []
    func vertex(_ x: Double, _ y: Double) -> Int32 {
      // +0.0 and -0.0 are one point.
      let key = SIMD2((x + 0.0).bitPattern, (y + 0.0).bitPattern)
      let index = vertexIndex.find(key, orInsert: Int32(vertexXY.count / 2))
      if Int(index) == vertexXY.count / 2 {
        vertexXY.append(x + 0.0)
        vertexXY.append(y + 0.0)
      }
      return index
    }
    for ring in 0..<noded.ringCount {
      let range = noded.pointRange(ofRing: ring)
      guard range.count >= 2 else { continue }
      var previous = vertex(noded.x(range.lowerBound), noded.y(range.lowerBound))
      for point in range.dropFirst() {
        let current = vertex(noded.x(point), noded.y(point))
        defer { previous = current }
        guard current != previous else { continue }
        let key = SIMD2(UInt64(UInt32(min(previous, current))), UInt64(UInt32(max(previous, current))))
        let edge = edgeIndex.find(key, orInsert: Int32(edgeEnds.count / 2))
        guard Int(edge) == edgeEnds.count / 2 else { continue }
        edgeEnds.append(previous)
        edgeEnds.append(current)
      }
    }
    origin = edgeEnds
    var matches: [SIMD3<Int32>] = []
    let deltas = edgeDeltas(
      segments, vertexIndex: vertexIndex, edgeIndex: edgeIndex, threads: threads,
      collecting: owners != nil, matches: &matches)
    if segments.count > 20_000 { clock.lap("arrangement: \(edgeEnds.count / 2) edges matched") }
    linkFaces()
    reliableEdges = (0..<(origin.count / 2)).map { e in
      let a = origin[2 * e], b = origin[2 * e + 1]
      let dx = x(b) - x(a), dy = y(b) - y(a)
      return dx * dx + dy * dy >= Self.reliableEdgeLength * Self.reliableEdgeLength
    }
    walk(segments, deltas: deltas)
    if let owners, inconsistentCrossings == 0 {
      let walked = ownerWalk(segments, owners: owners, ownerCount: ownerCount, matches: matches)
      ownerBits = walked?.bits
      ownerUnresolvedArea = walked?.unresolved ?? 0
      ownerWords = (ownerCount + 63) / 64
    }
    if segments.count > 20_000 { clock.lap("arrangement: \(cycleCount) faces walked") }
  }

  /// The segments as lines noded by `LineNoder` (GEOS's noder, redone over flat buffers), or,
  /// when that does not converge or `union` is set, by GEOS's unary union (OverlayNG: robust
  /// noding, with snapping as its fallback).
  private static func nodedLinework(
    _ segments: [ChainSegment], context: GeometryContext, union: Bool, threads: Int
  ) throws
    -> FlatGeometry
  {
    // Consecutive segments that join up go to GEOS as one line (a drawing's ring is one line):
    // far fewer, longer segment strings for its noder.
    // A segment already given either way round is left out: the first of each is kept. Ends are
    // numbered by their bits, and a segment is its pair of end numbers in either order (two
    // open-addressing lookups instead of hashing four words twice in a `Set`).
    var ends = PairTable(expected: segments.count)
    var pairs = PairTable(expected: segments.count)
    func end(_ x: Double, _ y: Double) -> UInt64 {
      UInt64(UInt32(ends.find(SIMD2(x.bitPattern, y.bitPattern), orInsert: Int32(ends.count))))
    }
    var coordinates: [Double] = []
    var ringOffsets = [0]
    coordinates.reserveCapacity(segments.count * 3)
    var open = false
    for (i, s) in segments.enumerated() {
      let a = end(s.x0, s.y0), b = end(s.x1, s.y1)
      guard pairs.find(SIMD2(min(a, b), max(a, b)), orInsert: Int32(i)) == Int32(i) else {
        if open { ringOffsets.append(coordinates.count / 2) }
        open = false
        continue
      }
      let n = coordinates.count
      if !(open && coordinates[n - 2] == s.x0 && coordinates[n - 1] == s.y0) {
        if open { ringOffsets.append(n / 2) }
        coordinates.append(s.x0)
        coordinates.append(s.y0)
      }
      coordinates.append(s.x1)
      coordinates.append(s.y1)
      open = true
    }
    if open { ringOffsets.append(coordinates.count / 2) }
    let lines = ringOffsets.count - 1
    var clock = StageClock()
    if !union,
      let noded = LineNoder.node(coordinates: coordinates, lineOffsets: ringOffsets, threads: threads)
    {
      if segments.count > 20_000 {
        clock.lap("arrangement: noded \(lines) lines, \(coordinates.count / 2) points")
      }
      let result = FlatGeometry(
        kind: .multiLineString, coordinates: noded.coordinates, ringOffsets: noded.lineOffsets,
        partOffsets: Array(0..<noded.lineOffsets.count))
      return result
    }
    // Where noding does not converge (nearly coincident lines), GEOS's unary union still
    // succeeds with its snapping fallback.
    if segments.count > 20_000 { clock.lap("arrangement: noding did not converge") }
    let lineGeometry = FlatGeometry(
      kind: .multiLineString, coordinates: coordinates, ringOffsets: ringOffsets,
      partOffsets: Array(0...lines))
    return try Geometry(lineGeometry, context: context).unaryUnion().flat()
  }

  /// Per edge, the count change on crossing it from right to left (as stored, first vertex to
  /// second): the sum of the weights of the chain segments running along it, negated for those
  /// running the other way. A segment that is itself an edge (no vertex fell inside it) covers
  /// exactly that edge; any other is matched with the edges lying along it.
  /// When `collecting`, also every (edge, segment, signed weight) found goes to `matches`.
  private func edgeDeltas(
    _ segments: [ChainSegment], vertexIndex: PairTable, edgeIndex: PairTable, threads: Int,
    collecting: Bool, matches: inout [SIMD3<Int32>]
  ) -> CountRows {
    let tolerance = Self.alongTolerance
    let edgeCount = origin.count / 2
    // (edge, key, signed weight), summed per edge and key at the end.
    var changes: [SIMD3<Int32>] = []
    changes.reserveCapacity(segments.count)
    func vertex(_ x: Double, _ y: Double) -> Int32? {
      vertexIndex[SIMD2((x + 0.0).bitPattern, (y + 0.0).bitPattern)]
    }
    var split: [Int] = []
    for (i, s) in segments.enumerated() {
      if let a = vertex(s.x0, s.y0), let b = vertex(s.x1, s.y1),
        let e = edgeIndex[SIMD2(UInt64(UInt32(min(a, b))), UInt64(UInt32(max(a, b))))]
      {
        let weight = origin[2 * Int(e)] == a ? s.weight : -s.weight
        changes.append(SIMD3(e, s.key, weight))
        if collecting { matches.append(SIMD3(e, Int32(i), weight)) }
      } else {
        split.append(i)
      }
    }
    guard !split.isEmpty else { return CountRows(rows: edgeCount, triples: changes) }
    // An edge runs along a segment when both its ends pass the same test (near the segment's
    // line, within its extent and its box): so the ends that pass are found first, in a grid
    // of the vertices, and then the edges starting at them whose other end passes. Points sit
    // in one cell each (an edge's box in every cell it crosses), which makes this several
    // times quicker than asking a grid of edge boxes, with the same edges found.
    let origin = self.origin, vertexXY = self.vertexXY, splitSegments = split
    let vertexCount = vertexXY.count / 2
    let grid = BoxGrid(
      (0..<vertexCount).map { v in
        SIMD4(vertexXY[2 * v], vertexXY[2 * v + 1], vertexXY[2 * v], vertexXY[2 * v + 1])
      })
    // Per vertex, the edges stored as starting there.
    var firstEdge = [Int32](repeating: 0, count: vertexCount + 1)
    for e in 0..<edgeCount { firstEdge[Int(origin[2 * e]) + 1] += 1 }
    for v in 0..<vertexCount { firstEdge[v + 1] += firstEdge[v] }
    var fill = firstEdge
    var edgesFrom = [Int32](repeating: 0, count: edgeCount)
    for e in 0..<edgeCount {
      let v = Int(origin[2 * e])
      edgesFrom[Int(fill[v])] = Int32(e)
      fill[v] += 1
    }
    let startOf = firstEdge, edgesAt = edgesFrom
    let parts = threads > 1 ? min(split.count, 8 * threads) : 1
    // The body throws nothing. Integer sums: the order the parts are added in does not matter.
    let found = try! ParallelChunks.map(
      count: parts, threads: threads, chunkSize: 1,
      makeWorker: { [Int32](repeating: -1, count: vertexCount) },
      body: { seen, part -> [SIMD4<Int32>] in
        var found: [SIMD4<Int32>] = []
        let count = splitSegments.count
        for i in splitSegments[(part * count / parts)..<((part + 1) * count / parts)] {
          let s = segments[i]
          let dx = s.x1 - s.x0, dy = s.y1 - s.y0
          let length = (dx * dx + dy * dy).squareRoot()
          guard length > 0 else { continue }
          let box = SIMD4(
            min(s.x0, s.x1) - tolerance, min(s.y0, s.y1) - tolerance,
            max(s.x0, s.x1) + tolerance, max(s.y0, s.y1) + tolerance)
          // Whether the point lies in the segment's box, within the tolerance of its line and
          // of its extent; and where along it.
          @inline(__always) func along(_ px: Double, _ py: Double) -> Double? {
            guard px >= box.x, px <= box.z, py >= box.y, py <= box.w else { return nil }
            let d = abs(dx * (py - s.y0) - dy * (px - s.x0)) / length
            guard d <= tolerance else { return nil }
            let t = (dx * (px - s.x0) + dy * (py - s.y0)) / length
            guard t >= -tolerance, t <= length + tolerance else { return nil }
            return t
          }
          // Candidate ends near the segment (a margin far wider than the tolerance, so rounding
          // in cutting it into stretches loses none), then the test itself.
          grid.forEachItem(
            alongSegment: s.x0, s.y0, s.x1, s.y1, margin: tolerance + 1e-6, seen: &seen, mark: Int32(i)
          ) { p in
            let first = Int(startOf[p]), last = Int(startOf[p + 1])
            guard first < last, let tp = along(vertexXY[2 * p], vertexXY[2 * p + 1]) else { return }
            for slot in first..<last {
              let e = Int(edgesAt[slot])
              let q = 2 * Int(origin[2 * e + 1])
              guard let tq = along(vertexXY[q], vertexXY[q + 1]) else { continue }
              found.append(SIMD4(Int32(e), s.key, tq > tp ? s.weight : -s.weight, Int32(i)))
            }
          }
        }
        return found
      })
    for part in found {
      for change in part {
        changes.append(SIMD3(change.x, change.y, change.z))
        if collecting { matches.append(SIMD3(change.x, change.w, change.z)) }
      }
    }
    return CountRows(rows: edgeCount, triples: changes)
  }

  /// Sorts the half-edges around each vertex by angle (exact turn signs) and links each to the
  /// next one around its face, then numbers the cycles.
  private mutating func linkFaces() {
    let halfEdges = origin.count
    let vertexCount = vertexXY.count / 2
    var start = [Int32](repeating: 0, count: vertexCount + 1)
    for h in 0..<halfEdges { start[Int(origin[h]) + 1] += 1 }
    for v in 0..<vertexCount { start[v + 1] += start[v] }
    var fill = start
    var around = [Int32](repeating: 0, count: halfEdges)
    for h in 0..<halfEdges {
      let v = Int(origin[h])
      around[Int(fill[v])] = Int32(h)
      fill[v] += 1
    }
    var position = [Int32](repeating: 0, count: halfEdges)
    for v in 0..<vertexCount {
      let range = Int(start[v])..<Int(start[v + 1])
      if range.count > 1 {
        let vx = vertexXY[2 * v], vy = vertexXY[2 * v + 1]
        // A total order (ties by half-edge), so the sort's method does not matter: insertion in
        // place, as a vertex has a few half-edges (a sorted copy per vertex was a tenth of this).
        func precedes(_ a: Int32, _ b: Int32) -> Bool {
          let ta = origin[Int(a) ^ 1], tb = origin[Int(b) ^ 1]
          let ax = x(ta), ay = y(ta), bx = x(tb), by = y(tb)
          // Angles from east, counter-clockwise: the upper half (with east itself) first.
          let upperA = ay > vy || (ay == vy && ax > vx), upperB = by > vy || (by == vy && bx > vx)
          if upperA != upperB { return upperA }
          let turn = ExactOrientation.sign(vx, vy, ax, ay, bx, by)
          return turn != 0 ? turn > 0 : a < b
        }
        if range.count <= 16 {
          for i in (range.lowerBound + 1)..<range.upperBound {
            let h = around[i]
            var j = i
            while j > range.lowerBound && precedes(h, around[j - 1]) {
              around[j] = around[j - 1]
              j -= 1
            }
            around[j] = h
          }
        } else {
          around[range].sort(by: precedes)
        }
      }
      for slot in range { position[Int(around[slot])] = Int32(slot) }
    }
    // The face on the left of h continues, at h's end, along the first half-edge clockwise
    // from h's twin.
    next = [Int32](repeating: 0, count: halfEdges)
    for h in 0..<halfEdges {
      let twin = h ^ 1
      let v = Int(origin[twin])
      let slot = Int(position[twin])
      let first = Int(start[v]), count = Int(start[v + 1]) - first
      next[h] = around[first + (slot - first + count - 1) % count]
    }
    cycleOf = [Int32](repeating: -1, count: halfEdges)
    for h in 0..<halfEdges where cycleOf[h] < 0 {
      let cycle = Int32(cycleStart.count)
      var area = 0.0
      var e = h
      repeat {
        cycleOf[e] = cycle
        let a = origin[e], b = origin[e ^ 1]
        area += x(a) * y(b) - x(b) * y(a)
        e = Int(next[e])
      } while e != h
      cycleStart.append(Int32(h))
      cycleDoubleArea.append(area)
    }
    firstAround = start
    aroundVertex = around
  }

  /// Each piece's outline cycle with the lowest vertex its counts were found at, in walk order.
  private var outlines: [SIMD2<Int32>] = []

  /// Per vertex, its half-edges sorted counter-clockwise from east (set by `linkFaces`).
  private var firstAround: [Int32] = []
  private var aroundVertex: [Int32] = []

  /// Gives every cycle its counts: each connected piece of linework from its outline (counts by
  /// one ray test just below its lowest vertex), then across edges.
  private mutating func walk(_ segments: [ChainSegment], deltas: CountRows) {
    let vertexCount = vertexXY.count / 2
    // Connected pieces by union-find over the edges.
    var parent = Array(0..<Int32(vertexCount))
    func find(_ v: Int32) -> Int32 {
      var root = v
      while parent[Int(root)] != root { root = parent[Int(root)] }
      var w = v
      while parent[Int(w)] != root {
        let up = parent[Int(w)]
        parent[Int(w)] = root
        w = up
      }
      return root
    }
    for e in stride(from: 0, to: origin.count, by: 2) {
      let a = find(origin[e]), b = find(origin[e + 1])
      if a != b { parent[Int(max(a, b))] = min(a, b) }
    }
    // Each piece's lowest vertex (then leftmost), by root; roots in order of first vertex.
    var lowest = [Int32](repeating: -1, count: vertexCount)
    var roots: [Int32] = []
    for v in 0..<Int32(vertexCount) {
      let root = Int(find(v))
      let current = lowest[root]
      if current >= 0 {
        if y(v) < y(current) || (y(v) == y(current) && x(v) < x(current)) { lowest[root] = v }
      } else {
        lowest[root] = v
        roots.append(Int32(root))
      }
    }
    var faceCounts = CountRows(rows: cycleCount)
    var assigned = [Bool](repeating: false, count: cycleCount)
    var queue: [Int32] = []
    for root in roots {
      let p = lowest[Int(root)]
      // The first half-edge counter-clockwise from east; the outline is on its twin's left.
      let first = Int(aroundVertex[Int(firstAround[Int(p)])])
      let outline = Int(cycleOf[first ^ 1])
      faceCounts.set(outline, to: Self.counts(justBelow: x(p), y(p), segments))
      outlines.append(SIMD2(Int32(outline), p))
      assigned[outline] = true
      queue.append(Int32(outline))
    }
    var inconsistent = 0
    _ = facesAcross(from: queue, assigned: &assigned) { h, cycle, other, _, isNew in
      let sign: Int32 = (h ^ 1) & 1 == 0 ? 1 : -1
      if isNew {
        faceCounts.set(other, toSumOf: cycle, deltas, h >> 1, sign: sign)
        return .enter
      }
      if !faceCounts.isSum(other, of: cycle, deltas, h >> 1, sign: sign) { inconsistent += 1 }
      return .pass
    }
    counts = faceCounts
    inconsistentCrossings += inconsistent
  }

  /// What a walk does across one half-edge (see `facesAcross`).
  private enum WalkStep { case enter, pass, stop }

  /// Breadth-first from the faces of `seeds` to every face: first across reliable edges only,
  /// then, for the faces those cannot reach, across any edge. `step(h, cycle, other, phase,
  /// isNew)` is called for each half-edge h of a reached cycle whose twin's cycle `other` is new
  /// (it enters it or passes) or, in phase 0, already reached (a consistency check). False when
  /// a step stops the walk.
  private func facesAcross(
    from seeds: [Int32], assigned: inout [Bool],
    _ step: (_ h: Int, _ cycle: Int, _ other: Int, _ phase: Int, _ isNew: Bool) -> WalkStep
  ) -> Bool {
    var queue = seeds
    for phase in 0..<2 {
      // Faces left after the reliable edges are few or none: none, nothing to do.
      if phase == 1 && !assigned.contains(false) { break }
      if phase == 1 { queue = (0..<Int32(cycleCount)).filter { assigned[Int($0)] } }
      var head = 0
      while head < queue.count {
        let cycle = Int(queue[head])
        head += 1
        let h0 = Int(cycleStart[cycle])
        var h = h0
        repeat {
          defer { h = Int(next[h]) }
          let other = Int(cycleOf[h ^ 1])
          if phase == 0 ? !isReliable(h) : assigned[other] { continue }
          switch step(h, cycle, other, phase, !assigned[other]) {
          case .enter:
            assigned[other] = true
            queue.append(Int32(other))
          case .pass: continue
          case .stop: return false
          }
        } while h != h0
      }
    }
    return true
  }

  /// Whether half-edge `h` is at least `reliableEdgeLength` long. Shorter edges join vertices
  /// the noder put a hair apart where three or more lines nearly meet: which chains run along
  /// them is not well defined, so the walks cross them only to reach faces no longer edge leads
  /// to (faces far below a square millimetre).
  /// Per edge, from one pass in edge order before the walks (the same either way along it:
  /// the differences only change sign), so they do not fetch both ends' coordinates at every step.
  @inline(__always) private func isReliable(_ h: Int) -> Bool { reliableEdges[h >> 1] }

  /// Per edge, whether it is reliable (see `isReliable`).
  private var reliableEdges: [Bool] = []

  /// Which owners cover each cycle's face, as `ownerBits` holds it: the same walk as `walk`
  /// (outlines by a ray test, then across reliable edges, then across any), each edge changing
  /// the windings of the owners whose segments run along it. Nil when a winding leaves {0, 1}
  /// or two walks disagree across a reliable edge, or when a face's owners do not add up to its
  /// count of key 0. A face it cannot reach that way keeps no owners; the area of such faces
  /// (degenerate slivers where the noder left sub-millimetre edges) is returned as `unresolved`.
  private func ownerWalk(
    _ segments: [ChainSegment], owners: [Int32], ownerCount: Int, matches: [SIMD3<Int32>]
  ) -> (bits: [UInt64], unresolved: Double)? {
    let words = (ownerCount + 63) / 64
    let edgeCount = origin.count / 2
    // Per edge, its owners' net winding changes, by owner.
    let change = CountRows(rows: edgeCount, triples: matches.map { SIMD3($0.x, owners[Int($0.y)], $0.z) })
    var bits = [UInt64](repeating: 0, count: cycleCount * words)
    var assigned = [Bool](repeating: false, count: cycleCount)
    var scratch = [UInt64](repeating: 0, count: words)
    // Winding of each owner across half-edge h from the face of `cycle`, into `scratch`.
    func cross(_ h: Int, from cycle: Int) -> Bool {
      let sign: Int32 = (h ^ 1) & 1 == 0 ? 1 : -1
      for w in 0..<words { scratch[w] = bits[cycle * words + w] }
      for slot in change.range(h >> 1) {
        let owner = Int(change.keys[slot]), delta = sign * change.values[slot]
        let mask = UInt64(1) << UInt64(owner & 63)
        let was: Int32 = scratch[owner >> 6] & mask != 0 ? 1 : 0
        switch was + delta {
        case 0: scratch[owner >> 6] &= ~mask
        case 1: scratch[owner >> 6] |= mask
        default: return false
        }
      }
      return true
    }
    var queue: [Int32] = []
    for outline in outlines {
      let cycle = Int(outline.x), p = outline.y
      var winding = [Int32](repeating: 0, count: ownerCount)
      Self.forEachCrossing(justBelow: x(p), y(p), segments) { i, weight in winding[Int(owners[i])] += weight }
      for (owner, value) in winding.enumerated() where value != 0 {
        guard value == 1 else { return nil }
        bits[cycle * words + (owner >> 6)] |= UInt64(1) << UInt64(owner & 63)
      }
      assigned[cycle] = true
      queue.append(Int32(cycle))
    }
    let walked = facesAcross(from: queue, assigned: &assigned) { h, cycle, other, phase, isNew in
      // Across the short edges the walk takes only in phase 1 (see `walk`), a crossing
      // that does not give the face's count is skipped: another edge may lead there.
      guard cross(h, from: cycle) else { return phase == 0 ? .stop : .pass }
      guard isNew else {
        for w in 0..<words where bits[other * words + w] != scratch[w] { return .stop }
        return .pass
      }
      if phase == 1 {
        var covered: Int32 = 0
        for w in 0..<words { covered += Int32(scratch[w].nonzeroBitCount) }
        if covered != counts.value(other, 0) { return .pass }
      }
      for w in 0..<words { bits[other * words + w] = scratch[w] }
      return .enter
    }
    guard walked else { return nil }
    var unresolved = 0.0
    for cycle in 0..<cycleCount {
      guard assigned[cycle] else {
        unresolved += abs(cycleDoubleArea[cycle]) / 2
        continue
      }
      var covered: Int32 = 0
      for w in 0..<words { covered += Int32(bits[cycle * words + w].nonzeroBitCount) }
      guard covered == counts.value(cycle, 0) else { return nil }
    }
    return (bits, unresolved)
  }

  /// Counts at a point infinitely far below (x, y): the chains crossing a ray from there to +x,
  /// upward crossings adding their weight and downward ones subtracting it (exact signs).
  static func counts(justBelow px: Double, _ py: Double, _ segments: [ChainSegment]) -> SparseCounts {
    var result = SparseCounts()
    forEachCrossing(justBelow: px, py, segments) { i, weight in result.add(segments[i].key, weight) }
    return result
  }

  /// Calls `body` with the index and signed weight of every segment crossing a ray from
  /// infinitely far below (x, y) to +x (see `counts(justBelow:_:_:)`).
  static func forEachCrossing(
    justBelow px: Double, _ py: Double, _ segments: [ChainSegment], _ body: (Int, Int32) -> Void
  ) {
    for (i, s) in segments.enumerated() {
      let upward = s.y1 > s.y0
      let (lowX, lowY, highX, highY) = upward ? (s.x0, s.y0, s.x1, s.y1) : (s.x1, s.y1, s.x0, s.y0)
      // The ray at height py − ε meets segments with lowY < py ≤ highY.
      guard lowY < py, py <= highY else { continue }
      if min(lowX, highX) > px {
        body(i, upward ? s.weight : -s.weight)
        continue
      }
      if max(lowX, highX) < px { continue }
      var turn = ExactOrientation.sign(lowX, lowY, highX, highY, px, py)
      // On the segment's line, just below the point lies right of it when it leans left.
      if turn == 0 { turn = highX < lowX ? 1 : -1 }
      if turn > 0 { body(i, upward ? s.weight : -s.weight) }
    }
  }
}
