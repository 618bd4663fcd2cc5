import GeoCore
import PROJ

/// Which CRS a file is in, and why (DESIGN.md §3).
public struct CRSDecision: Sendable, Hashable {
  /// The CRS definition the coordinates are read in.
  public var crs: String
  /// What decided it.
  public var basis: CRSBasis

  /// Why, in words: `basis.text`.
  public var reason: String { basis.text }

  /// A CRS the user gave wins, then the file's `crs` member, then RFC 7946's WGS84 lon/lat.
  public static func decide(given: String?, crsMember: String?) -> CRSDecision {
    if let given { return CRSDecision(crs: given, basis: .given) }
    if let crsMember { return CRSDecision(crs: crsMember, basis: .crsMember) }
    return CRSDecision(crs: "OGC:CRS84", basis: .rfc7946Default)
  }

  /// True when the two name the same CRS (e.g. `urn:ogc:def:crs:OGC:1.3:CRS84` and `OGC:CRS84`).
  public static func same(_ a: CoordinateReferenceSystem, _ b: CoordinateReferenceSystem) -> Bool {
    if let x = a.identifier, let y = b.identifier { return x == y }
    return a.definition == b.definition
  }

  /// Great Britain and its waters in lon/lat (where EPSG:27700 is the right working CRS).
  static let greatBritain = BoundingBox(minX: -9.5, minY: 49.0, maxX: 3.0, maxY: 61.5)

  /// The working CRS for data whose lon/lat extent is `box`: British National Grid inside Great
  /// Britain, otherwise a Lambert azimuthal equal-area projection centred on the data.
  public static func workingCRS(forLonLat box: BoundingBox) -> String {
    if box.isEmpty || greatBritain.contains(box) { return "EPSG:27700" }
    // Centre rounded to 1e-4° (about 10 m): a readable definition, and distortion is unchanged.
    let lon = JSONValue.format(((box.minX + box.maxX) / 2 * 10_000).rounded() / 10_000)
    let lat = JSONValue.format(((box.minY + box.maxY) / 2 * 10_000).rounded() / 10_000)
    return "+proj=laea +lat_0=\(lat) +lon_0=\(lon) +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
  }
}
