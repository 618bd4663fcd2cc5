import GeoCore

/// The ring edges of a polygonal geometry, bucketed into horizontal bands: which edges lie in a
/// box, and whether a point is inside, without walking every edge of a large polygon (a sub-ICB
/// location has thousands).
///
/// Edges keep their ring order, so edges `e` and `e + 1` of one ring share a vertex. Each edge
/// records on which side the polygon's interior lies, whatever way its ring winds.
public final class EdgeBands: Sendable {
  /// The polygon's bounding box.
  public let box: BoundingBox
  /// Edge `e` runs from (x0[e], y0[e]) to (x1[e], y1[e]).
  let x0: [Double], y0: [Double], x1: [Double], y1: [Double]
  /// +1 when the interior lies left of edge `e` as stored, −1 when it lies right.
  let side: [Double]
  /// The ring each edge belongs to (consecutive edges of one ring are consecutive here).
  let ring: [Int32]
  /// Ring `r`'s edges are `ringEdges[r] ..< ringEdges[r + 1]` (a ring of only repeated points
  /// has a number but no edge).
  let ringEdges: [Int32]
  /// How many rings were numbered.
  var ringCount: Int32 { Int32(ringEdges.count - 1) }
  /// For bands joined from others (`init(joining:)`): the parts and the number of their first
  /// edge here. Their own bands answer `edges(in:)` and `contains`, so none are built here.
  private let parts: [(bands: EdgeBands, offset: Int32)]
  /// Band `k` holds edges `bandEdges[bandStart[k] ..< bandStart[k + 1]]`: every edge whose
  /// y-span meets the band.
  private let bandStart: [Int32]
  private let bandEdges: [Int32]
  private let bandCount: Int
  private let bandScale: Double

  /// The number of ring edges.
  public var edgeCount: Int { x0.count }

  /// The bands of a Polygon or MultiPolygon; nil for any other kind.
  public convenience init?(_ geometry: FlatGeometry) {
    guard geometry.kind.isPolygonal, geometry.members.isEmpty else { return nil }
    let box = geometry.boundingBox
    var x0: [Double] = [], y0: [Double] = [], x1: [Double] = [], y1: [Double] = []
    var side: [Double] = [], ring: [Int32] = []
    let capacity = geometry.pointCount
    x0.reserveCapacity(capacity)
    y0.reserveCapacity(capacity)
    x1.reserveCapacity(capacity)
    y1.reserveCapacity(capacity)
    side.reserveCapacity(capacity)
    ring.reserveCapacity(capacity)
    var ringIndex: Int32 = 0
    for part in 0..<geometry.partCount {
      let rings = geometry.ringRange(ofPart: part)
      for r in rings {
        let isShell = r == rings.lowerBound
        let counterClockwise = geometry.signedDoubleArea(ofRing: r) > 0
        // Shells wound counter-clockwise and holes clockwise have the interior on their left.
        let interiorLeft: Double = isShell == counterClockwise ? 1 : -1
        let points = geometry.pointRange(ofRing: r)
        guard points.count >= 2 else { continue }
        for i in points.lowerBound..<(points.upperBound - 1) {
          let ax = geometry.x(i), ay = geometry.y(i), bx = geometry.x(i + 1), by = geometry.y(i + 1)
          guard ax != bx || ay != by else { continue }
          x0.append(ax)
          y0.append(ay)
          x1.append(bx)
          y1.append(by)
          side.append(interiorLeft)
          ring.append(ringIndex)
        }
        ringIndex += 1
      }
    }
    self.init(box: box, x0: x0, y0: y0, x1: x1, y1: y1, side: side, ring: ring, ringCount: ringIndex)
  }

  /// The bands of several polygonal geometries taken as one MultiPolygon, from their bands:
  /// the same edges, in the same order, and the same answers as the bands of
  /// `FlatGeometry.multiPolygon(joining:)` of the geometries, without copying them into one
  /// first or banding their edges again (the parts' bands answer). Nil when `parts` is empty.
  public convenience init?(joining parts: [EdgeBands]) {
    guard var box = parts.first?.box else { return nil }
    let capacity = parts.reduce(0) { $0 + $1.edgeCount }
    func joined<T>(_ field: (EdgeBands) -> [T]) -> [T] {
      var all: [T] = []
      all.reserveCapacity(capacity)
      for part in parts { all += field(part) }
      return all
    }
    var ring: [Int32] = []
    ring.reserveCapacity(capacity)
    var rings: Int32 = 0
    var offsets: [(bands: EdgeBands, offset: Int32)] = []
    for part in parts {
      offsets.append((part, Int32(ring.count)))
      box.include(part.box)
      ring += part.ring.lazy.map { $0 + rings }
      rings += part.ringCount
    }
    self.init(
      box: box, x0: joined(\.x0), y0: joined(\.y0), x1: joined(\.x1), y1: joined(\.y1), side: joined(\.side),
      ring: ring, ringCount: rings, parts: offsets)
  }

