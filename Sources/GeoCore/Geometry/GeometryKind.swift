/// The seven geometry types of RFC 7946 (and of the OGC simple-features model).
public enum GeometryKind: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  case point, lineString, polygon, multiPoint, multiLineString, multiPolygon, geometryCollection

  /// The GeoJSON `type` name, e.g. `"MultiPolygon"`.
  public var description: String {
    switch self {
    case .point: "Point"
    case .lineString: "LineString"
    case .polygon: "Polygon"
    case .multiPoint: "MultiPoint"
    case .multiLineString: "MultiLineString"
    case .multiPolygon: "MultiPolygon"
    case .geometryCollection: "GeometryCollection"
    }
  }

  /// Parses a GeoJSON `type` name; `nil` when it is not a geometry type.
  public init?(geoJSONName name: String) {
    guard let kind = GeometryKind.allCases.first(where: { $0.description == name }) else { return nil }
    self = kind
  }

  /// True for Polygon and MultiPolygon.
  public var isPolygonal: Bool { self == .polygon || self == .multiPolygon }
  /// True for Point and MultiPoint.
  public var isPuntal: Bool { self == .point || self == .multiPoint }
  /// True for LineString and MultiLineString.
  public var isLineal: Bool { self == .lineString || self == .multiLineString }
}
