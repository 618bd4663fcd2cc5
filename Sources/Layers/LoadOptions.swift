import GeoCore

/// How to load a layer: overrides for what is otherwise detected.
public struct LoadOptions: Sendable, Hashable {
  /// Property holding the feature id; detected when nil.
  public var idField: String?
  /// Property holding the feature name; detected when nil.
  public var nameField: String?
  /// The CRS the file's coordinates are in, given by the user, overriding a `crs` member.
  public var sourceCRS: String?
  /// The CRS to measure in; nil chooses EPSG:27700 for Great Britain, else a local equal-area
  /// projection.
  public var workingCRS: String?
  /// For CSV: the column of longitude or easting; detected when nil.
  public var xField: String?
  /// For CSV: the column of latitude or northing; detected when nil.
  public var yField: String?
  /// The layer to read from a file that holds several (a GeoPackage feature table); nil when the
  /// file holds one.
  public var sourceLayer: String?
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

  /// When set, only the features whose id is in the set are reprojected, checked and kept; the
  /// others are listed in the record's `skipped` with `skippedReason` (an analysis that needs a
  /// few features of a national layer reads the file once and prepares only those).
  public var onlyIDs: Set<String>?
  /// Why features outside `onlyIDs` were skipped, for the record.
  public var skippedReason = "not needed by the analysis"

  /// Options that detect everything, repair, and use every core.
  public init() {}
}

/// What geometries a layer is expected to hold.
public enum ExpectedGeometry: String, Sendable, Hashable {
  /// Polygons and multipolygons (areas); other features are excluded.
  case polygons
  /// Points and multipoints (assets, population points); other features are excluded.
  case points
  /// Anything with a geometry.
  case any
}

/// The default thread count, re-exported so callers need not import the parallel helper.
public enum ParallelChunksDefaults {
  /// The machine's active cores.
  public static var threads: Int { ParallelChunks.defaultThreadCount }
}
