import GeoCore

/// One piece a ∩ b with positive area (DESIGN.md §4).
public struct CrosswalkPiece: Sendable, Hashable {
  /// Position of a in layer A's features.
  public var a: Int
  /// Position of b in layer B's features.
  public var b: Int
  /// area(a ∩ b) in m².
  public var area: Double
  /// area(a ∩ b) / area(a).
  public var shareOfA: Double
  /// area(a ∩ b) / area(b).
  public var shareOfB: Double
  /// area(a ∩ b) / area(a ∪ b).
  public var iou: Double
  /// True when the piece is thinner than the sliver width or smaller than the minimum area.
  public var isSliver: Bool
  /// How the piece was found: a inside b, b inside a, or a real intersection.
  public var method: PieceMethod
  /// The piece itself (when kept).
  public var geometry: FlatGeometry?
  /// People in the piece (with a population layer).
  public var population: Double?
  /// The piece's share of a's people.
  public var populationShareOfA: Double?
  /// The piece's share of b's people.
  public var populationShareOfB: Double?

  /// A piece without people (the population weighting adds them).
  public init(
    a: Int, b: Int, area: Double, shareOfA: Double, shareOfB: Double, iou: Double, isSliver: Bool,
    method: PieceMethod, geometry: FlatGeometry?
  ) {
    self.a = a
    self.b = b
    self.area = area
    self.shareOfA = shareOfA
    self.shareOfB = shareOfB
    self.iou = iou
    self.isSliver = isSliver
    self.method = method
    self.geometry = geometry
  }
}

/// How a piece was computed.
public enum PieceMethod: String, Sendable, Hashable {
  /// a lies wholly inside b: the piece is a, no intersection computed.
  case aWithinB = "a_within_b"
  /// b lies wholly inside a: the piece is b.
  case bWithinA = "b_within_a"
  /// A real intersection.
  case intersection
}
