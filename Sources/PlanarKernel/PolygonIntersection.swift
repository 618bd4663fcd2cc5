import GeoCore

/// The area of A ∩ B for two valid polygonal geometries, and the linework of its boundary,
/// without building the intersection polygon: by Green's theorem the area is the shoelace sum
/// over ∂(A ∩ B), which is the part of ∂A inside B plus the part of ∂B inside A, each run with
/// its own polygon's interior on the left.
///
/// Every sign is exact (a floating-point filter, then exact expansion arithmetic). Boundaries
/// that touch, share vertices or run along each other are settled by simulation of simplicity:
/// B is treated as moved by (ε, ε²) for an infinitely small ε, which leaves only proper crossings
/// and changes no area (the area is continuous in ε). Shared edges thus count once where both
/// interiors lie on the same side, and not at all where they lie on opposite sides.
public struct PolygonIntersection: Sendable {
  /// area(A ∩ B) in the square units of the coordinates, as summed: it may be a hair off zero
  /// (either way) when the true area is zero, by up to `roundingBound`.
  public var area: Double
  /// A bound on the rounding in `area`: a small multiple of the sum of the terms' magnitudes.
  public var roundingBound: Double
  /// The centroid of A ∩ B, from the first moments of the same boundary (Green's theorem); nil
  /// when the summed area is 0. Meaningful only when `area` is clear of `roundingBound`.
  public var centroid: (x: Double, y: Double)?
  /// ∂(A ∩ B) as lines (a MultiLineString; empty when the interiors do not meet): enough for
  /// scanline and distance probes, which see only edges.
  public var boundary: FlatGeometry
  /// How often the boundaries cross.
  public var crossingCount = 0
  /// True when some test met an exact tie (a vertex on the other boundary or on the line of one
  /// of its edges, ...). The area holds regardless; `relation` then is `.undecided`, because the
  /// nudge that settled the tie may put a shared edge on either side.
  public var touches = false

  /// What the boundaries show about the two polygons (without ties).
  public enum Relation: Sendable, Equatable {
    /// A lies wholly inside B's interior.
    case aWithinB
    /// B lies wholly inside A's interior.
    case bWithinA
    /// Anything else: crossing boundaries, apart, or parts of one inside the other.
    case other
    /// Ties were met: ask an exact library (GEOS) whether one contains the other.
    case undecided
  }
  /// Whether one polygon lies inside the other, as far as the crossings show it.
  public var relation: Relation = .other

  /// Measures A ∩ B. Without `tracingBoundary`, `boundary` is left empty: a caller that needs
  /// only the area and centroid (the population estimate) saves building the linework.
  public static func measure(_ a: EdgeBands, _ b: EdgeBands, tracingBoundary: Bool = true)
    -> PolygonIntersection
  {
    let clip = BoundingBox(
      minX: max(a.box.minX, b.box.minX), minY: max(a.box.minY, b.box.minY),
      maxX: min(a.box.maxX, b.box.maxX), maxY: min(a.box.maxY, b.box.maxY))
    guard !clip.isEmpty else {
      return PolygonIntersection(
        area: 0, roundingBound: 0, boundary: FlatGeometryBuilder(kind: .multiLineString).geometry)
    }
    // Only edges in the common box can cross, or lie inside the other polygon.
    var edgesA: [Int32] = [], edgesB: [Int32] = []
    a.edges(in: clip, into: &edgesA)
    b.edges(in: clip, into: &edgesB)
    let crossings = Crossings.find(a, edgesA, b, edgesB)
    var trace = IntersectionTrace(
      sum: ShoelaceSum(origin: (x: (clip.minX + clip.maxX) / 2, y: (clip.minY + clip.maxY) / 2)),
      tie: crossings.touches, tracingBoundary: tracingBoundary)
    // A's points are tested against B moved by +δ, that is A's points moved by −δ; B's by +δ.
    let runsA = trace.walk(
      WalkSide(own: a, edges: edgesA, other: b, shift: -1, order: crossings.byA, crossed: crossings.edgeA),
      crossings: crossings)
    let runsB = trace.walk(
      WalkSide(own: b, edges: edgesB, other: a, shift: 1, order: crossings.byB, crossed: crossings.edgeB),
      crossings: crossings)
    var measured = PolygonIntersection(
      area: trace.sum.twice / 2, roundingBound: trace.sum.roundingBound, centroid: trace.sum.centroid,
      boundary: trace.boundary?.geometry ?? FlatGeometryBuilder(kind: .multiLineString).geometry)
    measured.crossingCount = crossings.x.count
    measured.touches = trace.tie
    measured.relation = relation(
      touches: trace.tie, crossings: crossings.x.count,
      a: (runsA, allEdges: edgesA.count == a.edgeCount), b: (runsB, allEdges: edgesB.count == b.edgeCount))
    return measured
  }

