import Testing

@testable import Analysis

/// The arrangements' flat count rows must hold exactly what a `SparseCounts` per row would:
/// values summed per key, zeros dropped, keys in order.
@Suite struct CountRowsTests {
  /// Rows from triples equal rows built by adding the triples one by one.
  @Test func triplesSumPerKeyAndDropZeros() {
    let triples: [SIMD3<Int32>] = [
      SIMD3(2, 5, 1), SIMD3(0, 3, 2), SIMD3(2, 1, -1), SIMD3(0, 3, -2), SIMD3(2, 5, 2), SIMD3(0, 7, 1),
      SIMD3(2, 1, 1), SIMD3(2, 4, -3),
    ]
    let rows = CountRows(rows: 4, triples: triples)
    var expected = [SparseCounts](repeating: SparseCounts(), count: 4)
    for t in triples { expected[Int(t.x)].add(t.y, t.z) }
    for r in 0..<4 {
      #expect(Array(rows.keys[rows.range(r)]) == expected[r].keys)
      #expect(Array(rows.values[rows.range(r)]) == expected[r].values)
    }
    // Row 0: key 3 cancels, key 7 is 1. Row 2: key 1 cancels; keys 4 and 5 remain, in order.
    #expect(Array(rows.keys[rows.range(0)]) == [7])
    #expect(Array(rows.keys[rows.range(2)]) == [4, 5])
    #expect(Array(rows.values[rows.range(2)]) == [-3, 3])
    #expect(rows.range(1).isEmpty && rows.range(3).isEmpty)
    #expect(rows.value(2, 5) == 3 && rows.value(2, 1) == 0 && rows.value(2, 9) == 0)
  }

  /// A row set to another plus or minus a delta, and the check of that, as `SparseCounts` does.
  @Test func sumsOfRowsMatchSparseCounts() {
    let delta = CountRows(rows: 2, triples: [SIMD3(0, 1, 1), SIMD3(0, 4, -1), SIMD3(1, 2, 2)])
    var base = SparseCounts()
    base.add(1, 2)
    base.add(3, 1)
    base.add(4, 1)
    var rows = CountRows(rows: 3)
    rows.set(0, to: base)
    rows.set(2, toSumOf: 0, delta, 0, sign: -1)
    rows.set(1, toSumOf: 2, delta, 0, sign: 1)
    // base − delta 0: key 1 is 1, key 3 is 1, key 4 is 2; adding it back gives base.
    #expect(Array(rows.keys[rows.range(2)]) == [1, 3, 4])
    #expect(Array(rows.values[rows.range(2)]) == [1, 1, 2])
    #expect(Array(rows.keys[rows.range(1)]) == base.keys)
    #expect(Array(rows.values[rows.range(1)]) == base.values)
    #expect(rows.isSum(2, of: 0, delta, 0, sign: -1))
    #expect(rows.isSum(1, of: 2, delta, 0, sign: 1))
    #expect(!rows.isSum(2, of: 0, delta, 0, sign: 1))
    #expect(!rows.isSum(2, of: 0, delta, 1, sign: -1))
  }
}
