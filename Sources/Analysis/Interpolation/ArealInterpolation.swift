/// Moves statistics from source units to target units through their overlay (DESIGN.md §6).
/// A source only partly inside the target layer hands over only the part inside it.
public enum ArealInterpolation {
  /// What a variable measures.
  public enum Kind: String, Sendable {
    /// Counts (people, households): split in proportion to the weight.
    case extensive
    /// Rates and means: averaged with the weights.
    case intensive
  }

  /// The weight of each piece and of each source unit.
  public struct Weights: Sendable {
    /// Weight of each overlay piece (its area, or its people).
    public var pieces: [Double]
    /// Weight of each whole source unit.
    public var sources: [Double]
    /// "area" or "population".
    public var name: String

    /// Weights of the pieces and sources, named for the report.
    public init(pieces: [Double], sources: [Double], name: String) {
      self.pieces = pieces
      self.sources = sources
      self.name = name
    }

    /// Area weights from an overlay whose A side is the source.
    public static func area(_ overlay: Overlay) -> Weights {
      Weights(pieces: overlay.pieces.map(\.area), sources: overlay.areasA, name: "area")
    }
  }

  /// The result for one variable.
  public struct Result: Sendable {
    /// Value per target unit (nil when no source with a value reaches it).
    public var values: [Double?]
    /// Σ over sources of value × the share of its weight inside the target layer (extensive).
    public var expectedTotal: Double
    /// Σ over targets of the interpolated values (extensive).
    public var interpolatedTotal: Double
    /// Σ over sources of their values (extensive), whatever lies outside the targets.
    public var sourceTotal: Double
  }

  /// Interpolates `values` (one per source, nil when missing) to `targetCount` targets through
  /// `overlay` (A = sources, B = targets).
  public static func interpolate(
    _ values: [Double?], kind: Kind, overlay: Overlay, targetCount: Int, weights: Weights
  ) -> Result {
    var sums = [Double](repeating: 0, count: targetCount)
    var weightSums = [Double](repeating: 0, count: targetCount)
    var reached = [Bool](repeating: false, count: targetCount)
    var expected = 0.0
    for (k, piece) in overlay.pieces.enumerated() {
      guard let value = values[piece.a] else { continue }
      let w = weights.pieces[k]
      let whole = weights.sources[piece.a]
      guard whole > 0 else { continue }
      reached[piece.b] = true
      switch kind {
      case .extensive:
        let share = value * w / whole
        sums[piece.b] += share
        expected += share
      case .intensive:
        sums[piece.b] += value * w
        weightSums[piece.b] += w
      }
    }
    let result: [Double?] = (0..<targetCount).map { t in
      guard reached[t] else { return nil }
      switch kind {
      case .extensive: return sums[t]
      case .intensive: return weightSums[t] > 0 ? sums[t] / weightSums[t] : nil
      }
    }
    let interpolated = kind == .extensive ? result.reduce(0) { $0 + ($1 ?? 0) } : 0
    return Result(
      values: result, expectedTotal: expected, interpolatedTotal: interpolated,
      sourceTotal: kind == .extensive ? values.reduce(0) { $0 + ($1 ?? 0) } : 0)
  }
}
