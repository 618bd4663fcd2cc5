import GeoCore
import PlanarKernel

/// GEOS's noder (`GEOSNode`: an iterated noder over a monotone-chain index, GEOS 3.11) redone
/// over flat buffers, so the consensus arrangements need no GEOS geometry. It finds the same
/// intersection points with the same floating-point expressions (GEOS's conditioned
/// homogeneous-coordinates intersection, its nearest-endpoint fallback, its envelope checks) and
/// puts them in the same order along each line, so the noded linework — and every area summed
/// over the arrangement built from it — is the one GEOS gives, bit for bit; only the search for
/// candidate pairs (a grid instead of GEOS's tree) and the bookkeeping are new.
///
/// Like GEOS it nodes again while a pass creates nodes inside segments (rounded intersection
/// points can cross lines the exact ones did not), and gives up as GEOS does when the number
/// of such nodes stops falling after five passes. Turn signs are exact where GEOS uses
/// double-double arithmetic: the two differ only on determinants below about 1e-30 of the
/// coordinates' scale.
struct LineNoder {
  /// Lines as interleaved x, y coordinates; line `i` holds points `lineOffsets[i]..<lineOffsets[i + 1]`.
  private(set) var coordinates: [Double]
  private(set) var lineOffsets: [Int]
  /// Per point: whether the segment starting there was made by the last pass (only pairs with
  /// such a segment can meet anew).
  private var changed: [Bool]

  /// GEOS's IteratedNoder.MAX_ITER.
  static let passesBeforeGivingUp = 5

  /// Nodes `lines`; nil when noding does not converge (where GEOS throws). Pairs are searched
  /// on `threads` threads; the result does not depend on how many.
  static func node(coordinates: [Double], lineOffsets: [Int], threads: Int = 1)
    -> (coordinates: [Double], lineOffsets: [Int])?
  {
    var noder = LineNoder(
      coordinates: coordinates, lineOffsets: lineOffsets,
      changed: [Bool](repeating: true, count: coordinates.count / 2))
    var passes = 0
    var lastCreated = -1
    repeat {
      let created = noder.pass(threads: threads)
      passes += 1
      if lastCreated > 0 && created >= lastCreated && passes > passesBeforeGivingUp { return nil }
      lastCreated = created
    } while lastCreated > 0
    return (noder.coordinates, noder.lineOffsets)
  }

  /// A node found inside a segment: the segment (its first point) and where.
  private struct Node: Sendable {
    var segment: Int32
    var x: Double, y: Double
  }

