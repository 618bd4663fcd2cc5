import GeoCore

extension TransformerRecipe {
  /// Below this many pairs a buffer is transformed on the calling thread alone: making a second
  /// transformer and thread costs more than it saves.
  public static let parallelPairThreshold = 16_384

  /// Transforms interleaved x, y pairs in place like ``Transformer/transform(_:)``,
  /// giving the same values to the last bit, but transforms each distinct pair only once and
  /// spreads the work over up to `threads` threads, each with its own transformer.
  ///
  /// Polygon layers repeat most of their vertices (neighbours share their boundaries, and each
  /// ring repeats its first vertex), and PROJ's arithmetic is the whole cost of reprojecting, so
  /// the national LSOA layer (431,000 pairs, 169,000 distinct) is transformed in well under half
  /// the work. PROJ gives a pair the same result whatever else is in the batch, so a pair is
  /// matched by the bits of its two values (0.0 and -0.0, or two NaNs, stay apart). Each thread
  /// takes the pairs whose hash falls in its share and transforms them in one batch.
  ///
  /// If any pair fails, the buffer is left as it was and the error is exactly the one
  /// ``Transformer/transform(_:)`` throws for the whole buffer (it is run to find it).
  /// Wraps `proj_trans_generic`.
  public func transformDistinct(_ coordinates: inout [Double], threads: Int) throws {
    guard coordinates.count % 2 == 0 else { throw PROJError.oddCoordinateCount(coordinates.count) }
    let pairCount = coordinates.count / 2
    guard pairCount > 0 else { return }
    guard pairCount < Int(Int32.max) else {
      try Transformer(self).transform(&coordinates)
      return
    }
    let shares = pairCount < Self.parallelPairThreshold ? 1 : max(1, threads)
    let input = coordinates
    let parts: [DistinctPairs]
    do {
      parts = try ParallelChunks.map(
        count: shares, threads: shares, chunkSize: 1, makeWorker: { try Transformer(self) },
        body: { transformer, share in
          var part = DistinctPairs(input, share: share, of: shares)
          try transformer.transform(&part.distinct)
          return part
        })
    } catch {
      // The whole buffer once more, to throw what a single batch would (counts over every
      // pair, the first failing input in order, PROJ's message).
      var copy = input
      try Transformer(self).transform(&copy)
      coordinates = copy
      return
    }
    coordinates.withUnsafeMutableBufferPointer { output in
      for part in parts { part.write(into: output) }
    }
  }
}

/// The pairs of one hash share of a buffer, each distinct pair once.
struct DistinctPairs: Sendable {
  /// The pair positions in this share, ascending.
  var positions: [Int32] = []
  /// For each of `positions`, the index of its pair in `distinct`.
  var slots: [Int32] = []
  /// Interleaved x, y of the distinct pairs, in order of first appearance.
  var distinct: [Double] = []

  /// Collects the pairs of `coordinates` whose hash falls in `share` of `shares`.
  init(_ coordinates: [Double], share: Int, of shares: Int) {
    let pairCount = coordinates.count / 2
    coordinates.withUnsafeBufferPointer { values in
      if shares == 1 {
        positions = Array(0..<Int32(pairCount))
      } else {
        for pair in 0..<pairCount
        where Self.share(Self.hash(values[2 * pair], values[2 * pair + 1]), of: shares) == share {
          positions.append(Int32(pair))
        }
      }
      // Open addressing, at most half full; a slot holds 1 + the distinct index, 0 when free.
      var capacity = 16
      while capacity < 2 * positions.count { capacity *= 2 }
      let mask = capacity - 1
      var table = [Int32](repeating: 0, count: capacity)
      slots.reserveCapacity(positions.count)
      distinct.reserveCapacity(2 * positions.count)
      table.withUnsafeMutableBufferPointer { table in
        for position in positions {
          let x = values[2 * Int(position)]
          let y = values[2 * Int(position) + 1]
          var slot = Int(truncatingIfNeeded: Self.hash(x, y)) & mask
          while true {
            let entry = Int(table[slot])
            if entry == 0 {
              table[slot] = Int32(distinct.count / 2 + 1)
              slots.append(Int32(distinct.count / 2))
              distinct.append(x)
              distinct.append(y)
              break
            }
            let index = entry - 1
            if distinct[2 * index].bitPattern == x.bitPattern
              && distinct[2 * index + 1].bitPattern == y.bitPattern
            {
              slots.append(Int32(index))
              break
            }
            slot = (slot + 1) & mask
          }
        }
      }
    }
  }

  /// Writes each pair's (transformed) distinct value back to its position.
  func write(into output: UnsafeMutableBufferPointer<Double>) {
    distinct.withUnsafeBufferPointer { distinct in
      for (position, slot) in zip(positions, slots) {
        output[2 * Int(position)] = distinct[2 * Int(slot)]
        output[2 * Int(position) + 1] = distinct[2 * Int(slot) + 1]
      }
    }
  }

  /// A well-mixed hash of the pair's bits (SplitMix64's finaliser over both words).
  static func hash(_ x: Double, _ y: Double) -> UInt64 {
    var h = x.bitPattern &* 0x9E37_79B9_7F4A_7C15 ^ (y.bitPattern &+ 0x632B_E59B_D9B4_E019)
    h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
    h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
    return h ^ (h >> 31)
  }

  /// The share a hash belongs to: its high bits, so shares and table slots (low bits) are
  /// independent.
  static func share(_ hash: UInt64, of shares: Int) -> Int {
    Int((hash >> 32) % UInt64(shares))
  }
}
