/// An open-addressing hash table from an exact coordinate pair (or any pair of 64-bit keys) to a
/// dense id. The arc topology hashes every vertex of a national layer (hundreds of thousands):
/// a flat table with linear probing is several times faster than a `Dictionary` of structs, and
/// it never iterates, so hashing order cannot leak into the output.
struct PairIndex {
  private var firstKeys: [UInt64]
  private var secondKeys: [UInt64]
  private var values: [Int32]
  private var mask: Int
  /// Number of distinct pairs stored.
  private(set) var count = 0

  /// A table sized for about `expected` distinct pairs.
  init(expected: Int) {
    var capacity = 16
    while capacity < 2 * max(1, expected) { capacity <<= 1 }
    firstKeys = Array(repeating: 0, count: capacity)
    secondKeys = Array(repeating: 0, count: capacity)
    values = Array(repeating: -1, count: capacity)
    mask = capacity - 1
  }

  /// The id stored for the pair, or `nil`.
  func value(_ first: UInt64, _ second: UInt64) -> Int32? {
    var slot = PairIndex.hash(first, second) & mask
    while values[slot] >= 0 {
      if firstKeys[slot] == first && secondKeys[slot] == second { return values[slot] }
      slot = (slot + 1) & mask
    }
    return nil
  }

  /// The id of the pair, storing `newValue()` first when the pair is new.
  mutating func value(_ first: UInt64, _ second: UInt64, orInsert newValue: () -> Int32) -> Int32 {
    if 2 * (count + 1) > values.count { grow() }
    var slot = PairIndex.hash(first, second) & mask
    while values[slot] >= 0 {
      if firstKeys[slot] == first && secondKeys[slot] == second { return values[slot] }
      slot = (slot + 1) & mask
    }
    let value = newValue()
    firstKeys[slot] = first
    secondKeys[slot] = second
    values[slot] = value
    count += 1
    return value
  }

  /// Stores `value` for the pair (replacing nothing: the caller checks absence first).
  mutating func insert(_ first: UInt64, _ second: UInt64, value: Int32) {
    _ = self.value(first, second) { value }
  }

  private mutating func grow() {
    var bigger = PairIndex(expected: values.count)
    for slot in values.indices where values[slot] >= 0 {
      bigger.insert(firstKeys[slot], secondKeys[slot], value: values[slot])
    }
    self = bigger
  }

  /// A 64-bit mix (splitmix64 finaliser) of both keys: coordinates of neighbouring vertices
  /// differ only in low mantissa bits, which must reach the slot index.
  private static func hash(_ first: UInt64, _ second: UInt64) -> Int {
    var h = first &* 0x9E37_79B9_7F4A_7C15 ^ (second &+ 0x632B_E59B_D9B4_E019)
    h ^= h >> 30
    h = h &* 0xBF58_476D_1CE4_E5B9
    h ^= h >> 27
    h = h &* 0x94D0_49BB_1331_11EB
    h ^= h >> 31
    return Int(truncatingIfNeeded: h)
  }
}
