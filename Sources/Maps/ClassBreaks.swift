/// How a choropleth divides its values into classes.
public enum ClassificationMethod: Sendable, Hashable {
  /// `n` classes with (about) the same number of features each; breaks are the sample quantiles
  /// at i/n, interpolated linearly between order statistics (numpy's default, R's type 7).
  case quantile(Int)
  /// `n` classes of the same width from the minimum to the maximum.
  case equalInterval(Int)
  /// `n` classes by Jenks' natural breaks: the grouping of the sorted values that minimises the
  /// sum of squared deviations from the class means (Fisher's exact dynamic programme).
  case jenks(Int)
  /// Classes between the given interior breaks (sorted, duplicates removed): values up to and
  /// including the first break, up to the second, …, and above the last.
  case explicit([Double])
}

/// Class limits for a choropleth. Class `i` holds the values in
/// `(upperBounds[i-1], upperBounds[i]]`; class 0 starts at `lowerBound` and includes it.
public struct ClassBreaks: Sendable, Hashable {
  /// The smallest value (the start of the first class).
  public let lowerBound: Double
  /// The inclusive upper limit of each class, ascending; the last is the largest value (or the
  /// largest explicit break, whichever is greater).
  public let upperBounds: [Double]

  /// Class limits given directly.
  public init(lowerBound: Double, upperBounds: [Double]) {
    self.lowerBound = lowerBound
    self.upperBounds = upperBounds
  }

  /// Computes the limits of `method` for `values`. Values that are not finite (missing data) are
  /// ignored; with no finite value there is a single empty class at 0.
  public init(values: [Double], method: ClassificationMethod) {
    let sorted = values.filter(\.isFinite).sorted()
    guard let minimum = sorted.first, let maximum = sorted.last else {
      self.init(lowerBound: 0, upperBounds: [0])
      return
    }
    var bounds: [Double]
    switch method {
    case .quantile(let n):
      let classes = max(1, n)
      bounds = (1..<classes).map { ClassBreaks.quantile(sorted, Double($0) / Double(classes)) }
    case .equalInterval(let n):
      let classes = max(1, n)
      let width = (maximum - minimum) / Double(classes)
      bounds = (1..<classes).map { minimum + Double($0) * width }
    case .jenks(let n):
      bounds = JenksNaturalBreaks.upperBounds(sortedValues: sorted, classes: max(1, n)).dropLast()
    case .explicit(let breaks):
      bounds = breaks.filter(\.isFinite).sorted()
    }
    bounds.append(max(maximum, bounds.last ?? maximum))
    // Equal limits would make empty classes that the legend cannot tell apart.
    var unique: [Double] = []
    for bound in bounds where unique.last != bound { unique.append(bound) }
    self.init(lowerBound: min(minimum, unique.first ?? minimum), upperBounds: unique)
  }

  /// Number of classes.
  public var count: Int { upperBounds.count }

  /// The class of `value`: the first whose upper limit is at or above it (values beyond the
  /// last limit go to the last class); `nil` for a missing (non-finite) value.
  public func classIndex(of value: Double) -> Int? {
    guard value.isFinite else { return nil }
    var low = 0
    var high = upperBounds.count - 1
    while low < high {
      let mid = (low + high) / 2
      if value <= upperBounds[mid] { high = mid } else { low = mid + 1 }
    }
    return low
  }

  /// The lower and upper limit of class `index`.
  public func range(ofClass index: Int) -> (lower: Double, upper: Double) {
    (index == 0 ? lowerBound : upperBounds[index - 1], upperBounds[index])
  }

  /// How many of `values` fall in each class (missing values are not counted).
  public func counts(of values: [Double]) -> [Int] {
    var counts = Array(repeating: 0, count: count)
    for value in values { if let index = classIndex(of: value) { counts[index] += 1 } }
    return counts
  }

  /// Linear interpolation between order statistics at fraction `p` of a sorted, non-empty list.
  static func quantile(_ sorted: [Double], _ p: Double) -> Double {
    let position = p * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
  }
}
