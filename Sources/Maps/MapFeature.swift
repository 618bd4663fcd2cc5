import GeoCore

/// An extra `data-*` attribute written on a feature's SVG element (for scripts and viewers that
/// read them; the name is reduced to lower-case letters, digits and hyphens).
public struct DataAttribute: Sendable, Hashable {
  /// Attribute name without the `data-` prefix, e.g. `pcn-code`.
  public var name: String
  /// Attribute value (escaped when written).
  public var value: String

  /// A data attribute.
  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

/// One thing drawn on the map: an identifier, a name for tooltips and labels, a geometry in
/// the projected working CRS, and what it is coloured by.
public struct MapFeature: Sendable, Hashable {
  /// Identifier written as `data-id` (ONS code, practice code, …).
  public var id: String
  /// Human-readable name for the tooltip and the label.
  public var name: String?
  /// Geometry in the map's projected CRS (metres), never lon/lat.
  public var geometry: FlatGeometry
  /// The number a choropleth classes (`nil` or not finite: no data).
  public var value: Double?
  /// The category a categorical layer or point layer colours by (`nil`: no data).
  public var category: String?
  /// Extra `data-*` attributes, written in this order.
  public var attributes: [DataAttribute]
  /// Label text when it should differ from `name` (a short form of a long PCN name).
  public var labelText: String?

  /// A feature.
  public init(
    id: String, name: String? = nil, geometry: FlatGeometry, value: Double? = nil, category: String? = nil,
    attributes: [DataAttribute] = [], labelText: String? = nil
  ) {
    self.id = id
    self.name = name
    self.geometry = geometry
    self.value = value
    self.category = category
    self.attributes = attributes
    self.labelText = labelText
  }
}
