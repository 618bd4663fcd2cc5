import GeoCore

/// A packed R-tree (sort-tile-recursive) over the segments of a geometry's linework — every ring
/// and line, members of a collection included — for nearest-segment queries and for visiting the
/// geometry's vertices region by region. Built once per geometry and then only read.
///
/// A ring or line of one position (a point) is kept as a zero-length segment.
public struct LineworkIndex: Sendable {
  /// Segments in packed order: a.x, a.y, b.x, b.y.
  @usableFromInline var segments: [Double] = []
  /// For each segment: whether its end point b is a vertex no other segment starts at (the last
  /// position of a line), so that visiting start points plus these visits every vertex.
  @usableFromInline var endsLine: [Bool] = []
  /// Node boxes as minX, minY, maxX, maxY; level 0 groups segments, each higher level groups
  /// the level below; the last node is the root.
  @usableFromInline var boxes: [Double] = []
  /// Node `n`'s children: segments for level-0 nodes, nodes otherwise.
  @usableFromInline var children: [Range<Int>] = []
  /// Number of level-0 nodes (nodes below this index hold segments).
  @usableFromInline var leafCount = 0
  /// A few vertices spread along the linework: any of them bounds the distance from a point to
  /// the linework from above.
  public private(set) var samples: [(x: Double, y: Double)] = []

  /// Children per node.
  static let capacity = 8
  /// How many sample vertices to keep.
  static let sampleCount = 8

  /// Indexes the linework of `geometry`.
  public init(_ geometry: FlatGeometry) {
    var raw: [(ax: Double, ay: Double, bx: Double, by: Double, endsLine: Bool)] = []
    raw.reserveCapacity(geometry.pointCount)
    LineworkIndex.collect(geometry, into: &raw)
    guard !raw.isEmpty else { return }
    let step = max(1, raw.count / LineworkIndex.sampleCount)
    samples = stride(from: 0, to: raw.count, by: step).map { (raw[$0].ax, raw[$0].ay) }

    // Sort-tile-recursive order by segment midpoints.
    let leaves = (raw.count + LineworkIndex.capacity - 1) / LineworkIndex.capacity
    let strips = max(1, Int(Double(leaves).squareRoot().rounded(.up)))
    let perStrip = strips * LineworkIndex.capacity
    var order = Array(raw.indices)
    order.sort { raw[$0].ax + raw[$0].bx < raw[$1].ax + raw[$1].bx }
    var start = 0
    while start < order.count {
      let end = min(start + perStrip, order.count)
      order[start..<end].sort { raw[$0].ay + raw[$0].by < raw[$1].ay + raw[$1].by }
      start = end
    }
    segments.reserveCapacity(4 * raw.count)
    endsLine.reserveCapacity(raw.count)
    for k in order {
      let s = raw[k]
      // One value at a time: an array literal per segment was a heap block each.
      segments.append(s.ax)
      segments.append(s.ay)
      segments.append(s.bx)
      segments.append(s.by)
      endsLine.append(s.endsLine)
    }

    // Level 0 over segments, then levels over nodes until one root.
    var childCount = raw.count
    var childStart = 0
    var isLeafLevel = true
    while true {
      let levelStart = boxes.count / 4
      var c = 0
      while c < childCount {
        let end = min(c + LineworkIndex.capacity, childCount)
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for child in c..<end {
          if isLeafLevel {
            let s = 4 * child
            minX = min(minX, segments[s], segments[s + 2])
            maxX = max(maxX, segments[s], segments[s + 2])
            minY = min(minY, segments[s + 1], segments[s + 3])
            maxY = max(maxY, segments[s + 1], segments[s + 3])
          } else {
            let b = 4 * (childStart + child)
            minX = min(minX, boxes[b])
            minY = min(minY, boxes[b + 1])
            maxX = max(maxX, boxes[b + 2])
            maxY = max(maxY, boxes[b + 3])
          }
        }
        boxes.append(minX)
        boxes.append(minY)
        boxes.append(maxX)
        boxes.append(maxY)
        children.append((childStart + c)..<(childStart + end))
        c = end
      }
      let count = boxes.count / 4 - levelStart
      if isLeafLevel { leafCount = count }
      if count == 1 { break }
      childStart = levelStart
      childCount = count
      isLeafLevel = false
    }
  }

  private static func collect(
    _ geometry: FlatGeometry,
    into raw: inout [(ax: Double, ay: Double, bx: Double, by: Double, endsLine: Bool)]
  ) {
    for ring in 0..<geometry.ringCount {
      let range = geometry.pointRange(ofRing: ring)
      if range.count == 1 {
        let x = geometry.x(range.lowerBound), y = geometry.y(range.lowerBound)
        raw.append((x, y, x, y, false))
      }
      guard range.count >= 2 else { continue }
      for i in range.lowerBound..<(range.upperBound - 1) {
        raw.append(
          (geometry.x(i), geometry.y(i), geometry.x(i + 1), geometry.y(i + 1), i == range.upperBound - 2))
      }
    }
    for member in geometry.members { collect(member, into: &raw) }
  }

  /// True when the geometry had no positions.
  public var isEmpty: Bool { segments.isEmpty }
}
