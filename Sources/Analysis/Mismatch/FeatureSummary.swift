/// What one feature's overlap with the other layer comes to (DESIGN.md §4).
public struct FeatureSummary: Sendable, Hashable {
  /// Position of the feature in its layer.
  public var feature: Int
  /// The feature's area (m²).
  public var area: Double
  /// The feature's people, with a population layer.
  public var population: Double?
  /// The other layer's unit with the largest share of this feature (ties: smaller id), if any.
  public var best: Int?
  /// Share of this feature in `best` (by area; by population when weighting by population).
  public var bestShare: Double
  /// The share of `best` that this feature covers.
  public var bestShareOfOther: Double
  /// Number of non-sliver pieces.
  public var parts: Int
  /// Number of sliver pieces.
  public var slivers: Int
  /// The sliver pieces' total area (m²).
  public var sliverArea: Double
  /// 1 − Σ share over all pieces (area): what no unit of the other layer covers.
  public var uncoveredShare: Double
  /// Hausdorff distance between the feature and `best` (metres), when computed.
  public var hausdorff: Double?
  /// The class at the run's tolerance.
  public var mismatchClass: MismatchClass
  /// Building-block fit: the other layer's units with ≥ 50% of their area (or people) inside this
  /// feature.
  public var buildingBlocks: [Int]
  /// How well the building blocks' union matches the feature: area(∩) / area(∪).
  public var buildingBlockIoU: Double
}
