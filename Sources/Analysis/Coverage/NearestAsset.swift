import GeoCore

/// Distances from points to the nearest asset of a category: point assets from a grid searched
/// ring by ring outwards, others by searching the asset index in growing squares until the
/// nearest found is closer than the square's half-width.
struct NearestAsset: Sendable {
  let assets: [FlatGeometry]
  let index: BoxIndex
  let extent: BoundingBox
  /// The assets on a grid when every one is a single point (pharmacies, practices).
  let grid: PointGrid?

  init(_ assets: [FlatGeometry]) {
    self.assets = assets
    self.index = BoxIndex(assets.map(\.boundingBox))
    self.extent = assets.reduce(into: BoundingBox.empty) { $0.include($1.boundingBox) }
    grid =
      !assets.isEmpty && assets.allSatisfy { $0.kind == .point && $0.pointCount == 1 }
      ? PointGrid(x: assets.map { $0.x(0) }, y: assets.map { $0.y(0) }, extent: extent) : nil
  }

  /// Straight-line distance from (x, y) to the nearest asset (0 inside a polygon asset); nil
  /// when there are no assets. `start` is a guess of the distance that sizes the first search.
  func distance(x: Double, y: Double, startingAt start: Double) -> Double? {
    guard !assets.isEmpty else { return nil }
    if let grid { return grid.nearest(x: x, y: y) }
    var half = max(start, 1)
    let reach = max(extent.width, extent.height) + abs(x - extent.minX) + abs(y - extent.minY) + 1
    while true {
      let box = BoundingBox(minX: x - half, minY: y - half, maxX: x + half, maxY: y + half)
      var best = Double.infinity
      index.forEachItem(intersecting: box) { best = min(best, Self.distance(from: (x, y), to: assets[$0])) }
      if best <= half || half > reach { return best.isFinite ? best : nil }
      // An asset found at `best` means the nearest is no further: a square a hair wider than
      // that holds it and every closer one, so one more search settles it (doubling could take
      // several).
      half = best.isFinite ? best * (1 + 1e-9) : half * 2
    }
  }

  static func distance(from point: (Double, Double), to asset: FlatGeometry) -> Double {
    if asset.kind.isPuntal {
      var best = Double.infinity
      for i in 0..<asset.pointCount {
        best = min(best, pointDistance(asset.x(i), asset.y(i), point.0, point.1))
      }
      return best
    }
    if asset.kind.isPolygonal, asset.contains(x: point.0, y: point.1) { return 0 }
    return asset.distanceToLinework(x: point.0, y: point.1)
  }

  /// The distance from (px, py) to the asset point (ax, ay), rounded the same way by every search.
  @inline(__always)
  static func pointDistance(_ ax: Double, _ ay: Double, _ px: Double, _ py: Double) -> Double {
    let dx = ax - px, dy = ay - py
    return (dx * dx + dy * dy).squareRoot()
  }
}

/// Points bucketed in small square cells (eight a point over the points' extent), for nearest-point queries that
/// read a few cells around the query instead of walking a tree: the answer is the smallest
/// distance to any point, exactly as a search of every point would round it.
struct PointGrid: Sendable {
  let minX: Double, minY: Double, cell: Double
  let columns: Int, rows: Int
  /// Points of cell `c` are `xs[cellStart[c]..<cellStart[c + 1]]` (and `ys`).
  let cellStart: [Int32]
  let xs: [Double], ys: [Double]

  init(x: [Double], y: [Double], extent: BoundingBox) {
    let n = x.count
    let span = max(extent.width, extent.height)
    // Eight cells a point on average over the extent's area: assets crowd into towns, where a
    // query then reads a few points a cell, while the empty country cells cost a look each. A
    // line or a single spot (no area) gets cells along its length.
    let area = extent.width * extent.height
    var cell = area > 0 ? (area / Double(8 * n)).squareRoot() : span / Double(max(1, n))
    if !(cell > 0) || !cell.isFinite { cell = 1 }
    // At most about sixteen cells a point, whatever the shape of the extent.
    while (extent.width / cell + 1) * (extent.height / cell + 1) > Double(16 * n + 16) { cell *= 2 }
    (minX, minY, self.cell) = (extent.minX, extent.minY, cell)
    columns = Int(extent.width / cell) + 1
    rows = Int(extent.height / cell) + 1
    var cellOf = [Int](repeating: 0, count: n)
    var counts = [Int32](repeating: 0, count: columns * rows + 1)
    for k in 0..<n {
      let cx = min(columns - 1, max(0, Int(((x[k] - extent.minX) / cell).rounded(.down))))
      let cy = min(rows - 1, max(0, Int(((y[k] - extent.minY) / cell).rounded(.down))))
      cellOf[k] = cy * columns + cx
      counts[cellOf[k] + 1] += 1
    }
    for c in 0..<(columns * rows) { counts[c + 1] += counts[c] }
    var next = counts
    var xs = [Double](repeating: 0, count: n), ys = [Double](repeating: 0, count: n)
    for k in 0..<n {
      let slot = Int(next[cellOf[k]])
      next[cellOf[k]] += 1
      (xs[slot], ys[slot]) = (x[k], y[k])
    }
    (cellStart, self.xs, self.ys) = (counts, xs, ys)
  }

