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

  /// The basis in words, as summaries and reports show it.
  public var text: String {
    switch self {
    case .given: "given by the user"
    case .crsMember: "crs member"
    case .rfc7946Default: "RFC 7946 default (no crs member)"
    case .columns(let how): how
    }
  }
}
