/// A hash table from pairs of 64-bit words (a point's coordinate bits, an edge's two vertex
/// numbers) to non-negative 32-bit numbers, with open addressing and a multiplicative hash: the
/// arrangements look up every noded point and edge, and the standard dictionary's seeded
/// hashing was a tenth of their time. Keys are never removed.
struct PairTable: Sendable {
  private var keys: [SIMD2<UInt64>]
  private var values: [Int32]
  private var mask: Int
  private(set) var count = 0

  init(expected: Int = 16) {
    var capacity = 16
    while capacity < 2 * expected { capacity *= 2 }
    keys = [SIMD2<UInt64>](repeating: .zero, count: capacity)
    values = [Int32](repeating: -1, count: capacity)
    mask = capacity - 1
  }

  @inline(__always)
  private func slot(_ key: SIMD2<UInt64>) -> Int {
    let h = (key.x &* 0x9E37_79B9_7F4A_7C15) ^ (key.y &* 0xC2B2_AE3D_27D4_EB4F)
    return Int(truncatingIfNeeded: (h ^ (h >> 29)) & UInt64(mask))
  }

  /// The value stored for `key`, if any.
  @inline(__always)
  subscript(key: SIMD2<UInt64>) -> Int32? {
    var i = slot(key)
    while values[i] >= 0 {
      if keys[i] == key { return values[i] }
      i = (i + 1) & mask
    }
    return nil
  }

  /// The value stored for `key`, or `value` stored and returned when there was none.
  @inline(__always)
  mutating func find(_ key: SIMD2<UInt64>, orInsert value: Int32) -> Int32 {
    if 2 * (count + 1) > keys.count { grow() }
    var i = slot(key)
    while values[i] >= 0 {
      if keys[i] == key { return values[i] }
      i = (i + 1) & mask
    }
    keys[i] = key
    values[i] = value
    count += 1
    return value
  }

  private mutating func grow() {
    let oldKeys = keys, oldValues = values
    keys = [SIMD2<UInt64>](repeating: .zero, count: 2 * oldKeys.count)
    values = [Int32](repeating: -1, count: 2 * oldKeys.count)
    mask = keys.count - 1
    for (key, value) in zip(oldKeys, oldValues) where value >= 0 {
      var i = slot(key)
      while values[i] >= 0 { i = (i + 1) & mask }
      keys[i] = key
      values[i] = value
    }
  }
}
