import GeoCore

/// Fills an empty SQLite R-tree (the `gpkg_rtree_index` table) in one pass by writing its shadow
/// tables directly, the way GDAL does: the tree is packed in memory (Sort-Tile-Recursive: boxes
/// sorted into vertical slices by x, each slice into nodes by y, level by level) and each node is
/// written once, instead of one R*-tree insertion (with its splits and reinsertions) per feature,
/// which took most of the time of writing a national layer. The layout is SQLite's own (rtree.c):
/// node 1 is the root and begins with the tree's depth; every node holds a 16-bit cell count and
/// cells of a 64-bit id and four 32-bit floats (min x, max x, min y, max y), big-endian; leaf ids
/// are feature ids, inner ids child node numbers; `_rowid` maps features to leaves and `_parent`
/// nodes to parents. `rtreecheck()` accepts the result (tested).
enum RTreeBulkLoad {
  /// One entry: a feature id and its box, already rounded outwards to 32-bit floats.
  struct Entry {
    var id: Int64
    var minX: Float
    var maxX: Float
    var minY: Float
    var maxY: Float

    /// The entry for `box`, rounded outwards: every 32-bit box holds its feature.
    init(id: Int64, box: BoundingBox) {
      self.id = id
      minX = Self.down(box.minX)
      maxX = Self.up(box.maxX)
      minY = Self.down(box.minY)
      maxY = Self.up(box.maxY)
    }

    init(id: Int64, minX: Float, maxX: Float, minY: Float, maxY: Float) {
      self.id = id
      self.minX = minX
      self.maxX = maxX
      self.minY = minY
      self.maxY = maxY
    }

    static func down(_ value: Double) -> Float {
      let f = Float(value)
      return Double(f) > value ? f.nextDown : f
    }

    static func up(_ value: Double) -> Float {
      let f = Float(value)
      return Double(f) < value ? f.nextUp : f
    }
  }

  /// Writes `entries` into the freshly created R-tree `name` of `database`.
  static func load(_ entries: [Entry], into name: String, database: SQLiteDatabase) throws(GeoPackageError) {
    guard !entries.isEmpty else { return }
    let node = GeoPackageSchema.quote(name + "_node")
    // The node size SQLite chose when it made the table (from the page size): the empty root's length.
    guard let nodeSize = try database.integer("SELECT length(data) FROM \(node) WHERE nodeno = 1"),
      nodeSize > 4
    else { throw .unsupported(database.path, "the R-tree \(name) has no root node to fill") }
    let capacity = min(51, (Int(nodeSize) - 4) / 24)
    guard capacity >= 2 else { throw .unsupported(database.path, "R-tree nodes of \(nodeSize) bytes") }

    // Level by level, leaves first; each level's nodes are numbered after the root's (1).
    var levels: [[[Entry]]] = []
    var current = entries
    repeat {
      let nodes = pack(current, capacity: capacity)
      levels.append(nodes)
      current = nodes.enumerated().map { k, cells in bounds(cells, id: Int64(k)) }
    } while current.count > 1
    // Node numbers: the root is 1, then level by level from the top.
    var numbers: [[Int64]] = Array(repeating: [], count: levels.count)
    var next: Int64 = 1
    for level in levels.indices.reversed() {
      numbers[level] = levels[level].indices.map { _ in
        defer { next += 1 }
        return next
      }
    }
    let depth = levels.count - 1
    let writeNode = try database.prepare("INSERT OR REPLACE INTO \(node) (nodeno, data) VALUES (?, ?)")
    let writeRowid = try database.prepare(
      "INSERT INTO \(GeoPackageSchema.quote(name + "_rowid")) (rowid, nodeno) VALUES (?, ?)")
    let writeParent = try database.prepare(
      "INSERT INTO \(GeoPackageSchema.quote(name + "_parent")) (nodeno, parentnode) VALUES (?, ?)")
    var data = [UInt8](repeating: 0, count: Int(nodeSize))
    for level in levels.indices {
      for (k, cells) in levels[level].enumerated() {
        let number = numbers[level][k]
        for i in data.indices { data[i] = 0 }
        if number == 1 { put16(UInt16(depth), at: 0, in: &data) }
        put16(UInt16(cells.count), at: 2, in: &data)
        for (c, cell) in cells.enumerated() {
          let at = 4 + 24 * c
          // Inner cells point at their child node: its number on the level below.
          let id = level == 0 ? cell.id : numbers[level - 1][Int(cell.id)]
          put64(UInt64(bitPattern: id), at: at, in: &data)
          put32(cell.minX.bitPattern, at: at + 8, in: &data)
          put32(cell.maxX.bitPattern, at: at + 12, in: &data)
          put32(cell.minY.bitPattern, at: at + 16, in: &data)
          put32(cell.maxY.bitPattern, at: at + 20, in: &data)
          if level == 0 {
            try writeRowid.bind(1, cell.id)
            try writeRowid.bind(2, number)
            try writeRowid.run()
          } else {
            try writeParent.bind(1, id)
            try writeParent.bind(2, number)
            try writeParent.run()
          }
        }
        try writeNode.bind(1, number)
        try writeNode.bind(2, blob: data)
        try writeNode.run()
      }
    }
  }

  /// Sort-Tile-Recursive packing of one level into nodes of at most `capacity` cells.
  static func pack(_ entries: [Entry], capacity: Int) -> [[Entry]] {
    let nodeCount = (entries.count + capacity - 1) / capacity
    let slices = Int(Double(nodeCount).squareRoot().rounded(.up))
    let perSlice = slices * capacity
    let byX = entries.sorted { ($0.minX + $0.maxX, $0.id) < ($1.minX + $1.maxX, $1.id) }
    var nodes: [[Entry]] = []
    nodes.reserveCapacity(nodeCount)
    var start = 0
    while start < byX.count {
      let slice = byX[start..<min(start + perSlice, byX.count)].sorted {
        ($0.minY + $0.maxY, $0.id) < ($1.minY + $1.maxY, $1.id)
      }
      var first = slice.startIndex
      while first < slice.endIndex {
        let last = min(first + capacity, slice.endIndex)
        nodes.append(Array(slice[first..<last]))
        first = last
      }
      start += perSlice
    }
    return nodes
  }

  /// The box around a node's cells, as a cell of the level above (its id: the node's position).
  static func bounds(_ cells: [Entry], id: Int64) -> Entry {
    var box = Entry(id: id, minX: .infinity, maxX: -.infinity, minY: .infinity, maxY: -.infinity)
    for cell in cells {
      box.minX = min(box.minX, cell.minX)
      box.maxX = max(box.maxX, cell.maxX)
      box.minY = min(box.minY, cell.minY)
      box.maxY = max(box.maxY, cell.maxY)
    }
    return box
  }

  private static func put16(_ value: UInt16, at offset: Int, in data: inout [UInt8]) {
    data[offset] = UInt8(value >> 8)
    data[offset + 1] = UInt8(value & 0xFF)
  }

  private static func put32(_ value: UInt32, at offset: Int, in data: inout [UInt8]) {
    for i in 0..<4 { data[offset + i] = UInt8((value >> (24 - 8 * UInt32(i))) & 0xFF) }
  }

  private static func put64(_ value: UInt64, at offset: Int, in data: inout [UInt8]) {
    for i in 0..<8 { data[offset + i] = UInt8((value >> (56 - 8 * UInt64(i))) & 0xFF) }
  }
}
