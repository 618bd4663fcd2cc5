/// One row of `gpkg_spatial_ref_sys`: how a GeoPackage names a CRS. The definition is WKT
/// (callers take it from PROJ; this module does not resolve CRSs itself).
public struct SpatialReferenceSystem: Sendable, Hashable {
  /// The `srs_id` geometries refer to.
  public var id: Int32
  /// Human-readable name, e.g. `OSGB36 / British National Grid`.
  public var name: String
  /// The authority, e.g. `EPSG`, or `NONE` for the undefined systems, or a custom one.
  public var organization: String
  /// The authority's code for it.
  public var organizationCode: Int64
  /// The WKT definition (`undefined` for the two undefined systems).
  public var definition: String
  /// Optional description.
  public var description: String?

  /// A row as given.
  public init(
    id: Int32, name: String, organization: String, organizationCode: Int64, definition: String,
    description: String? = nil
  ) {
    self.id = id
    self.name = name
    self.organization = organization
    self.organizationCode = organizationCode
    self.definition = definition
    self.description = description
  }

  /// The undefined Cartesian system every GeoPackage lists (srs_id -1).
  public static let undefinedCartesian = SpatialReferenceSystem(
    id: -1, name: "Undefined cartesian SRS", organization: "NONE", organizationCode: -1,
    definition: "undefined", description: "undefined cartesian coordinate reference system")

  /// The undefined geographic system every GeoPackage lists (srs_id 0).
  public static let undefinedGeographic = SpatialReferenceSystem(
    id: 0, name: "Undefined geographic SRS", organization: "NONE", organizationCode: 0,
    definition: "undefined", description: "undefined geographic coordinate reference system")

  /// The srs_id nbhd gives a CRS with no authority code (a local equal-area projection): the
  /// first of the range GDAL also uses for custom systems.
  public static let firstCustomID: Int32 = 100_000

  /// The CRS as nbhd names it: `EPSG:27700` for authority rows, the PROJ string nbhd kept in
  /// the description of its own custom rows (organization `NBHD`), the WKT for other custom
  /// ones, `nil` for the two undefined systems.
  public var crsDefinition: String? {
    if organization.uppercased() == "NONE" && (id == -1 || id == 0) { return nil }
    if organization.uppercased() == "EPSG" || organization.uppercased() == "OGC" {
      return "\(organization.uppercased()):\(organizationCode)"
    }
    if organization == "NBHD", let description, description.hasPrefix("+proj=") { return description }
    return definition.lowercased() == "undefined" ? nil : definition
  }
}
