import GeoCore

/// How to load a layer: overrides for what is otherwise detected.
public struct LoadOptions: Sendable, Hashable {
  /// Property holding the feature id (`--id-field`); detected when nil.
  public var idField: String?
  /// Property holding the feature name (`--name-field`); detected when nil.
  public var nameField: String?
  /// The CRS the file's coordinates are in (`--crs`), overriding a `crs` member.
  public var sourceCRS: String?
  /// The CRS to measure in; nil chooses EPSG:27700 for Great Britain, else a local equal-area
  /// projection.
  public var workingCRS: String?
  /// For CSV: the coordinate columns (`--x-field`, `--y-field`).
  public var xField: String?
  public var yField: String?
  /// What geometries the layer must hold; others are listed as excluded.
  public var expected: ExpectedGeometry = .any
  /// The name used in tables (default: the file name without extension).
  public var layerName: String?
  /// Repair invalid polygons with GEOS MakeValid (always on for analysis).
  public var repair: Bool = true
  /// Drawing layers (residents' sketches): a feature whose coordinates cannot make a geometry
  /// (a ring of fewer than 4 positions, an unclosed ring) is excluded with the reason instead of
  /// stopping the load. Off for every other layer, which must be readable whole.
  public var excludesUnusableGeometries = false
  /// Threads for reprojection and repair.
  public var threads: Int = ParallelChunksDefaults.threads

  public init() {}
}

/// What geometries a layer is expected to hold.
public enum ExpectedGeometry: String, Sendable, Hashable {
  case polygons, points, any
}

/// The default thread count, re-exported so callers need not import the parallel helper.
public enum ParallelChunksDefaults {
  public static var threads: Int { ParallelChunks.defaultThreadCount }
}
