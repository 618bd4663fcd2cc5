/// Connected groups of boxes: two boxes are in one group when a chain of touching or overlapping
/// boxes joins them. Shapes inside boxes of different groups cannot touch.
public enum BoxClusters {
  /// The groups, each listing box positions in ascending order, ordered by their first position.
  /// Only pairs of boxes that `links` accepts join (every touching pair, unless told otherwise).
  public static func group(_ boxes: [BoundingBox], links: (Int, Int) -> Bool = { _, _ in true }) -> [[Int]] {
    var parent = Array(boxes.indices)
    func root(_ i: Int) -> Int {
      var i = i
      while parent[i] != i {
        parent[i] = parent[parent[i]]
        i = parent[i]
      }
      return i
    }
    let index = BoxIndex(boxes)
    for i in boxes.indices {
      index.forEachItem(intersecting: boxes[i]) { j in
        guard links(i, j) else { return }
        let a = root(i), b = root(j)
        if a != b { parent[max(a, b)] = min(a, b) }
      }
    }
    var groups: [Int: [Int]] = [:]
    var firsts: [Int] = []
    for i in boxes.indices {
      let r = root(i)
      if groups[r] == nil { firsts.append(r) }
      groups[r, default: []].append(i)
    }
    return firsts.map { groups[$0]! }
  }
}
