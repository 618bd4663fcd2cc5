import GeoCore

/// A loaded, checked layer: every usable feature in the working CRS with a valid geometry,
/// plus the record of everything that happened to the input on the way (`LoadRecord`).
public struct Layer: Sendable {
  /// A short name for tables and reports (the file's name without extension, or the config's).
  public var name: String
  /// The file the layer came from.
  public var source: String
  /// Usable features, in input order.
  public var features: [LayerFeature]
  /// Where ids and names come from.
  public var fields: IdentifierFields
  /// The CRS the geometries are in now (the working CRS after loading).
  public var crs: String
  /// What loading found and did: CRS decision, repairs, empties, duplicates.
  public var record: LoadRecord
  /// The input features that were not usable (listed in `record.excluded`), as read, with their
  /// input positions: kept so a conversion can write every feature back.
  public var excludedFeatures: [(index: Int, feature: Feature)] = []
  /// The input features skipped at the caller's request (`LoadOptions.onlyIDs`), as read, with
  /// their input positions and ids: not prepared, but still there to list.
  public var skippedFeatures: [(index: Int, id: String, feature: Feature)] = []

  /// A loaded layer, with no excluded feature kept.
  public init(
    name: String, source: String, features: [LayerFeature], fields: IdentifierFields, crs: String,
    record: LoadRecord
  ) {
    self.name = name
    self.source = source
    self.features = features
    self.fields = fields
    self.crs = crs
    self.record = record
  }

  /// The geometries in feature order (what the analyses take).
  public var geometries: [FlatGeometry] { features.map(\.geometry) }
  /// The ids in feature order.
  public var ids: [String] { features.map(\.id) }

  /// Feature positions ordered by id, then position (how tables list units). The ids are read
  /// once: comparing through the features copied one (and retained its buffers) per look.
  public var positionsByID: [Int] { Self.positions(byID: ids) }

  /// Positions ordered by `ids` (a layer's `ids`, for a caller that needs them too), then
  /// position.
  public static func positions(byID ids: [String]) -> [Int] {
    ids.indices.sorted { (ids[$0], $0) < (ids[$1], $1) }
  }

  /// The bounding box of every feature.
  public var boundingBox: BoundingBox {
    // Through the buffer: a closure over the features copied each one, retaining every buffer
    // it holds, which cost more than reading the coordinates.
    features.withUnsafeBufferPointer { features in
      var box = BoundingBox.empty
      for index in features.indices { box.include(features[index].geometry.boundingBox) }
      return box
    }
  }

  /// True when every feature is a Polygon or MultiPolygon.
  public var isPolygonal: Bool { features.allSatisfy { $0.geometry.kind.isPolygonal } }
  /// True when every feature is a Point or MultiPoint.
  public var isPuntal: Bool { features.allSatisfy { $0.geometry.kind.isPuntal } }
}

/// One usable feature of a layer.
public struct LayerFeature: Sendable, Hashable {
  /// Position in the input file (0-based), so every output row can be traced back.
  public var index: Int
  /// The identifier (from the id field, the GeoJSON `id`, or `#index` when there is none).
  public var id: String
  /// The display name, when the layer has a name field.
  public var name: String?
  /// The input properties, unchanged.
  public var properties: JSONObject
  /// The geometry in the layer's CRS, valid (repaired if it was not).
  public var geometry: FlatGeometry
  /// The GeoJSON `id` member as read, if any.
  public var featureID: JSONValue?

  /// A usable feature at `index` of its input.
  public init(
    index: Int, id: String, name: String?, properties: JSONObject, geometry: FlatGeometry,
    featureID: JSONValue? = nil
  ) {
    self.featureID = featureID
    self.index = index
    self.id = id
    self.name = name
    self.properties = properties
    self.geometry = geometry
  }

  /// The name if there is one, else the id.
  public var label: String { name ?? id }
}
