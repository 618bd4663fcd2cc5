/// Positions in a list grouped by the key at each (keys are small integers: feature indices).
public enum KeyPositions {
  /// The positions of `keys` grouped by key (each in `0..<count`), every group in the keys'
  /// order: the same as filtering the list once per key, in one pass (a national layer has
  /// thousands of units and tens of thousands of pieces or rows).
  public static func grouped(_ keys: [Int], count: Int) -> [[Int]] {
    var groups = [[Int]](repeating: [], count: count)
    for (position, key) in keys.enumerated() { groups[key].append(position) }
    return groups
  }
}
