/// Fisher's exact optimisation behind Jenks' natural breaks.
enum JenksNaturalBreaks {
  /// Above this many values the optimisation runs on an evenly spaced sample of the sorted
  /// values (its cost grows with the square of the count); the sample keeps the minimum and
  /// maximum, and the same input always gives the same sample.
  static let sampleLimit = 3_000

  /// The upper limit of each of `classes` classes of `sortedValues` (ascending, non-empty).
  static func upperBounds(sortedValues: [Double], classes: Int) -> [Double] {
    let values = sample(sortedValues)
    let n = values.count
    let k = min(classes, n)
    guard k > 1 else { return [values[n - 1]] }
    // Prefix sums give any run's sum of squared deviations in O(1).
    var sum = [0.0]
    var sumOfSquares = [0.0]
    sum.reserveCapacity(n + 1)
    sumOfSquares.reserveCapacity(n + 1)
    for v in values {
      sum.append(sum[sum.count - 1] + v)
      sumOfSquares.append(sumOfSquares[sumOfSquares.count - 1] + v * v)
    }
    func deviation(_ first: Int, _ last: Int) -> Double {
      let count = Double(last - first + 1)
      let s = sum[last + 1] - sum[first]
      return max(0, sumOfSquares[last + 1] - sumOfSquares[first] - s * s / count)
    }
    // cost[c][j]: best total deviation of values[0...j] split into c + 1 classes;
    // start[c][j]: where the last of those classes begins.
    var cost = [[Double]](repeating: [Double](repeating: .infinity, count: n), count: k)
    var start = [[Int]](repeating: [Int](repeating: 0, count: n), count: k)
    for j in 0..<n { cost[0][j] = deviation(0, j) }
    for c in 1..<k {
      for j in c..<n {
        var best = Double.infinity
        var bestStart = c
        for i in c...j {
          let candidate = cost[c - 1][i - 1] + deviation(i, j)
          // Strictly smaller keeps the earliest start on ties: deterministic.
          if candidate < best {
            best = candidate
            bestStart = i
          }
        }
        cost[c][j] = best
        start[c][j] = bestStart
      }
    }
    var bounds = [Double](repeating: 0, count: k)
    var last = n - 1
    for c in stride(from: k - 1, through: 0, by: -1) {
      bounds[c] = values[last]
      if c > 0 { last = start[c][last] - 1 }
    }
    return bounds
  }

  private static func sample(_ sorted: [Double]) -> [Double] {
    guard sorted.count > sampleLimit else { return sorted }
    let step = Double(sorted.count - 1) / Double(sampleLimit - 1)
    return (0..<sampleLimit).map { sorted[Int((Double($0) * step).rounded())] }
  }
}
