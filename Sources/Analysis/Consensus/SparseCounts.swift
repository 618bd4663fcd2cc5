/// Counts per key on one face of an arrangement, only the non-zero ones, sorted by key: a face
/// of the cross-neighbourhood arrangement meets a handful of neighbourhoods out of dozens.
struct SparseCounts: Sendable {
  /// Keys in increasing order, each with a non-zero value.
  private(set) var keys: [Int32] = []
  private(set) var values: [Int32] = []

  init() {}

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
}

/// Many `SparseCounts` in one pool: row r's non-zero (key, value) pairs, by key, are
/// `keys[range(r)]` and `values[range(r)]`. The arrangements keep a row per face and per edge;
/// two small arrays for each of those was most of their walks' time (allocating, copying on
/// write, freeing). Rows are written once each, in any order.
struct CountRows: Sendable {
  /// Keys of every row, each row's in increasing order.
  private(set) var keys: [Int32] = []
  /// Values (non-zero) beside `keys`.
  private(set) var values: [Int32] = []
  private var lower: [Int32]
  private var upper: [Int32]

  /// `rows` empty rows.
  init(rows: Int) {
    lower = [Int32](repeating: 0, count: rows)
    upper = lower
  }

  /// Rows from (row, key, value) triples: each row's values summed by key, zero sums dropped,
  /// as adding them one by one to a `SparseCounts` would leave them.
  init(rows: Int, triples: [SIMD3<Int32>]) {
    var start = [Int32](repeating: 0, count: rows + 1)
    for t in triples { start[Int(t.x) + 1] += 1 }
    for r in 0..<rows { start[r + 1] += start[r] }
    var fill = start
    var pairs = [SIMD2<Int32>](repeating: .zero, count: triples.count)
    for t in triples {
      pairs[Int(fill[Int(t.x)])] = SIMD2(t.y, t.z)
      fill[Int(t.x)] += 1
    }
    self.init(rows: rows)
    keys.reserveCapacity(triples.count)
    values.reserveCapacity(triples.count)
    pairs.withUnsafeMutableBufferPointer { pairs in
      for r in 0..<rows {
        let from = Int(start[r]), to = Int(start[r + 1])
        lower[r] = Int32(keys.count)
        // By key (a row holds a handful), then equal keys summed.
        if to - from > 1 {
          for i in (from + 1)..<to {
            let pair = pairs[i]
            var j = i
            while j > from && pairs[j - 1].x > pair.x {
              pairs[j] = pairs[j - 1]
              j -= 1
            }
            pairs[j] = pair
          }
        }
        var i = from
        while i < to {
          let key = pairs[i].x
          var sum: Int32 = 0
          while i < to && pairs[i].x == key {
            sum += pairs[i].y
            i += 1
          }
          if sum != 0 {
            keys.append(key)
            values.append(sum)
          }
        }
        upper[r] = Int32(keys.count)
      }
    }
  }

  /// Row `row`'s slots in `keys` and `values`.
  @inline(__always) func range(_ row: Int) -> Range<Int> { Int(lower[row])..<Int(upper[row]) }

  /// The value of `key` in row `row` (0 when absent).
  func value(_ row: Int, _ key: Int32) -> Int32 {
    for i in range(row) where keys[i] >= key { return keys[i] == key ? values[i] : 0 }
    return 0
  }

  /// Sets row `row` to `counts`.
  mutating func set(_ row: Int, to counts: SparseCounts) {
    lower[row] = Int32(keys.count)
    for (key, value) in counts.entries {
      keys.append(key)
      values.append(value)
    }
    upper[row] = Int32(keys.count)
  }

  /// Sets row `row` to row `base` plus `sign` times row `deltaRow` of `delta`.
  mutating func set(_ row: Int, toSumOf base: Int, _ delta: CountRows, _ deltaRow: Int, sign: Int32) {
    let first = keys.count
    var sum = Sum(range(base), delta.range(deltaRow), sign: sign)
    while let (key, value) = sum.next(self, delta) {
      keys.append(key)
      values.append(value)
    }
    lower[row] = Int32(first)
    upper[row] = Int32(keys.count)
  }

  /// Whether row `row` is row `base` plus `sign` times row `deltaRow` of `delta`, found by
  /// merging the three without building the sum.
  func isSum(_ row: Int, of base: Int, _ delta: CountRows, _ deltaRow: Int, sign: Int32) -> Bool {
    var sum = Sum(range(base), delta.range(deltaRow), sign: sign)
    var k = Int(lower[row])
    let kEnd = Int(upper[row])
    while let (key, value) = sum.next(self, delta) {
      guard k < kEnd, keys[k] == key, values[k] == value else { return false }
      k += 1
    }
    return k == kEnd
  }

  /// The non-zero entries of a row plus a multiple of another row, in key order, one at a time
  /// (the rows are passed to each step, so the sum can be appended to the first one's pool).
  private struct Sum {
    var i: Int, iEnd: Int, j: Int, jEnd: Int
    let sign: Int32

    init(_ base: Range<Int>, _ delta: Range<Int>, sign: Int32) {
      (i, iEnd, j, jEnd) = (base.lowerBound, base.upperBound, delta.lowerBound, delta.upperBound)
      self.sign = sign
    }

    @inline(__always)
    mutating func next(_ rows: CountRows, _ delta: CountRows) -> (Int32, Int32)? {
      while i < iEnd || j < jEnd {
        let key: Int32
        let value: Int32
        if j == jEnd || (i < iEnd && rows.keys[i] < delta.keys[j]) {
          (key, value) = (rows.keys[i], rows.values[i])
          i += 1
        } else if i == iEnd || delta.keys[j] < rows.keys[i] {
          (key, value) = (delta.keys[j], sign * delta.values[j])
          j += 1
        } else {
          (key, value) = (rows.keys[i], rows.values[i] + sign * delta.values[j])
          i += 1
          j += 1
        }
        if value != 0 { return (key, value) }
      }
      return nil
    }
  }
}
