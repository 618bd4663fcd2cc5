/// One GeoJSON Feature: an optional id, properties, an optional geometry and any foreign members.
public struct Feature: Sendable, Hashable {
  /// The GeoJSON `id` member (a string or a number), when present.
  public var id: JSONValue?
  /// The `properties` member; empty when it was `null` or absent.
  public var properties: JSONObject
  /// The geometry, or `nil` when the file says `"geometry": null`.
  public var geometry: FlatGeometry?
  /// Members other than `type`, `id`, `properties`, `geometry` and `bbox`, kept as read.
  public var foreignMembers: JSONObject

  /// A feature with these members.
  public init(
    id: JSONValue? = nil, properties: JSONObject = JSONObject(), geometry: FlatGeometry?,
    foreignMembers: JSONObject = JSONObject()
  ) {
    self.id = id
    self.properties = properties
    self.geometry = geometry
    self.foreignMembers = foreignMembers
  }
}

/// A GeoJSON FeatureCollection (a bare Feature or Geometry is read as a one-feature collection).
public struct FeatureCollection: Sendable, Hashable {
  /// The features, in file order.
  public var features: [Feature]
  /// The CRS name from a legacy `crs` member (`"EPSG:27700"`, `"urn:ogc:def:crs:EPSG::27700"`),
  /// when the file has one.
  public var crsName: String?
  /// Top-level members other than `type`, `features`, `crs` and `bbox` (for example `name`).
  public var foreignMembers: JSONObject

  /// A collection of `features`, with a legacy CRS name and other top-level members if any.
  public init(features: [Feature], crsName: String? = nil, foreignMembers: JSONObject = JSONObject()) {
    self.features = features
    self.crsName = crsName
    self.foreignMembers = foreignMembers
  }
}
