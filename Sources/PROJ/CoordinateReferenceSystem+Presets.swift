/// The systems nbhd uses by name, and the equal-area system it measures in outside Great Britain.
extension CoordinateReferenceSystem {
  /// WGS 84 longitude, latitude in degrees (`OGC:CRS84`): the CRS of RFC 7946 GeoJSON.
  /// Resolved with PROJ on first use. Wraps `proj_create`.
  public static let wgs84LonLat = preset(
    "OGC:CRS84", name: "WGS 84 (CRS84)", isGeographic: true, identifier: "OGC:CRS84", epsgCode: nil)

  /// OSGB36 / British National Grid (`EPSG:27700`), easting and northing in metres: the
  /// working CRS for data in Great Britain. Resolved with PROJ on first use. Wraps `proj_create`.
  public static let britishNationalGrid = preset(
    "EPSG:27700", name: "OSGB36 / British National Grid", isGeographic: false,
    identifier: "EPSG:27700", epsgCode: 27700)

  /// A Lambert azimuthal equal-area projection on WGS 84, in metres, centred on the given
  /// point: areas measured in it are true everywhere, distances are good near the centre. The
  /// working CRS for data outside Great Britain. Throws
  /// ``PROJError/invalidParameter(_:)`` for a centre off the globe.
  /// Wraps `proj_create` (`+proj=laea`).
  public static func lambertAzimuthalEqualArea(
    centreLongitude longitude: Double, centreLatitude latitude: Double
  ) throws -> CoordinateReferenceSystem {
    guard longitude.isFinite, latitude.isFinite, abs(latitude) <= 90, abs(longitude) <= 180 else {
      throw PROJError.invalidParameter(
        "equal-area centre must be a longitude in [-180, 180] and a latitude in [-90, 90], "
          + "got \(longitude), \(latitude)")
    }
    return try CoordinateReferenceSystem(
      "+proj=laea +lat_0=\(fixedDecimal(latitude)) +lon_0=\(fixedDecimal(longitude)) "
        + "+x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs")
  }

  /// Resolves a preset with PROJ; if PROJ's database cannot be read, keeps the known metadata
  /// (a ``Transformer`` will then report PROJ's error).
  private static func preset(
    _ definition: String, name: String, isGeographic: Bool, identifier: String, epsgCode: Int?
  ) -> CoordinateReferenceSystem {
    if let resolved = try? CoordinateReferenceSystem(definition) { return resolved }
    return CoordinateReferenceSystem(
      definition: definition, name: name, isGeographic: isGeographic, identifier: identifier,
      epsgCode: epsgCode)
  }

  /// `value` with six decimals (about 0.1 m), never in exponent notation, for PROJ strings.
  private static func fixedDecimal(_ value: Double) -> String {
    let micro = Int((abs(value) * 1_000_000).rounded())
    let fraction = String(micro % 1_000_000)
    let padded = String(repeating: "0", count: 6 - fraction.count) + fraction
    return (value < 0 && micro != 0 ? "-" : "") + "\(micro / 1_000_000).\(padded)"
  }
}