  /// Calls `body` with every point in `box` (edges included), in no particular order.
  func forEachPoint(in box: BoundingBox, _ body: (Double, Double) -> Void) {
    guard !box.isEmpty else { return }
    let firstColumn = max(0, Int(max(-1, ((box.minX - minX) / cell).rounded(.down))))
    let lastColumn = min(columns - 1, Int(min(Double(columns), ((box.maxX - minX) / cell).rounded(.down))))
    let firstRow = max(0, Int(max(-1, ((box.minY - minY) / cell).rounded(.down))))
    let lastRow = min(rows - 1, Int(min(Double(rows), ((box.maxY - minY) / cell).rounded(.down))))
    guard firstColumn <= lastColumn, firstRow <= lastRow else { return }
    for j in firstRow...lastRow {
      // A row's cells are consecutive, so their points are too.
      for k in Int(cellStart[j * columns + firstColumn])..<Int(cellStart[j * columns + lastColumn + 1]) {
        let x = xs[k], y = ys[k]
        if box.minX <= x, x <= box.maxX, box.minY <= y, y <= box.maxY { body(x, y) }
      }
    }
  }

  /// The distance from (x, y) to the nearest point. Rings of cells are read outwards from the
  /// query's cell; once rings 0 to r − 1 are read, every point not read lies outside their
  /// block of cells: at least r − 1 cells' widths away along x or y, and at least as far as the
  /// block's nearest side from the query. The search stops when the best found is closer.
  func nearest(x: Double, y: Double) -> Double {
    // The query's cell, which may lie off the grid (clamped far enough to stay an Int).
    let limit = Double(4 * (columns + rows) + 8)
    let cx = Int(max(-limit, min(limit, ((x - minX) / cell).rounded(.down))))
    let cy = Int(max(-limit, min(limit, ((y - minY) / cell).rounded(.down))))
    // Rings nearer than the grid hold no cells; after the farthest ring every cell has been read.
    let first = max(0, -cx, cx - (columns - 1), -cy, cy - (rows - 1))
    let last = max(cx, columns - 1 - cx, cy, rows - 1 - cy, first)
    var best = Double.infinity
    xs.withUnsafeBufferPointer { xs in
      ys.withUnsafeBufferPointer { ys in
        cellStart.withUnsafeBufferPointer { starts in
          // The cells i0...i1 of row j (clipped to the grid): consecutive cells, so their points
          // are one run of slots, read without visiting each cell (far from any asset, a ring
          // is mostly empty cells).
          func scan(row j: Int, _ i0: Int, _ i1: Int) {
            let from = max(0, i0), to = min(columns - 1, i1)
            guard j >= 0, j < rows, from <= to else { return }
            for k in Int(starts[j * columns + from])..<Int(starts[j * columns + to + 1]) {
              best = min(best, NearestAsset.pointDistance(xs[k], ys[k], x, y))
            }
          }
          for r in first...last {
            // A hair less than the bound, so that rounding in the cell numbers cannot hide a
            // point. The block's sides bound it more tightly than r − 1 widths unless the query
            // lies off the grid, in a clamped cell.
            let block = min(
              x - (minX + Double(cx - r + 1) * cell), minX + Double(cx + r) * cell - x,
              y - (minY + Double(cy - r + 1) * cell), minY + Double(cy + r) * cell - y)
            if best < max(block, Double(r - 1) * cell) - 1e-6 * cell { break }
            if r == 0 {
              scan(row: cy, cx, cx)
              continue
            }
            scan(row: cy - r, cx - r, cx + r)
            scan(row: cy + r, cx - r, cx + r)
            var j = max(0, cy - r + 1)
            while j < min(rows, cy + r) {
              scan(row: j, cx - r, cx - r)
              scan(row: j, cx + r, cx + r)
              j += 1
            }
          }
        }
      }
    }
    return best
  }
}

extension FlatGeometry {
  /// Even–odd point-in-polygon test over every ring (valid polygons: shells and holes).
  public func contains(x px: Double, y py: Double) -> Bool {
    guard kind.isPolygonal else { return false }
    var inside = false
    for ring in 0..<ringCount {
      let range = pointRange(ofRing: ring)
      guard range.count >= 4 else { continue }
      var j = range.upperBound - 1
      for i in range {
        let xi = x(i), yi = y(i), xj = x(j), yj = y(j)
        if (yi > py) != (yj > py), px < (xj - xi) * (py - yi) / (yj - yi) + xi { inside.toggle() }
        j = i
      }
    }
    return inside
  }
}
