/// A uniform grid over boxes (min x, min y, max x, max y), built in linear time: the
/// arrangements ask it for every pair of meeting segment boxes (noding) and for the edges near
/// a segment (matching chains to edges), hundreds of thousands of small queries for which
/// sorting a packed R-tree (`BoxIndex`) first costs more than the queries. A box is listed in
/// every cell it covers; a pair, or a query hit, is reported only in the cell holding the
/// lower-left corner of the overlap, so each once.
struct BoxGrid: Sendable {
  /// The boxes, by item.
  let boxes: [SIMD4<Double>]
  private let cellStart: [Int32]
  private let cellItems: [Int32]
  /// The box of each entry of `cellItems`: scans read a cell's boxes in a row, not each by way
  /// of its item.
  private let cellBoxes: [SIMD4<Double>]
  private let columns: Int, rows: Int
  private let minX: Double, minY: Double, cellWidth: Double, cellHeight: Double

  /// Number of cells: pairs can be enumerated over ranges of them in parallel.
  var cellCount: Int { columns * rows }

  init(_ boxes: [SIMD4<Double>]) {
    self.boxes = boxes
    var lowX = Double.infinity, lowY = Double.infinity, highX = -Double.infinity, highY = -Double.infinity
    var totalWidth = 0.0, totalHeight = 0.0
    for box in boxes {
      lowX = min(lowX, box.x)
      lowY = min(lowY, box.y)
      highX = max(highX, box.z)
      highY = max(highY, box.w)
      totalWidth += box.z - box.x
      totalHeight += box.w - box.y
    }
    let n = max(1, boxes.count)
    if boxes.isEmpty { (lowX, lowY, highX, highY) = (0, 0, 1, 1) }
    // Cells about as large as a typical box, and no more cells than twice the boxes.
    let width = max(highX - lowX, 1e-9), height = max(highY - lowY, 1e-9)
    let typical = max(totalWidth / Double(n), totalHeight / Double(n), 1e-9)
    let limit = Double(n).squareRoot() * 2
    var columns = max(1, min(4096, Int(min(width / typical, limit).rounded(.up))))
    var rows = max(1, min(4096, Int(min(height / typical, limit).rounded(.up))))
    while columns * rows > 2 * n && (columns > 1 || rows > 1) {
      columns = max(1, columns / 2)
      rows = max(1, rows / 2)
    }
    self.columns = columns
    self.rows = rows
    minX = lowX
    minY = lowY
    cellWidth = width / Double(columns)
    cellHeight = height / Double(rows)
    var counts = [Int32](repeating: 0, count: columns * rows + 1)
    var ranges: [SIMD4<Int32>] = []
    ranges.reserveCapacity(boxes.count)
    for box in boxes {
      let range = SIMD4(
        Int32(Self.cell(box.x, lowX, cellWidth, columns)), Int32(Self.cell(box.y, lowY, cellHeight, rows)),
        Int32(Self.cell(box.z, lowX, cellWidth, columns)), Int32(Self.cell(box.w, lowY, cellHeight, rows)))
      ranges.append(range)
      for r in range.y...range.w {
        for c in range.x...range.z { counts[Int(r) * columns + Int(c) + 1] += 1 }
      }
    }
    for i in 0..<(columns * rows) { counts[i + 1] += counts[i] }
    var fill = counts
    var items = [Int32](repeating: 0, count: Int(counts[columns * rows]))
    for (i, range) in ranges.enumerated() {
      for r in range.y...range.w {
        for c in range.x...range.z {
          let cell = Int(r) * columns + Int(c)
          items[Int(fill[cell])] = Int32(i)
          fill[cell] += 1
        }
      }
    }
    // Each cell's items by their boxes' left edges, so scans stop at the first box to the right;
    // equal edges stay in item order. Cells hold a handful of items: an insertion sort on the
    // raw buffers, over the left edges copied out, is several times the standard sort's speed
    // (it was a tenth of the arrangements' time).
    let lefts = boxes.map { $0.x }
    lefts.withUnsafeBufferPointer { left in
      counts.withUnsafeBufferPointer { start in
        items.withUnsafeMutableBufferPointer { items in
          for cell in 0..<(columns * rows) where start[cell + 1] - start[cell] > 1 {
            Self.sortByLeft(items, Int(start[cell])..<Int(start[cell + 1]), left)
          }
        }
      }
    }
    cellStart = counts
    cellItems = items
    cellBoxes = items.map { boxes[Int($0)] }
  }

  /// Sorts `items[range]` by `left[item]`, stably (a cell's items come in increasing order, so
  /// that is by left edge, then item): insertion sort for the short runs cells hold, the
  /// standard sort by (left edge, item) for a crowded cell.
  private static func sortByLeft(
    _ items: UnsafeMutableBufferPointer<Int32>, _ range: Range<Int>, _ left: UnsafeBufferPointer<Double>
  ) {
    guard range.count <= 192 else {
      var keyed = items[range].map { (left[Int($0)], $0) }
      keyed.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
      for (offset, pair) in keyed.enumerated() { items[range.lowerBound + offset] = pair.1 }
      return
    }
    for i in (range.lowerBound + 1)..<range.upperBound {
      let item = items[i]
      let key = left[Int(item)]
      var j = i
      while j > range.lowerBound && left[Int(items[j - 1])] > key {
        items[j] = items[j - 1]
        j -= 1
      }
      items[j] = item
    }
  }

