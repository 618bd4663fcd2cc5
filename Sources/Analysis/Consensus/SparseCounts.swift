/// Counts per key on one face of an arrangement, only the non-zero ones, sorted by key: a face
/// of the cross-neighbourhood arrangement meets a handful of neighbourhoods out of dozens.
struct SparseCounts: Sendable, Hashable {
  /// Keys in increasing order, each with a non-zero value.
  private(set) var keys: [Int32] = []
  private(set) var values: [Int32] = []

  init() {}

  /// The value for `key` (0 when absent).
  func value(_ key: Int32) -> Int32 {
    var low = 0, high = keys.count
    while low < high {
      let mid = (low + high) / 2
      if keys[mid] < key { low = mid + 1 } else { high = mid }
    }
    return low < keys.count && keys[low] == key ? values[low] : 0
  }

  /// Adds `amount` to the value of `key`, dropping it when it becomes 0.
  mutating func add(_ key: Int32, _ amount: Int32) {
    guard amount != 0 else { return }
    var low = 0, high = keys.count
    while low < high {
      let mid = (low + high) / 2
      if keys[mid] < key { low = mid + 1 } else { high = mid }
    }
    if low < keys.count && keys[low] == key {
      values[low] += amount
      if values[low] == 0 {
        keys.remove(at: low)
        values.remove(at: low)
      }
    } else {
      keys.insert(key, at: low)
      values.insert(amount, at: low)
    }
  }

  /// Every (key, value) pair in key order.
  var entries: Zip2Sequence<[Int32], [Int32]> { zip(keys, values) }

  /// True when every value is 0.
  var isZero: Bool { keys.isEmpty }
}
