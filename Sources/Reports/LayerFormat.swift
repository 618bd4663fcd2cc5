/// The file format result layers are written in.
public enum LayerFormat: String, Sendable, Hashable, CaseIterable {
  /// RFC 7946 GeoJSON (or a projected CRS with a `crs` member), one file per layer.
  case geoJSON = "geojson"
  /// OGC GeoPackage 1.3, in the working CRS at full precision unless told otherwise.
  case geoPackage = "gpkg"

  /// The file extension, without the dot.
  public var fileExtension: String { rawValue }

  /// The format a file name asks for by its extension (`.gpkg`, else GeoJSON).
  public init(fileName: String) {
    self = fileName.lowercased().hasSuffix(".gpkg") ? .geoPackage : .geoJSON
  }
}
