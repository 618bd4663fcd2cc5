import GeoCore

/// Everything loading a layer found and did, so every input feature is accounted for.
public struct LoadRecord: Sendable {
  /// Features in the input file.
  public var inputFeatures: Int = 0
  /// The CRS the file was read as, and why.
  public var sourceCRS: String = ""
  /// What decided the source CRS (the user, the file's crs member, RFC 7946's default, CSV
  /// columns).
  public var crsBasis: CRSBasis = .rfc7946Default
  /// `crsBasis` in words ("crs member", "given by the user", "RFC 7946 default (no crs member)").
  public var crsDecision: String { crsBasis.text }
  /// The coordinate operation used to reach the working CRS (nil when none was needed).
  public var operation: String?
  /// The operation's accuracy in metres, as PROJ states it.
  public var operationAccuracyMetres: Double?
  /// Geometries that were invalid and were repaired, with GEOS's reason.
  public var repairs: [FeatureNote] = []
  /// Features left out (null or empty geometry, wrong geometry type), with why.
  public var excluded: [FeatureNote] = []
  /// Ids used by more than one feature: every such feature is kept, and listed here.
  public var duplicateIDs: [DuplicateID] = []
  /// Features that had no id value (given `#index` instead).
  public var missingIDs: [FeatureNote] = []
  /// Other notes (e.g. Z coordinates dropped).
  public var notes: [String] = []
  /// Input features per geometry type ("null" for no geometry), in the file's order of first use.
  public var geometryTypes: [(type: String, count: Int)] = []
  /// The extent of the input coordinates, in the source CRS.
  public var sourceBoundingBox: BoundingBox = .empty

  /// An empty record, filled in as loading goes.
  public init() {}

  /// True when every input feature is either usable or listed as excluded.
  public func accountsFor(usable: Int) -> Bool { usable + excluded.count == inputFeatures }
}

/// A note about one input feature.
public struct FeatureNote: Sendable, Hashable {
  /// Position in the input file (0-based).
  public var index: Int
  /// The feature's id (or `#index`).
  public var id: String
  /// What was wrong or what was done.
  public var reason: String

  /// A note on feature `index` (`id`).
  public init(index: Int, id: String, reason: String) {
    self.index = index
    self.id = id
    self.reason = reason
  }
}

/// An id shared by several features.
public struct DuplicateID: Sendable, Hashable {
  /// The shared id.
  public var id: String
  /// The input positions of the features that carry it.
  public var indices: [Int]

  /// `id`, carried by the features at `indices`.
  public init(id: String, indices: [Int]) {
    self.id = id
    self.indices = indices
  }
}
