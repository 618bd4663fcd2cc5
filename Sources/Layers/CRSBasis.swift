/// What decided a file's CRS. A front end may word `.given` as its own setting (`--crs`,
/// `crs:`); the library only says the user gave it.
public enum CRSBasis: Sendable, Hashable {
  /// The user gave it (a command-line option, a study config key).
  case given
  /// The file's own `crs` member.
  case crsMember
  /// No `crs` member: RFC 7946 says GeoJSON is WGS84 lon/lat.
  case rfc7946Default
  /// A CSV's coordinate columns, as described (e.g. "easting/northing columns E, N").
  case columns(String)
  /// A shapefile's .prj (`wgs84`: PROJ matched it to WGS 84, read in lon/lat order).
  case prjFile(wgs84: Bool)
  /// A shapefile without a .prj: read as lon/lat, as GeoJSON without a `crs` member.
  case noPRJFile
  /// KML, which is WGS84 lon/lat by definition.
  case kml
  /// A GeoPackage's `gpkg_spatial_ref_sys` row, as described (e.g. "gpkg_spatial_ref_sys
  /// srs_id 27700 (EPSG)").
  case geoPackage(String)

  /// The basis in words, as summaries and reports show it.
  public var text: String {
    switch self {
    case .given: "given by the user"
    case .crsMember: "crs member"
    case .rfc7946Default: "RFC 7946 default (no crs member)"
    case .columns(let how): how
    case .prjFile(let wgs84): wgs84 ? ".prj file (WGS 84)" : ".prj file"
    case .noPRJFile: "no .prj file: read as WGS84 lon/lat"
    case .kml: "KML is always WGS84 lon/lat"
    case .geoPackage(let how): how
    }
  }
}