  /// Bands over the given edges (in ring order) and their box; none when `parts` answer.
  private init(
    box: BoundingBox, x0: [Double], y0: [Double], x1: [Double], y1: [Double], side: [Double], ring: [Int32],
    ringCount: Int32, parts: [(bands: EdgeBands, offset: Int32)] = []
  ) {
    self.parts = parts
    (self.box, self.x0, self.y0, self.x1, self.y1, self.side, self.ring) = (box, x0, y0, x1, y1, side, ring)
    var ringEdges = [Int32](repeating: 0, count: Int(ringCount) + 1)
    for r in ring { ringEdges[Int(r) + 1] += 1 }
    for r in 0..<Int(ringCount) { ringEdges[r + 1] += ringEdges[r] }
    self.ringEdges = ringEdges
    guard parts.isEmpty else {
      (self.bandStart, self.bandEdges, self.bandCount, self.bandScale) = ([0, 0], [], 1, 1)
      return
    }
    // About four edges a band, but no thinner than the edges are tall on average: a circle
    // union's long edges would otherwise each be listed in dozens of bands. What the bands
    // answer does not depend on how many there are.
    var totalHeight = 0.0
    for e in 0..<y0.count { totalHeight += abs(y1[e] - y0[e]) }
    var bandCount = max(1, min(x0.count / 4, 1 << 16))
    if totalHeight > 0, box.height > 0 {
      let meanHeight = totalHeight / Double(y0.count)
      bandCount = max(1, Int(min(Double(bandCount), box.height / meanHeight)))
    }
    // Bands by multiplying with the inverse height: monotone in y like the quotient, so an edge
    // still lies in every band between its ends' bands, without a division per end.
    let bandScale = box.height > 0 ? Double(bandCount) / box.height : 1
    func band(_ y: Double) -> Int { Self.band(y, minY: box.minY, scale: bandScale, count: bandCount) }
    // Each edge's first and last band, worked out once for both passes (through buffer
    // pointers: the checked loops were most of the cost of a reach piece's bands).
    let edgeCount = x0.count
    var firstBand = [Int32](repeating: 0, count: edgeCount), lastBand = firstBand
    var counts = [Int32](repeating: 0, count: bandCount + 1)
    y0.withUnsafeBufferPointer { y0 in
      y1.withUnsafeBufferPointer { y1 in
        counts.withUnsafeMutableBufferPointer { counts in
          for e in 0..<edgeCount {
            let (low, high) = y0[e] < y1[e] ? (y0[e], y1[e]) : (y1[e], y0[e])
            let first = band(low), last = band(high)
            (firstBand[e], lastBand[e]) = (Int32(first), Int32(last))
            for k in first...last { counts[k + 1] += 1 }
          }
          for k in 0..<bandCount { counts[k + 1] += counts[k] }
        }
      }
    }
    var bandEdges = [Int32](repeating: 0, count: Int(counts[bandCount]))
    var fill = counts
    bandEdges.withUnsafeMutableBufferPointer { bandEdges in
      fill.withUnsafeMutableBufferPointer { fill in
        for e in 0..<edgeCount {
          for k in Int(firstBand[e])...Int(lastBand[e]) {
            bandEdges[Int(fill[k])] = Int32(e)
            fill[k] += 1
          }
        }
      }
    }
    (self.bandStart, self.bandEdges, self.bandCount, self.bandScale) = (
      counts, bandEdges, bandCount, bandScale
    )
  }

  @inline(__always)
  private static func band(_ y: Double, minY: Double, scale: Double, count: Int) -> Int {
    // Truncation is the floor from 1 up, and everything below 1 is band 0: no call to floor
    // (the baseline x86-64 target has no rounding instruction).
    let k = (y - minY) * scale
    return k.isNaN || k < 1 ? 0 : k >= Double(count) ? count - 1 : Int(k)
  }

  @inline(__always)
  private func band(_ y: Double) -> Int { Self.band(y, minY: box.minY, scale: bandScale, count: bandCount) }

