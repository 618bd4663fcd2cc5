/// A static, packed R-tree (sort-tile-recursive) over bounding boxes, built once and then only
/// queried. A value type of plain arrays, so one index can be shared by every thread of a
/// parallel analysis (GEOS's STRtree cannot: it belongs to one context and builds lazily).
public struct BoxIndex: Sendable {
  /// Node boxes, level by level from the leaves' parents up; leaves are the items themselves.
  private var nodeBoxes: [BoundingBox] = []
  /// For each node, the range of its children in the level below (items for level 0).
  private var nodeChildren: [Range<Int>] = []
  /// Item boxes in packed (sorted) order, and their original indices.
  private var itemBoxes: [BoundingBox] = []
  private var itemIndices: [Int] = []
  /// Where each level starts in `nodeBoxes`; the last level is the root(s).
  private var levelStarts: [Int] = []
  private let capacity: Int

  /// Builds the index; `boxes[i]` stands for item `i`. Empty boxes are never returned.
  public init(_ boxes: [BoundingBox], nodeCapacity: Int = 16) {
    capacity = max(2, nodeCapacity)
    let live = boxes.indices.filter { !boxes[$0].isEmpty }
    let ordered = BoxIndex.tileOrder(live, boxes)
    itemIndices = ordered
    itemBoxes = ordered.map { boxes[$0] }
    guard !itemBoxes.isEmpty else { return }
    // Level 0: groups of items. Higher levels: groups of the level below, until one node.
    var childBoxes = itemBoxes
    var childStart = 0
    var isItemLevel = true
    while true {
      levelStarts.append(nodeBoxes.count)
      var count = 0
      var i = 0
      while i < childBoxes.count {
        let end = min(i + capacity, childBoxes.count)
        var box = BoundingBox.empty
        for c in i..<end { box.include(childBoxes[c]) }
        nodeBoxes.append(box)
        nodeChildren.append(isItemLevel ? i..<end : (childStart + i)..<(childStart + end))
        count += 1
        i = end
      }
      if count == 1 { break }
      childStart = levelStarts.last!
      childBoxes = Array(nodeBoxes[childStart...])
      isItemLevel = false
    }
  }

  /// Sort-tile-recursive order: vertical strips by x centre, each strip sorted by y centre, so
  /// consecutive items are close together.
  private static func tileOrder(_ items: [Int], _ boxes: [BoundingBox]) -> [Int] {
    func cx(_ i: Int) -> Double { (boxes[i].minX + boxes[i].maxX) / 2 }
    func cy(_ i: Int) -> Double { (boxes[i].minY + boxes[i].maxY) / 2 }
    let byX = items.sorted { cx($0) < cx($1) || (cx($0) == cx($1) && $0 < $1) }
    let strips = max(1, Int(Double(items.count).squareRoot() / 4).advanced(by: 1))
    let perStrip = (items.count + strips - 1) / max(1, strips)
    var ordered: [Int] = []
    ordered.reserveCapacity(items.count)
    var start = 0
    while start < byX.count {
      let end = min(start + max(1, perStrip), byX.count)
      ordered += byX[start..<end].sorted { cy($0) < cy($1) || (cy($0) == cy($1) && $0 < $1) }
      start = end
    }
    return ordered
  }

  /// Number of items indexed (empty boxes excluded).
  public var count: Int { itemBoxes.count }

  /// The items whose boxes intersect `box`, in ascending item order.
  public func items(intersecting box: BoundingBox) -> [Int] {
    var found: [Int] = []
    forEachItem(intersecting: box) { found.append($0) }
    found.sort()
    return found
  }

  /// Calls `body` with each item whose box intersects `box` (in no particular order).
  public func forEachItem(intersecting box: BoundingBox, _ body: (Int) -> Void) {
    guard !levelStarts.isEmpty, !box.isEmpty else { return }
    let top = levelStarts.count - 1
    // Depth first, with the stack on the machine stack rather than a new array per query: it
    // holds at most the roots and the unvisited siblings on each level below. Nodes missing
    // the box are never pushed (the order of the others is as if they were pushed and skipped).
    let room = (nodeBoxes.count - levelStarts[top]) + capacity * top
    withUnsafeTemporaryAllocation(of: (node: Int, level: Int).self, capacity: room) { stack in
      var height = 0
      for node in levelStarts[top]..<nodeBoxes.count where nodeBoxes[node].intersects(box) {
        stack[height] = (node, top)
        height += 1
      }
      while height > 0 {
        height -= 1
        let (node, level) = stack[height]
        if level == 0 {
          for i in nodeChildren[node] where itemBoxes[i].intersects(box) { body(itemIndices[i]) }
        } else {
          for child in nodeChildren[node] where nodeBoxes[child].intersects(box) {
            stack[height] = (child, level - 1)
            height += 1
          }
        }
      }
    }
  }
}