  /// Containment from the runs: with no crossing and no tie, each ring lies wholly inside the
  /// other polygon or wholly outside (edges outside the common box are outside), so A is within B
  /// when all its edges were walked, every run of A started inside and none of B's did.
  private static func relation(
    touches: Bool, crossings: Int, a: (runs: (inside: Int, outside: Int), allEdges: Bool),
    b: (runs: (inside: Int, outside: Int), allEdges: Bool)
  ) -> Relation {
    if touches { return .undecided }
    guard crossings == 0 else { return .other }
    if a.allEdges, a.runs.outside == 0, a.runs.inside > 0, b.runs.inside == 0 { return .aWithinB }
    if b.allEdges, b.runs.outside == 0, b.runs.inside > 0, a.runs.inside == 0 { return .bWithinA }
    return .other
  }
}

/// One polygon's side of a measure: which of its edges are walked, the polygon they are tested
/// against and the nudge of that test, and the crossings in this side's order.
struct WalkSide {
  /// The polygon whose edges are walked.
  let own: EdgeBands
  /// The edges of `own` in the common box, in ring order.
  let edges: [Int32]
  /// The polygon the runs lie inside or outside of.
  let other: EdgeBands
  /// Points of `own` are tested against `other` moved by −shift·δ.
  let shift: Double
  /// The crossings by `own`'s edge, then along it.
  let order: [Int32]
  /// Each crossing's edge of `own`.
  let crossed: [Int32]
}

/// Traces ∂(A ∩ B): the runs of each polygon's boundary that lie inside the other, added to the
/// shoelace sum and to the boundary's linework. Each edge is split at its crossings, and the
/// inside state flips at each; a run of consecutive edges starts from a point-in-polygon test.
struct IntersectionTrace {
  var sum: ShoelaceSum
  /// The linework, when traced.
  var boundary: FlatGeometryBuilder?
  /// Set once a point-in-polygon test met a tie.
  var tie: Bool
  private var inside = false
  private var lineOpen = false

  init(sum: ShoelaceSum, tie: Bool, tracingBoundary: Bool = true) {
    self.sum = sum
    self.tie = tie
    boundary = tracingBoundary ? FlatGeometryBuilder(kind: .multiLineString) : nil
  }

  /// Adds the runs of one side's edges that lie inside the other polygon; returns how many runs
  /// started inside and outside.
  mutating func walk(_ side: WalkSide, crossings: Crossings) -> (inside: Int, outside: Int) {
    var runs = (inside: 0, outside: 0)
    inside = false
    var next = 0  // position in `side.order`
    var previous = -2
    for edge in side.edges {
      let e = Int(edge)
      if e != previous + 1 || side.own.ring[e] != side.own.ring[previous] {
        startRun(side, at: e, runs: &runs)
      }
      previous = e
      while next < side.order.count, Int(side.crossed[Int(side.order[next])]) < e { next += 1 }
      trace(side, edge: e, crossings: crossings, next: &next)
    }
    closeLine()
    return runs
  }

  /// A new run at edge e's start: the open line ends, and a point-in-polygon test says whether
  /// the run starts inside.
  private mutating func startRun(_ side: WalkSide, at e: Int, runs: inout (inside: Int, outside: Int)) {
    closeLine()
    let px = side.own.x0[e], py = side.own.y0[e]
    inside = side.other.contains(x: px, y: py, shift: side.shift, tie: &tie)
    if inside {
      runs.inside += 1
      boundary?.append(x: px, y: py)
      lineOpen = true
    } else {
      runs.outside += 1
    }
  }