  /// The edges whose boxes meet `query`, ascending (so in ring order).
  public func edges(in query: BoundingBox, into out: inout [Int32]) {
    out.removeAll(keepingCapacity: true)
    guard query.intersects(box) else { return }
    if !parts.isEmpty {
      // Each part's edges ascending, and the parts in order: ascending.
      var found: [Int32] = []
      for (part, offset) in parts {
        part.edges(in: query, into: &found)
        for e in found { out.append(e + offset) }
      }
      return
    }
    let first = band(query.minY), last = band(query.maxY)
    let (minY, scale, count) = (box.minY, bandScale, bandCount)
    // Through buffer pointers: `out` growing would otherwise make the loop reload and check
    // every array at each edge.
    bandStart.withUnsafeBufferPointer { bandStart in
      bandEdges.withUnsafeBufferPointer { bandEdges in
        x0.withUnsafeBufferPointer { x0 in
          x1.withUnsafeBufferPointer { x1 in
            y0.withUnsafeBufferPointer { y0 in
              y1.withUnsafeBufferPointer { y1 in
                for k in first...last {
                  for slot in Int(bandStart[k])..<Int(bandStart[k + 1]) {
                    let e = Int(bandEdges[slot])
                    let low = min(y0[e], y1[e])
                    // An edge spanning several bands is reported from the first one the query
                    // shares.
                    guard max(Self.band(low, minY: minY, scale: scale, count: count), first) == k,
                      low <= query.maxY, max(y0[e], y1[e]) >= query.minY, min(x0[e], x1[e]) <= query.maxX,
                      max(x0[e], x1[e]) >= query.minX
                    else { continue }
                    out.append(Int32(e))
                  }
                }
              }
            }
          }
        }
      }
    }
    if first != last { out.sort() }
  }

  /// Whether (x, y), moved by `shift`·(ε, ε²) for an infinitely small ε > 0, lies inside the
  /// polygon (even–odd ray to +x, exact signs): a point on the boundary is thereby nudged to one
  /// side, the same side every test of one overlay uses (see `PolygonIntersection`). Sets `tie`
  /// when the nudge decided anything.
  public func contains(x: Double, y: Double, shift: Double, tie: inout Bool) -> Bool {
    guard box.minX <= x, x <= box.maxX, box.minY <= y, y <= box.maxY else { return false }
    var inside = false
    if !parts.isEmpty {
      // Crossings add up part by part. A part whose box misses the point lies wholly to one
      // side of it: its edges on the ray's line cross it an even number of times (or never),
      // but an end at the point's height is a tie for the joined edges all the same.
      for (part, _) in parts {
        if part.box.minX <= x, x <= part.box.maxX, part.box.minY <= y, y <= part.box.maxY {
          if part.contains(x: x, y: y, shift: shift, tie: &tie) { inside.toggle() }
        } else if part.hasEnd(atHeight: y) {
          tie = true
        }
      }
      return inside
    }
    let k = band(y)
    for slot in Int(bandStart[k])..<Int(bandStart[k + 1]) {
      let e = Int(bandEdges[slot])
      let (lowX, lowY, highX, highY) =
        y0[e] < y1[e] ? (x0[e], y0[e], x1[e], y1[e]) : (x1[e], y1[e], x0[e], y0[e])
      // Half-open span low ≤ y + shift·ε² < high; a tie is settled by the nudge.
      if lowY == y || highY == y { tie = true }
      guard lowY < y || (lowY == y && shift > 0), y < highY || (y == highY && shift < 0) else { continue }
      if min(lowX, highX) > x {
        inside.toggle()
      } else if max(lowX, highX) >= x {
        var turn = OrientationSign.exactly(lowX, lowY, highX, highY, x, y)
        // On the edge's line: moved by shift·ε across an upward edge, the point goes right of it
        // for shift > 0.
        if turn == 0 {
          tie = true
          turn = shift > 0 ? -1 : 1
        }
        if turn > 0 { inside.toggle() }  // the point is left of the upward edge: it passes right
      }
    }
    return inside
  }

  /// Whether an edge ends at height `y` (ordinary bands only).
  private func hasEnd(atHeight y: Double) -> Bool {
    guard box.minY <= y, y <= box.maxY else { return false }
    let k = band(y)
    for slot in Int(bandStart[k])..<Int(bandStart[k + 1]) {
      let e = Int(bandEdges[slot])
      if y0[e] == y || y1[e] == y { return true }
    }
    return false
  }
}
