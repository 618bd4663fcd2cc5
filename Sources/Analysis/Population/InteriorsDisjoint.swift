import GeoCore

/// A cheap, conservative proof that two valid polygonal geometries share no area: neighbours in
/// a boundary layer (LSOAs, output areas) touch along common edges, and intersecting every such
/// pair in GEOS only to find an area of 0 dominated the population estimate.
///
/// The proof holds when (1) the two boundaries meet only at shared vertices and along identical
/// shared edges (no crossing, touching or collinear overlap anywhere else), (2) every edge that is
/// not shared lies strictly outside the other geometry (tested at its midpoint: by (1) an unshared
/// edge cannot cross the other boundary, so one point decides for all of it), and (3) every
/// polygon of both has at least one such edge (so neither is a copy of, or a cover for, a polygon
/// of the other). Then neither boundary enters the other's interior, and no polygon's interior can
/// lie inside the other without its outside edge lying there too. Any near-degenerate
/// orientation counts as "not proven": callers then intersect as before, so slivers between
/// generalised neighbours are still measured exactly.
enum InteriorsDisjoint {
  /// True when `a` and `b` (Polygon or MultiPolygon) are proven to have disjoint interiors;
  /// false when they may overlap or the proof is unsure.
  /// `boxes`, when given, are the two geometries' bounding boxes (saving a pass over each).
  static func proven(_ a: FlatGeometry, _ b: FlatGeometry, boxes: (BoundingBox, BoundingBox)? = nil) -> Bool {
    guard a.kind.isPolygonal, b.kind.isPolygonal else { return false }
    let (boxA, boxB) = boxes ?? (a.boundingBox, b.boundingBox)
    guard boxA.intersects(boxB) else { return true }
    let clip = BoundingBox(
      minX: max(boxA.minX, boxB.minX), minY: max(boxA.minY, boxB.minY),
      maxX: min(boxA.maxX, boxB.maxX), maxY: min(boxA.maxY, boxB.maxY))
    var edgesA = Edges(a, clip: clip), edgesB = Edges(b, clip: clip)
    for i in edgesA.edges.indices {
      for j in edgesB.edges.indices where edgesA.edges[i].box.intersects(edgesB.edges[j].box) {
        switch Contact(edgesA.edges[i].segment, edgesB.edges[j].segment) {
        case .none: continue
        case .shared:
          edgesA.edges[i].shared = true
          edgesB.edges[j].shared = true
        case .unsure: return false
        }
      }
    }
    return edgesA.outsideEveryPart(b, box: boxB) && edgesB.outsideEveryPart(a, box: boxA)
  }

  typealias Point = (x: Double, y: Double)
  typealias Segment = (p: Point, q: Point)

  /// The sign of the turn p → q → r: +1 left, -1 right, 0 when too close to call (within a margin
  /// far wider than rounding, so a "certain" sign is certain).
  static func orientation(_ p: Point, _ q: Point, _ r: Point) -> Int {
    let left = (q.x - p.x) * (r.y - p.y), right = (q.y - p.y) * (r.x - p.x)
    let det = left - right
    let margin = 1e-9 * (abs(left) + abs(right))
    return det > margin ? 1 : det < -margin ? -1 : 0
  }

  /// How two edges meet.
  enum Contact {
    /// Not at all, or only at one common endpoint (both segments end there and do not overlap).
    case none
    /// The same edge (either direction).
    case shared
    /// Anything else (crossing, touching, collinear, or too close to call).
    case unsure

