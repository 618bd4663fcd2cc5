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
    let other: OverlaySide = side == .a ? .b : .a
    for (k, p) in pieces.enumerated() {
      grouped[p.feature(on: side)].append(
        PieceView(
          piece: k, other: p.feature(on: other), area: p.area, shareOfSelf: p.share(of: side),
          shareOfOther: p.share(of: other), populationShareOfSelf: p.populationShare(of: side),
          populationShareOfOther: p.populationShare(of: other), isSliver: p.isSliver))
    }
    if side == .b {
      for i in grouped.indices { grouped[i].sort { $0.other < $1.other } }
    }
    return grouped
  }
}

extension CrosswalkPiece {
  /// The piece's feature on `side`: its position in that layer.
  func feature(on side: OverlaySide) -> Int { side == .a ? a : b }

  /// area(piece) / area of the feature on `side`.
  func share(of side: OverlaySide) -> Double { side == .a ? shareOfA : shareOfB }

  /// The piece's share of the people of the feature on `side`.
  func populationShare(of side: OverlaySide) -> Double? {
    side == .a ? populationShareOfA : populationShareOfB
  }
}
