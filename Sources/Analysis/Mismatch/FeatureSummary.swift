/// What one feature's overlap with the other layer comes to (DESIGN.md §4).
public struct FeatureSummary: Sendable, Hashable {
  /// Position of the feature in its layer.
  public var feature: Int
  /// The feature's area (m²) and, with a population layer, its population.
  public var area: Double
  public var population: Double?
  /// The other layer's unit with the largest share of this feature (ties: smaller id), if any.
  public var best: Int?
  /// Share of this feature in `best` (by area; by population when weighting by population).
  public var bestShare: Double
  /// The share of `best` that this feature covers.
  public var bestShareOfOther: Double
  /// Number of non-sliver pieces.
  public var parts: Int
  /// Number of sliver pieces, and their total area.
  public var slivers: Int
  public var sliverArea: Double
  /// 1 − Σ share over all pieces (area): what no unit of the other layer covers.
  public var uncoveredShare: Double
  /// Hausdorff distance between the feature and `best` (metres), when computed.
  public var hausdorff: Double?
  /// The class at the run's tolerance.
  public var mismatchClass: MismatchClass
  /// Building-block fit: the other layer's units with ≥ 50% of their area (or people) inside this
  /// feature, and how well their union matches it.
  public var buildingBlocks: [Int]
  public var buildingBlockIoU: Double
}