  /// Edge e split at its crossings (from `next` on in the side's order): the parts inside are
  /// added to the sum and the linework.
  private mutating func trace(_ side: WalkSide, edge e: Int, crossings: Crossings, next: inout Int) {
    var px = side.own.x0[e], py = side.own.y0[e]
    let direction = side.own.side[e]
    while next < side.order.count, Int(side.crossed[Int(side.order[next])]) == e {
      let c = Int(side.order[next])
      next += 1
      let qx = crossings.x[c], qy = crossings.y[c]
      if inside {
        sum.add(direction, px, py, qx, qy)
        boundary?.append(x: qx, y: qy)
        closeLine()
      } else {
        boundary?.append(x: qx, y: qy)
        lineOpen = true
      }
      inside.toggle()
      px = qx
      py = qy
    }
    if inside {
      let qx = side.own.x1[e], qy = side.own.y1[e]
      sum.add(direction, px, py, qx, qy)
      boundary?.append(x: qx, y: qy)
    }
  }

  private mutating func closeLine() {
    if lineOpen {
      boundary?.closeRing()
      boundary?.closePart()
      lineOpen = false
    }
  }
}

/// Twice the signed area swept by directed segments (the shoelace sum), and six times its first
/// moments about the origin, with products taken relative to a nearby origin to keep their
/// rounding small.
struct ShoelaceSum {
  let origin: (x: Double, y: Double)
  var twice = 0.0
  var magnitude = 0.0
  var momentX = 0.0, momentY = 0.0

  mutating func add(_ side: Double, _ px: Double, _ py: Double, _ qx: Double, _ qy: Double) {
    let x0 = px - origin.x, y0 = py - origin.y, x1 = qx - origin.x, y1 = qy - origin.y
    let term = x0 * y1 - x1 * y0
    twice += side * term
    magnitude += abs(term)
    momentX += side * term * (x0 + x1)
    momentY += side * term * (y0 + y1)
  }

  /// Σ (xᵢ + xᵢ₊₁)·cross / (6·area) about the origin, moved back to the plane.
  var centroid: (x: Double, y: Double)? {
    twice == 0 ? nil : (origin.x + momentX / (3 * twice), origin.y + momentY / (3 * twice))
  }

  /// Generous for the products and the sum (each a few ulps of the magnitudes), and for the
  /// crossing points (each a few ulps of its coordinates off the true lines).
  var roundingBound: Double { 1e-12 * magnitude }
}

/// The crossings between two sets of edges (the second moved by δ), every one proper.
struct Crossings {
  var edgeA: [Int32] = [], edgeB: [Int32] = []
  /// Where along edge A (t) and edge B (u) each crossing lies, 0 at the edge's start.
  var t: [Double] = [], u: [Double] = []
  var x: [Double] = [], y: [Double] = []
  /// Crossings ordered by A's edge then t, and by B's edge then u.
  var byA: [Int32] = [], byB: [Int32] = []
  /// True once a test met an exact tie (settled by the nudge).
  var touches = false

  /// Every crossing of an edge of `a` with an edge of `b` moved by δ.
  static func find(_ a: EdgeBands, _ edgesA: [Int32], _ b: EdgeBands, _ edgesB: [Int32]) -> Crossings {
    var found = Crossings()
    if edgesA.count * edgesB.count <= 512 {
      // Few edges (an LSOA's corner of a sub-ICB): every pair, without sorting.
      for e in edgesA {
        for f in edgesB { found.test(a, Int(e), b, Int(f)) }
      }
    } else {
      found.sweep(a, edgesA, b, edgesB)
    }
    let count = found.x.count
    found.byA = (0..<Int32(count)).sorted {
      (found.edgeA[Int($0)], found.t[Int($0)]) < (found.edgeA[Int($1)], found.t[Int($1)])
    }
    found.byB = (0..<Int32(count)).sorted {
      (found.edgeB[Int($0)], found.u[Int($0)]) < (found.edgeB[Int($1)], found.u[Int($1)])
    }
    return found
  }