  @inline(__always)
  private static func cell(_ v: Double, _ low: Double, _ size: Double, _ count: Int) -> Int {
    let c = (v - low) / size
    return c <= 0 ? 0 : c >= Double(count - 1) ? count - 1 : Int(c)
  }

  @inline(__always) private func cellOf(_ x: Double, _ y: Double) -> Int {
    Self.cell(y, minY, cellHeight, rows) * columns + Self.cell(x, minX, cellWidth, columns)
  }

  /// Calls `body` with every pair of items (lower item first) whose boxes meet and whose
  /// overlap's lower-left corner lies in one of `cells`.
  func forEachPair(cells: Range<Int>, _ body: (Int, Int) -> Void) {
    for cell in cells {
      let start = Int(cellStart[cell]), end = Int(cellStart[cell + 1])
      guard end - start >= 2 else { continue }
      for i in start..<(end - 1) {
        let boxA = cellBoxes[i]
        for j in (i + 1)..<end {
          let boxB = cellBoxes[j]
          if boxB.x > boxA.z { break }
          guard boxA.x <= boxB.z, boxA.y <= boxB.w, boxB.y <= boxA.w else { continue }
          guard cellOf(max(boxA.x, boxB.x), max(boxA.y, boxB.y)) == cell else { continue }
          let a = Int(cellItems[i]), b = Int(cellItems[j])
          body(min(a, b), max(a, b))
        }
      }
    }
  }

  /// Calls `body` with each item whose box meets `box`, once each, in no particular order.
  func forEachItem(intersecting box: SIMD4<Double>, _ body: (Int) -> Void) {
    guard !boxes.isEmpty else { return }
    let c0 = Self.cell(box.x, minX, cellWidth, columns), c1 = Self.cell(box.z, minX, cellWidth, columns)
    let r0 = Self.cell(box.y, minY, cellHeight, rows), r1 = Self.cell(box.w, minY, cellHeight, rows)
    for r in r0...r1 {
      for c in c0...c1 {
        let cell = r * columns + c
        for slot in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
          let other = cellBoxes[slot]
          if other.x > box.z { break }
          guard box.x <= other.z, other.y <= box.w, box.y <= other.w else { continue }
          guard cellOf(max(other.x, box.x), max(other.y, box.y)) == cell else { continue }
          body(Int(cellItems[slot]))
        }
      }
    }
  }

  /// Calls `body` once with each item whose box meets the box of the segment (x0, y0)–(x1, y1)
  /// grown by `margin` and comes within `margin` of the segment (and perhaps a few more that
  /// come a little further): the items near a long diagonal segment without all of its box. It
  /// visits the cells the band around the segment crosses, column by column (row by row for a
  /// steep segment), each once. `seen` holds one entry per item; `mark` must differ from every
  /// mark used before with the same `seen`.
  func forEachItem(
    alongSegment x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, margin: Double,
    seen: inout [Int32], mark: Int32, _ body: (Int) -> Void
  ) {
    guard !boxes.isEmpty else { return }
    let box = SIMD4(min(x0, x1) - margin, min(y0, y1) - margin, max(x0, x1) + margin, max(y0, y1) + margin)
    let steep = abs(y1 - y0) > abs(x1 - x0)
    // Along the main axis (u) cell by cell; across it (v), the segment's span over that
    // stretch, widened by twice the margin so rounding here loses nothing.
    let (u0, v0, u1, v1) = steep ? (y0, x0, y1, x1) : (x0, y0, x1, y1)
    let (uLow, uSize, uCount) = steep ? (minY, cellHeight, rows) : (minX, cellWidth, columns)
    let (vLow, vSize, vCount) = steep ? (minX, cellWidth, columns) : (minY, cellHeight, rows)
    let segmentMin = min(u0, u1), segmentMax = max(u0, u1)
    let slope = u1 != u0 ? (v1 - v0) / (u1 - u0) : 0
    let first = Self.cell(segmentMin - margin, uLow, uSize, uCount)
    let last = Self.cell(segmentMax + margin, uLow, uSize, uCount)
    for u in first...last {
      let from = max(segmentMin, uLow + Double(u) * uSize - 2 * margin)
      let to = min(segmentMax, uLow + Double(u + 1) * uSize + 2 * margin)
      guard from <= to else { continue }
      let va = v0 + (from - u0) * slope, vb = v0 + (to - u0) * slope
      let low = Self.cell(min(va, vb) - 2 * margin, vLow, vSize, vCount)
      let high = Self.cell(max(va, vb) + 2 * margin, vLow, vSize, vCount)
      for v in low...high {
        let cell = steep ? u * columns + v : v * columns + u
        for slot in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
          let item = Int(cellItems[slot])
          guard seen[item] != mark else { continue }
          seen[item] = mark
          let other = cellBoxes[slot]
          guard other.x <= box.z, box.x <= other.z, other.y <= box.w, box.y <= other.w else { continue }
          body(item)
        }
      }
    }
  }
}