    init(_ s: Segment, _ t: Segment) {
      func same(_ u: Point, _ v: Point) -> Bool { u.x == v.x && u.y == v.y }
      if (same(s.p, t.p) && same(s.q, t.q)) || (same(s.p, t.q) && same(s.q, t.p)) {
        self = .shared
        return
      }
      let common: (Point, Point, Point)? =
        same(s.p, t.p)
        ? (s.p, s.q, t.q)
        : same(s.p, t.q)
          ? (s.p, s.q, t.p)
          : same(s.q, t.p) ? (s.q, s.p, t.q) : same(s.q, t.q) ? (s.q, s.p, t.p) : nil
      if let (vertex, other1, other2) = common {
        // Not collinear, or collinear but leaving the vertex in opposite directions.
        let u = (x: other1.x - vertex.x, y: other1.y - vertex.y),
          v = (x: other2.x - vertex.x, y: other2.y - vertex.y)
        let dot = u.x * v.x + u.y * v.y
        let opposite = dot < -1e-9 * ((u.x * u.x + u.y * u.y) * (v.x * v.x + v.y * v.y)).squareRoot()
        self = opposite || InteriorsDisjoint.orientation(vertex, other1, other2) != 0 ? .none : .unsure
        return
      }
      let o1 = InteriorsDisjoint.orientation(s.p, s.q, t.p), o2 = InteriorsDisjoint.orientation(s.p, s.q, t.q)
      let o3 = InteriorsDisjoint.orientation(t.p, t.q, s.p), o4 = InteriorsDisjoint.orientation(t.p, t.q, s.q)
      let apart = (o1 != 0 && o1 == o2) || (o3 != 0 && o3 == o4)
      self = apart ? .none : .unsure
    }
  }

  /// The edges of a polygonal geometry that reach into the clip box, with the part each
  /// belongs to; the parts that have an edge outside the box. One array of edges (not one per
  /// field): a layer's neighbour pairs are proven by the hundred thousand, and allocations
  /// dominated each proof.
  struct Edges {
    struct Edge {
      var segment: Segment
      var box: BoundingBox
      var part: Int
      /// Set when the other geometry has the same edge.
      var shared = false
    }
    var edges: [Edge] = []
    /// For each part, whether it has an edge wholly outside the clip box (and so outside the
    /// other geometry).
    var partsOutside: [Bool]

    init(_ geometry: FlatGeometry, clip: BoundingBox) {
      partsOutside = [Bool](repeating: false, count: geometry.partCount)
      for part in 0..<geometry.partCount {
        for ring in geometry.ringRange(ofPart: part) {
          let range = geometry.pointRange(ofRing: ring)
          for i in range.dropLast() {
            let p = (x: geometry.x(i), y: geometry.y(i)), q = (x: geometry.x(i + 1), y: geometry.y(i + 1))
            let box = BoundingBox(
              minX: min(p.x, q.x), minY: min(p.y, q.y), maxX: max(p.x, q.x), maxY: max(p.y, q.y))
            if box.intersects(clip) {
              edges.append(Edge(segment: (p, q), box: box, part: part))
            } else {
              partsOutside[part] = true
            }
          }
        }
      }
    }

    /// True when every unshared edge is strictly outside `other` (whose bounding box is `box`)
    /// and every part has such an edge.
    func outsideEveryPart(_ other: FlatGeometry, box: BoundingBox) -> Bool {
      var outside = partsOutside
      for edge in edges where !edge.shared {
        let (p, q) = edge.segment
        let middle = (x: (p.x + q.x) / 2, y: (p.y + q.y) / 2)
        // Strictly outside the box is outside the polygon, without a pass over its edges.
        let outsideBox =
          middle.x < box.minX || middle.x > box.maxX || middle.y < box.minY || middle.y > box.maxY
        guard outsideBox || InteriorsDisjoint.strictlyInside(middle, other) == false else { return false }
        outside[edge.part] = true
      }
      return !outside.contains(false)
    }
  }

  /// Even–odd point in polygon with orientation tests; nil when the point is too close to an
  /// edge to call.
  static func strictlyInside(_ point: Point, _ geometry: FlatGeometry) -> Bool? {
    var inside = false
    for ring in 0..<geometry.ringCount {
      let range = geometry.pointRange(ofRing: ring)
      for i in range.dropLast() {
        let p = (x: geometry.x(i), y: geometry.y(i)), q = (x: geometry.x(i + 1), y: geometry.y(i + 1))
        guard (p.y > point.y) != (q.y > point.y) else {
          // A point on a horizontal edge (or at a vertex) is on the boundary: unsure.
          let onLine =
            (p.y == point.y || q.y == point.y) && min(p.x, q.x) <= point.x && point.x <= max(p.x, q.x)
          if onLine, orientation(p, q, point) == 0 { return nil }
          continue
        }
        let (low, high) = p.y < q.y ? (p, q) : (q, p)
        switch orientation(low, high, point) {
        case 0: return nil
        case 1: inside.toggle()  // the edge passes to the right of the point
        default: break
        }
      }
    }
    return inside
  }
}
