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
    // Read in place: a copy of each piece would retain and release its geometry.
    pieces.withUnsafeBufferPointer { pieces in
      for k in pieces.indices {
        grouped[pieces[k].feature(on: side)].append(
          PieceView(
            piece: k, other: pieces[k].feature(on: other), area: pieces[k].area,
            shareOfSelf: pieces[k].share(of: side), shareOfOther: pieces[k].share(of: other),
            populationShareOfSelf: pieces[k].populationShare(of: side),
            populationShareOfOther: pieces[k].populationShare(of: other), isSliver: pieces[k].isSliver))
      }
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
