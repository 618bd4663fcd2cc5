import GeoCore

/// Thresholds and switches of an overlap analysis (DESIGN.md §4).
public struct OverlapOptions: Sendable, Hashable {
  /// τ: the share above which a piece counts as "all of it" (default 0.95).
  public var tolerance: Double = 0.95
  /// Pieces whose maximum inscribed circle is narrower than this (metres) are slivers.
  public var sliverWidth: Double = 20
  /// Pieces smaller than this (m²) are slivers.
  public var minArea: Double = 100
  /// Threads for the overlay (default: the machine's cores).
  public var threads: Int = ParallelChunks.defaultThreadCount
  /// Keep each piece's geometry (for pieces.geojson and maps); off saves memory on big runs.
  public var keepPieceGeometry: Bool = true
  /// Compute Hausdorff distances between each feature and its best match.
  public var computeHausdorff: Bool = true

  /// The defaults: τ 0.95, sliver width 20 m, minimum area 100 m², every core.
  public init() {}
}
