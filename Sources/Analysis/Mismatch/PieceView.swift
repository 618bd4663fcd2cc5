/// A piece seen from one side of the overlay: "self" is the feature being summarised, "other"
/// the unit of the other layer. Lets one summary routine serve both A and B.
struct PieceView: Sendable {
  var piece: Int
  var other: Int
  var area: Double
  var shareOfSelf: Double
  var shareOfOther: Double
  var populationShareOfSelf: Double?
  var populationShareOfOther: Double?
  var isSliver: Bool
}

/// Which layer of an overlay is being summarised.
public enum OverlaySide: String, Sendable, Hashable {
  case a, b
}

extension Overlay {
  /// The pieces of every feature of `side`, grouped by feature, each list sorted by the other
  /// layer's position.
  func piecesBySelf(_ side: OverlaySide, featureCount: Int) -> [[PieceView]] {
    var grouped = [[PieceView]](repeating: [], count: featureCount)
    for (k, p) in pieces.enumerated() {
      switch side {
      case .a:
        grouped[p.a].append(
          PieceView(
            piece: k, other: p.b, area: p.area, shareOfSelf: p.shareOfA, shareOfOther: p.shareOfB,
            populationShareOfSelf: p.populationShareOfA, populationShareOfOther: p.populationShareOfB,
            isSliver: p.isSliver))
      case .b:
        grouped[p.b].append(
          PieceView(
            piece: k, other: p.a, area: p.area, shareOfSelf: p.shareOfB, shareOfOther: p.shareOfA,
            populationShareOfSelf: p.populationShareOfB, populationShareOfOther: p.populationShareOfA,
            isSliver: p.isSliver))
      }
    }
    if side == .b {
      for i in grouped.indices { grouped[i].sort { $0.other < $1.other } }
    }
    return grouped
  }
}
