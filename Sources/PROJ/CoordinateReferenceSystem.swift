internal import CPROJ
import GeoCore
import Synchronization

/// A coordinate reference system: the definition PROJ is given plus what PROJ says about it,
/// resolved once when the value is made. A plain `Sendable` value, free to cross threads; the
/// PROJ object it was read from is not kept.
///
/// Accepted definitions: `EPSG:27700`, `urn:ogc:def:crs:EPSG::27700`,
/// `urn:ogc:def:crs:OGC:1.3:CRS84`, `OGC:CRS84`, `CRS84`, WKT, and PROJ strings
/// (`+proj=laea ...`; `+type=crs` is added when missing). Pipelines are operations, not CRSs.
public struct CoordinateReferenceSystem: Sendable, Hashable, CustomStringConvertible {
  /// The definition as handed to PROJ (after normalisation: `CRS84` becomes `OGC:CRS84`).
  public let definition: String
  /// PROJ's name for the system, e.g. `OSGB36 / British National Grid`; `unknown` for most
  /// PROJ strings.
  public let name: String
  /// True when coordinates are longitude and latitude in degrees.
  public let isGeographic: Bool
  /// The first identifier as `AUTHORITY:CODE` (`EPSG:27700`, `OGC:CRS84`), if any.
  public let identifier: String?
  /// The EPSG code, when the first identifier is an EPSG one.
  public let epsgCode: Int?
  /// Where the system is meant to be used, in longitude/latitude degrees (west, south, east,
  /// north); `nil` when PROJ does not know. West may exceed east across the antimeridian.
  public let areaOfUse: BoundingBox?
  /// PROJ's description of the area of use, if any.
  public let areaName: String?

  /// Resolves `definition` with PROJ, in `context` or in a short-lived context of its own.
  /// Throws ``PROJError/unknownCRS(definition:message:)`` with PROJ's message when PROJ does
  /// not know it. Wraps `proj_create`, `proj_get_type`, `proj_get_id_code` and
  /// `proj_get_area_of_use`.
  public init(_ definition: String, in context: ProjectionContext? = nil) throws {
    let normalised = Self.normalisedDefinition(definition)
    let context = try context ?? ProjectionContext()
    let crs = try context.makeCRS(normalised)
    self.definition = normalised
    self.name = crs.name ?? "unknown"
    self.isGeographic = Self.isGeographic(crs)
    let authority = proj_get_id_auth_name(crs.pointer, 0).map { String(cString: $0) }
    let code = proj_get_id_code(crs.pointer, 0).map { String(cString: $0) }
    if let authority, let code {
      self.identifier = "\(authority):\(code)"
      self.epsgCode = authority.uppercased() == "EPSG" ? Int(code) : nil
    } else {
      self.identifier = nil
      self.epsgCode = nil
    }
    (self.areaOfUse, self.areaName) = Self.areaOfUse(crs)
    context.clearDiagnostics()
  }

  private static let known = Mutex<[String: CoordinateReferenceSystem]>([:])

  /// `CoordinateReferenceSystem(definition)`, resolved once per process and then reused: each
  /// resolution makes a PROJ context that opens PROJ's database, a few milliseconds every layer
  /// load and output paid again for the same few systems. Failures are not kept.
  /// Wraps `proj_create`.
  public static func resolved(_ definition: String) throws -> CoordinateReferenceSystem {
    if let crs = known.withLock({ $0[definition] }) { return crs }
    let crs = try CoordinateReferenceSystem(definition)
    known.withLock { $0[definition] = crs }
    return crs
  }

  /// A value whose metadata is given rather than read from PROJ (for presets when PROJ's
  /// database cannot be read).
  init(
    definition: String, name: String, isGeographic: Bool, identifier: String?, epsgCode: Int?
  ) {
    self.definition = definition
    self.name = name
    self.isGeographic = isGeographic
    self.identifier = identifier
    self.epsgCode = epsgCode
    self.areaOfUse = nil
    self.areaName = nil
  }

  /// The name followed by the identifier, e.g. `OSGB36 / British National Grid (EPSG:27700)`.
  public var description: String {
    if let identifier { return "\(name) (\(identifier))" }
    return name == "unknown" ? definition : "\(name) (\(definition))"
  }

  /// Maps spellings PROJ does not read to ones it does, and makes PROJ strings CRS definitions.
  static func normalisedDefinition(_ text: String) -> String {
    let trimmed = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    if trimmed.uppercased() == "CRS84" { return "OGC:CRS84" }
    // A pipeline is an operation whatever it is tagged with: leave it for `makeCRS` to reject.
    if trimmed.hasPrefix("+") && !trimmed.contains("+type=crs") && !trimmed.contains("+proj=pipeline") {
      return trimmed + " +type=crs"
    }
    return trimmed
  }

  /// True for geographic CRSs, looking through a bound CRS (`+towgs84`) to its base.
  /// Wraps `proj_get_type` and `proj_get_source_crs`.
  private static func isGeographic(_ crs: ProjObject) -> Bool {
    var type = proj_get_type(crs.pointer)
    if type == PJ_TYPE_BOUND_CRS,
      let base = ProjObject(proj_get_source_crs(crs.context.pointer, crs.pointer), in: crs.context)
    {
      type = proj_get_type(base.pointer)
    }
    return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS
      || type == PJ_TYPE_GEOGRAPHIC_CRS
  }

  /// Wraps `proj_get_area_of_use` (PROJ reports -1000 for unknown bounds).
  private static func areaOfUse(_ crs: ProjObject) -> (BoundingBox?, String?) {
    var west = 0.0
    var south = 0.0
    var east = 0.0
    var north = 0.0
    var areaName: UnsafePointer<CChar>?
    let found = proj_get_area_of_use(
      crs.context.pointer, crs.pointer, &west, &south, &east, &north, &areaName)
    let name = areaName.map { String(cString: $0) }
    guard found != 0, west > -1000, south > -1000, east > -1000, north > -1000 else { return (nil, name) }
    return (BoundingBox(minX: west, minY: south, maxX: east, maxY: north), name)
  }
}