  /// One noding pass: every pair of segments whose boxes meet (at least one of them new) is
  /// intersected; points inside a segment split it. Returns GEOS's count of interior
  /// intersections (intersections that are not an endpoint of both segments).
  private mutating func pass(threads: Int) -> Int {
    let pointCount = coordinates.count / 2
    var segments: [Int32] = []
    segments.reserveCapacity(pointCount)
    for line in 0..<(lineOffsets.count - 1) where lineOffsets[line + 1] - lineOffsets[line] >= 2 {
      for k in lineOffsets[line]..<(lineOffsets[line + 1] - 1) { segments.append(Int32(k)) }
    }
    let xyCopy = coordinates
    var boxes: [SIMD4<Double>] = []
    boxes.reserveCapacity(segments.count)
    for s in segments {
      let k = Int(s)
      let ax = xyCopy[2 * k], ay = xyCopy[2 * k + 1], bx = xyCopy[2 * k + 2], by = xyCopy[2 * k + 3]
      boxes.append(SIMD4(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
    }
    let grid = BoxGrid(boxes)
    let wasChanged = self.changed
    let segmentStarts = segments
    // The first pass meets every pair; later ones only pairs with a new segment: when there
    // are few, found by asking the grid around each new one.
    let newSegments = segments.indices.filter { wasChanged[Int(segments[$0])] }
    let everyPair = newSegments.count * 4 >= segments.count
    let work = everyPair ? grid.cellCount : newSegments.count
    let parts = threads > 1 ? min(work, 8 * threads) : 1
    // The body throws nothing.
    let found = try! ParallelChunks.map(
      count: parts, threads: threads, chunkSize: 1, makeWorker: {},
      body: { _, part -> (nodes: [Node], interior: Int) in
        var nodes: [Node] = []
        var interior = 0
        let share = (part * work / parts)..<((part + 1) * work / parts)
        xyCopy.withUnsafeBufferPointer { xy in
          if everyPair {
            grid.forEachPair(cells: share) { i, j in
              let a = Int(segmentStarts[i]), b = Int(segmentStarts[j])
              guard wasChanged[a] || wasChanged[b] else { return }
              interior += Self.intersect(a, b, xy, &nodes)
            }
            return
          }
          for i in newSegments[share] {
            grid.forEachItem(intersecting: grid.boxes[i]) { j in
              // A pair of new segments is met from the first of them.
              guard j != i, !(j < i && wasChanged[Int(segmentStarts[j])]) else { return }
              let a = Int(segmentStarts[min(i, j)]), b = Int(segmentStarts[max(i, j)])
              interior += Self.intersect(a, b, xy, &nodes)
            }
          }
        }
        return (nodes, interior)
      })
    var nodes = found.count == 1 ? found[0].nodes : found.flatMap(\.nodes)
    let interior = found.reduce(0) { $0 + $1.interior }
    guard !nodes.isEmpty else {
      changed = [Bool](repeating: false, count: pointCount)
      return interior
    }
    // Along each segment in GEOS's order: by the coordinate the segment's octant runs along.
    // Stably: by segment (counting), then each segment's few nodes by insertion.
    var start = [Int32](repeating: 0, count: pointCount + 1)
    for node in nodes { start[Int(node.segment) + 1] += 1 }
    for k in 0..<pointCount { start[k + 1] += start[k] }
    var bySegment = nodes
    for node in nodes {
      bySegment[Int(start[Int(node.segment)])] = node
      start[Int(node.segment)] += 1
    }
    nodes = bySegment
    coordinates.withUnsafeBufferPointer { xy in
      nodes.withUnsafeMutableBufferPointer { nodes in
        var from = 0
        while from < nodes.count {
          let k = Int(nodes[from].segment)
          var to = from + 1
          while to < nodes.count && Int(nodes[to].segment) == k { to += 1 }
          defer { from = to }
          guard to - from > 1 else { continue }
          let octant = Self.octant(xy[2 * k + 2] - xy[2 * k], xy[2 * k + 3] - xy[2 * k + 1])
          func precedes(_ p: Node, _ q: Node) -> Bool { Self.compare(octant, p.x, p.y, q.x, q.y) < 0 }
          if to - from > 32 {
            nodes[from..<to].sort(by: precedes)
            continue
          }
          for i in (from + 1)..<to {
            let node = nodes[i]
            var j = i
            while j > from && precedes(node, nodes[j - 1]) {
              nodes[j] = nodes[j - 1]
              j -= 1
            }
            nodes[j] = node
          }
        }
      }
    }
    var newCoordinates: [Double] = []
    newCoordinates.reserveCapacity(coordinates.count + 2 * nodes.count)
    var newChanged: [Bool] = []
    newChanged.reserveCapacity(pointCount + nodes.count)
    var newOffsets = [0]
    newOffsets.reserveCapacity(lineOffsets.count)
    var next = 0
    for line in 0..<(lineOffsets.count - 1) {
      let range = lineOffsets[line]..<lineOffsets[line + 1]
      for k in range {
        newCoordinates.append(coordinates[2 * k])
        newCoordinates.append(coordinates[2 * k + 1])
        let split = next < nodes.count && nodes[next].segment == Int32(k)
        newChanged.append(split)
        var lastX = 0.0, lastY = 0.0, first = true
        while next < nodes.count && nodes[next].segment == Int32(k) {
          let node = nodes[next]
          next += 1
          if !first && node.x == lastX && node.y == lastY { continue }
          first = false
          lastX = node.x
          lastY = node.y
          newCoordinates.append(node.x)
          newCoordinates.append(node.y)
          newChanged.append(true)
        }
      }
      newOffsets.append(newCoordinates.count / 2)
    }
    coordinates = newCoordinates
    lineOffsets = newOffsets
    changed = newChanged
    return interior
  }

  /// GEOS's LineIntersector on segments `a` (P) and `b` (Q), a before b, then
  /// IntersectionAdder: each intersection point inside a segment becomes a node of it.
  /// Returns 1 when the intersection is interior in GEOS's sense, else 0.
  @inline(__always)
  private static func intersect(_ a: Int, _ b: Int, _ xy: UnsafeBufferPointer<Double>, _ nodes: inout [Node])
    -> Int
  {
    let p1x = xy[2 * a], p1y = xy[2 * a + 1], p2x = xy[2 * a + 2], p2y = xy[2 * a + 3]
    let q1x = xy[2 * b], q1y = xy[2 * b + 1], q2x = xy[2 * b + 2], q2y = xy[2 * b + 3]
    // Envelope::intersects(p1, p2, q1, q2).
    if min(p1x, p2x) > max(q1x, q2x) || max(p1x, p2x) < min(q1x, q2x) { return 0 }
    if min(p1y, p2y) > max(q1y, q2y) || max(p1y, p2y) < min(q1y, q2y) { return 0 }
    // Segments sharing an end are common (neighbours along a line): that end's turn is 0
    // without the exact arithmetic its zero determinant would otherwise need.
    @inline(__always)
    func turn(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Int {
      if (cx == ax && cy == ay) || (cx == bx && cy == by) { return 0 }
      return ExactOrientation.sign(ax, ay, bx, by, cx, cy)
    }
    let pq1 = turn(p1x, p1y, p2x, p2y, q1x, q1y)
    let pq2 = turn(p1x, p1y, p2x, p2y, q2x, q2y)
    if (pq1 > 0 && pq2 > 0) || (pq1 < 0 && pq2 < 0) { return 0 }
    let qp1 = turn(q1x, q1y, q2x, q2y, p1x, p1y)
    let qp2 = turn(q1x, q1y, q2x, q2y, p2x, p2y)
    if (qp1 > 0 && qp2 > 0) || (qp1 < 0 && qp2 < 0) { return 0 }
    var points: (Double, Double, Double, Double) = (0, 0, 0, 0)
    var count = 1
    if pq1 == 0 && pq2 == 0 && qp1 == 0 && qp2 == 0 {
      // Collinear: the endpoints lying in the other segment's box.
      func inBox(_ x: Double, _ y: Double, _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Bool {
        x >= min(ax, bx) && x <= max(ax, bx) && y >= min(ay, by) && y <= max(ay, by)
      }
      let q1inP = inBox(q1x, q1y, p1x, p1y, p2x, p2y), q2inP = inBox(q2x, q2y, p1x, p1y, p2x, p2y)
      let p1inQ = inBox(p1x, p1y, q1x, q1y, q2x, q2y), p2inQ = inBox(p2x, p2y, q1x, q1y, q2x, q2y)
      count = 2
      if q1inP && q2inP {
        points = (q1x, q1y, q2x, q2y)
      } else if p1inQ && p2inQ {
        points = (p1x, p1y, p2x, p2y)
      } else if q1inP && p1inQ {
        points = (q1x, q1y, p1x, p1y)
      } else if q1inP && p2inQ {
        points = (q1x, q1y, p2x, p2y)
      } else if q2inP && p1inQ {
        points = (q2x, q2y, p1x, p1y)
      } else if q2inP && p2inQ {
        points = (q2x, q2y, p2x, p2y)
      } else {
        return 0
      }
    } else if pq1 == 0 || pq2 == 0 || qp1 == 0 || qp2 == 0 {
      // An endpoint on the other segment: copied, not computed.
      if (p1x == q1x && p1y == q1y) || (p1x == q2x && p1y == q2y) {
        points = (p1x, p1y, 0, 0)
      } else if (p2x == q1x && p2y == q1y) || (p2x == q2x && p2y == q2y) {
        points = (p2x, p2y, 0, 0)
      } else if pq1 == 0 {
        points = (q1x, q1y, 0, 0)
      } else if pq2 == 0 {
        points = (q2x, q2y, 0, 0)
      } else if qp1 == 0 {
        points = (p1x, p1y, 0, 0)
      } else {
        points = (p2x, p2y, 0, 0)
      }
    } else {
      let (x, y) = properIntersection(p1x, p1y, p2x, p2y, q1x, q1y, q2x, q2y)
      points = (x, y, 0, 0)
    }
    var isInterior = 0
    for i in 0..<count {
      let (x, y) = i == 0 ? (points.0, points.1) : (points.2, points.3)
      let onP = (x == p1x && y == p1y) || (x == p2x && y == p2y)
      let onQ = (x == q1x && y == q1y) || (x == q2x && y == q2y)
      if !onP || !onQ { isInterior = 1 }
      if !onP { nodes.append(Node(segment: Int32(a), x: x, y: y)) }
      if !onQ { nodes.append(Node(segment: Int32(b), x: x, y: y)) }
    }
    return isInterior
  }

  /// LineIntersector::intersection: Intersection::intersection (coordinates conditioned by
  /// the middle of the envelopes' overlap), or the nearest endpoint when that fails or falls
  /// outside either segment's box.
  @inline(__always)
  private static func properIntersection(
    _ p1x: Double, _ p1y: Double, _ p2x: Double, _ p2y: Double,
    _ q1x: Double, _ q1y: Double, _ q2x: Double, _ q2y: Double
  ) -> (Double, Double) {
    let minX0 = p1x < p2x ? p1x : p2x, minY0 = p1y < p2y ? p1y : p2y
    let maxX0 = p1x > p2x ? p1x : p2x, maxY0 = p1y > p2y ? p1y : p2y
    let minX1 = q1x < q2x ? q1x : q2x, minY1 = q1y < q2y ? q1y : q2y
    let maxX1 = q1x > q2x ? q1x : q2x, maxY1 = q1y > q2y ? q1y : q2y
    let intMinX = minX0 > minX1 ? minX0 : minX1, intMaxX = maxX0 < maxX1 ? maxX0 : maxX1
    let intMinY = minY0 > minY1 ? minY0 : minY1, intMaxY = maxY0 < maxY1 ? maxY0 : maxY1
    let midx = (intMinX + intMaxX) / 2.0, midy = (intMinY + intMaxY) / 2.0
    let cp1x = p1x - midx, cp1y = p1y - midy, cp2x = p2x - midx, cp2y = p2y - midy
    let cq1x = q1x - midx, cq1y = q1y - midy, cq2x = q2x - midx, cq2y = q2y - midy
    let px = cp1y - cp2y, py = cp2x - cp1x
    let pw = cp1x * cp2y - cp2x * cp1y
    let qx = cq1y - cq2y, qy = cq2x - cq1x
    let qw = cq1x * cq2y - cq2x * cq1y
    let x = py * qw - qy * pw
    let y = qx * pw - px * qw
    let w = px * qy - qx * py
    let xInt = x / w, yInt = y / w
    var rx: Double, ry: Double
    if !xInt.isFinite || !yInt.isFinite {
      (rx, ry) = nearestEndpoint(p1x, p1y, p2x, p2y, q1x, q1y, q2x, q2y)
    } else {
      rx = xInt + midx
      ry = yInt + midy
    }
    let inP = rx >= minX0 && rx <= maxX0 && ry >= minY0 && ry <= maxY0
    let inQ = rx >= minX1 && rx <= maxX1 && ry >= minY1 && ry <= maxY1
    if !(inP && inQ) { (rx, ry) = nearestEndpoint(p1x, p1y, p2x, p2y, q1x, q1y, q2x, q2y) }
    return (rx, ry)
  }

  /// LineIntersector::nearestEndpoint: the endpoint nearest the other segment (ties to the
  /// first of p1, p2, q1, q2).
  private static func nearestEndpoint(
    _ p1x: Double, _ p1y: Double, _ p2x: Double, _ p2y: Double,
    _ q1x: Double, _ q1y: Double, _ q2x: Double, _ q2y: Double
  ) -> (Double, Double) {
    var nearest = (p1x, p1y)
    var minDist = pointToSegment(p1x, p1y, q1x, q1y, q2x, q2y)
    var dist = pointToSegment(p2x, p2y, q1x, q1y, q2x, q2y)
    if dist < minDist {
      minDist = dist
      nearest = (p2x, p2y)
    }
    dist = pointToSegment(q1x, q1y, p1x, p1y, p2x, p2y)
    if dist < minDist {
      minDist = dist
      nearest = (q1x, q1y)
    }
    dist = pointToSegment(q2x, q2y, p1x, p1y, p2x, p2y)
    if dist < minDist { nearest = (q2x, q2y) }
    return nearest
  }

  /// Distance::pointToSegment, expression for expression.
  private static func pointToSegment(
    _ px: Double, _ py: Double, _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double
  ) -> Double {
    func distance(_ x: Double, _ y: Double) -> Double {
      let dx = px - x, dy = py - y
      return (dx * dx + dy * dy).squareRoot()
    }
    if ax == bx && ay == by { return distance(ax, ay) }
    let r =
      ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) * (bx - ax) + (by - ay) * (by - ay))
    if r <= 0.0 { return distance(ax, ay) }
    if r >= 1.0 { return distance(bx, by) }
    let s =
      ((ay - py) * (bx - ax) - (ax - px) * (by - ay)) / ((bx - ax) * (bx - ax) + (by - ay) * (by - ay))
    return abs(s) * ((bx - ax) * (bx - ax) + (by - ay) * (by - ay)).squareRoot()
  }

  /// Octant::octant of a segment's direction (0 for a zero-length one, as safeOctant).
  @inline(__always)
  static func octant(_ dx: Double, _ dy: Double) -> Int {
    if dx == 0 && dy == 0 { return 0 }
    let adx = abs(dx), ady = abs(dy)
    if dx >= 0 {
      if dy >= 0 { return adx >= ady ? 0 : 1 }
      return adx >= ady ? 7 : 6
    }
    if dy >= 0 { return adx >= ady ? 3 : 2 }
    return adx >= ady ? 4 : 5
  }

  /// SegmentPointComparator::compare: the order of two points along a segment in `octant`.
  @inline(__always)
  static func compare(_ octant: Int, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Int {
    if x0 == x1 && y0 == y1 { return 0 }
    let xs = x0 < x1 ? -1 : x0 > x1 ? 1 : 0
    let ys = y0 < y1 ? -1 : y0 > y1 ? 1 : 0
    func value(_ a: Int, _ b: Int) -> Int { a != 0 ? a : b }
    switch octant {
    case 0: return value(xs, ys)
    case 1: return value(ys, xs)
    case 2: return value(ys, -xs)
    case 3: return value(-xs, ys)
    case 4: return value(-xs, -ys)
    case 5: return value(-ys, -xs)
    case 6: return value(-ys, xs)
    default: return value(xs, -ys)
    }
  }
}
