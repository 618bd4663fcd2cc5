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

  /// Whether these counts are `base` plus `sign` times `delta` (what `add` would make of a copy
  /// of `base`), found by merging the three without building the sum.
  func isSum(of base: SparseCounts, _ delta: SparseCounts, sign: Int32) -> Bool {
    var i = 0, j = 0, k = 0
    while i < base.keys.count || j < delta.keys.count {
      let key: Int32
      let value: Int32
      if j == delta.keys.count || (i < base.keys.count && base.keys[i] < delta.keys[j]) {
        (key, value) = (base.keys[i], base.values[i])
        i += 1
      } else if i == base.keys.count || delta.keys[j] < base.keys[i] {
        (key, value) = (delta.keys[j], sign * delta.values[j])
        j += 1
      } else {
        (key, value) = (base.keys[i], base.values[i] + sign * delta.values[j])
        i += 1
        j += 1
      }
      if value == 0 { continue }
      guard k < keys.count, keys[k] == key, values[k] == value else { return false }
      k += 1
    }
    return k == keys.count
  }
}
