/// How one feature relates to the other layer (DESIGN.md §4), with threshold τ.
public enum MismatchClass: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Best match covers ≥ τ of it and it covers ≥ τ of the best match: the same area.
  case coterminous
  /// It lies (≥ τ) inside one unit of the other layer, which is larger.
  case within
  /// It is a clean union of whole units of the other layer.
  case aggregate
  /// It straddles boundaries of the other layer.
  case split
  /// At most 1 − τ of it is covered by the other layer.
  case outside

  /// The class as the outputs write it.
  public var description: String { rawValue }

  /// Classifies from the non-sliver pieces' shares and the uncovered share.
  /// - Parameters:
  ///   - best: the best piece's (share of this feature, share of the other unit), if any.
  ///   - parts: (share of this feature, share of the other unit) for every non-sliver piece.
  ///   - uncoveredShare: 1 − Σ share of this feature over all pieces.
  public static func classify(
    best: (shareOfSelf: Double, shareOfOther: Double)?, parts: [(shareOfSelf: Double, shareOfOther: Double)],
    uncoveredShare: Double, tolerance τ: Double
  ) -> MismatchClass {
    if let best, best.shareOfSelf >= τ {
      return best.shareOfOther >= τ ? .coterminous : .within
    }
    if !parts.isEmpty, parts.allSatisfy({ $0.shareOfOther >= τ }),
      parts.reduce(0, { $0 + $1.shareOfSelf }) >= τ
    {
      return .aggregate
    }
    if uncoveredShare >= τ || best == nil { return .outside }
    return .split
  }
}