  /// Tests the pairs whose x-spans overlap, met in a sweep by left ends.
  private mutating func sweep(_ a: EdgeBands, _ edgesA: [Int32], _ b: EdgeBands, _ edgesB: [Int32]) {
    func byLeftEnd(_ bands: EdgeBands, _ edges: [Int32]) -> [(x: Double, edge: Int)] {
      edges.map { (min(bands.x0[Int($0)], bands.x1[Int($0)]), Int($0)) }.sorted { $0.x < $1.x }
    }
    let sortedA = byLeftEnd(a, edgesA), sortedB = byLeftEnd(b, edgesB)
    var activeA: [Int] = [], activeB: [Int] = []
    var i = 0, j = 0
    while i < sortedA.count || j < sortedB.count {
      let nextA = i < sortedA.count ? sortedA[i].x : .infinity
      let nextB = j < sortedB.count ? sortedB[j].x : .infinity
      if nextA <= nextB {
        let e = sortedA[i].edge
        i += 1
        activeB.removeAll { max(b.x0[$0], b.x1[$0]) < nextA }
        for f in activeB { test(a, e, b, f) }
        activeA.append(e)
      } else {
        let f = sortedB[j].edge
        j += 1
        activeA.removeAll { max(a.x0[$0], a.x1[$0]) < nextB }
        for e in activeA { test(a, e, b, f) }
        activeB.append(f)
      }
    }
  }

  /// Records the crossing of edge e (of a) and f (of b, moved by δ), if any.
  private mutating func test(_ a: EdgeBands, _ e: Int, _ b: EdgeBands, _ f: Int) {
    let px = a.x0[e], py = a.y0[e], qx = a.x1[e], qy = a.y1[e]
    let rx = b.x0[f], ry = b.y0[f], sx = b.x1[f], sy = b.y1[f]
    guard min(py, qy) <= max(ry, sy), min(ry, sy) <= max(py, qy), min(px, qx) <= max(rx, sx),
      min(rx, sx) <= max(px, qx)
    else { return }
    // B is nudged by (ε, ε²): a B vertex on A's edge line falls to the side the nudge takes it.
    let turnR = OrientationSign.exactly(px, py, qx, qy, rx, ry),
      turnS = OrientationSign.exactly(px, py, qx, qy, sx, sy)
    func sideOfA(_ turn: Int) -> Int { turn != 0 ? turn : qy != py ? (qy > py ? -1 : 1) : (qx > px ? 1 : -1) }
    if turnR == 0 || turnS == 0 { touches = true }
    guard sideOfA(turnR) != sideOfA(turnS) else { return }
    let turnP = OrientationSign.exactly(rx, ry, sx, sy, px, py),
      turnQ = OrientationSign.exactly(rx, ry, sx, sy, qx, qy)
    func sideOfB(_ turn: Int) -> Int { turn != 0 ? turn : sy != ry ? (sy > ry ? 1 : -1) : (sx > rx ? -1 : 1) }
    if turnP == 0 || turnQ == 0 { touches = true }
    guard sideOfB(turnP) != sideOfB(turnQ) else { return }
    let dx = qx - px, dy = qy - py, ex = sx - rx, ey = sy - ry
    // A vertex lying exactly on the other edge is the crossing itself: taken as it is, so that
    // runs meeting there from both sides cancel exactly.
    let along: Double, alongB: Double, point: (x: Double, y: Double)
    if turnR == 0 || turnS == 0 {
      point = turnR == 0 ? (rx, ry) : (sx, sy)
      along = min(1, max(0, ((point.x - px) * dx + (point.y - py) * dy) / (dx * dx + dy * dy)))
      alongB = turnR == 0 ? 0 : 1
    } else if turnP == 0 || turnQ == 0 {
      point = turnP == 0 ? (px, py) : (qx, qy)
      along = turnP == 0 ? 0 : 1
      alongB = min(1, max(0, ((point.x - rx) * ex + (point.y - ry) * ey) / (ex * ex + ey * ey)))
    } else {
      let denominator = dx * ey - dy * ex
      let wx = rx - px, wy = ry - py
      along = min(1, max(0, (wx * ey - wy * ex) / denominator))
      alongB = min(1, max(0, (wx * dy - wy * dx) / denominator))
      point = (px + along * dx, py + along * dy)
    }
    edgeA.append(Int32(e))
    edgeB.append(Int32(f))
    t.append(along)
    u.append(alongB)
    x.append(point.x)
    y.append(point.y)
  }
}
