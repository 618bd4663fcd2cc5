import GeoCore

/// Why a layer could not be loaded. Every message names the file and, where there is one, the
/// feature (position and id) or line, says what is wrong and, where it can, what to do. Messages
/// never name a front end's settings: a command or a study config passes its own spelling of
/// them to `description(naming:)`.
public enum LayerError: Error, CustomStringConvertible, Equatable {
  /// The file does not exist (path).
  case fileNotFound(String)
  /// The file exists but cannot be read (path, why).
  case unreadable(String, String)
  /// A file whose content is not what it should be, at a line.
  case malformed(String, line: Int, String)
  /// A problem with one feature: file, position, id, what.
  case badFeature(String, index: Int, id: String?, String)
  /// A problem with the layer as a whole (file, what).
  case badLayer(String, String)
  /// A problem with an option (what).
  case badOption(String)
  /// A reader's own message, which already names the file, line:column and feature.
  case unreadableContent(String)
  /// A coordinate beyond longitude/latitude range in a file read as lon/lat: almost always
  /// projected coordinates in a file that does not say its CRS (file, feature position and id,
  /// the coordinate, what made the file lon/lat).
  case projectedAsLonLat(String, index: Int, id: String?, coordinate: Double, basis: CRSBasis)
  /// A source CRS PROJ does not know (file, the definition, where it came from, PROJ's reason).
  case unknownCRS(String, definition: String, basis: CRSBasis, reason: String)
  /// A CSV with no column recognisable as coordinates (file, its named columns, how many have
  /// no name).
  case noCoordinateColumns(String, columns: [String], unnamed: Int)

  /// The message with generic advice ("give the CRS the coordinates are in").
  public var description: String { description(naming: nil) }

  /// The message, its advice naming `settings` as the front end spells them.
  public func description(naming settings: InputSettings?) -> String {
    switch self {
    case .fileNotFound(let path): return "\(path): file not found"
    case .unreadable(let path, let why): return "\(path): \(why)"
    case .malformed(let path, let line, let why): return "\(path):\(line): \(why)"
    case .badFeature(let path, let index, let id, let why): return Self.feature(path, index, id) + why
    case .badLayer(let path, let why): return "\(path): \(why)"
    case .badOption(let why): return why
    case .unreadableContent(let message): return message
    case .projectedAsLonLat(let path, let index, let id, let coordinate, let basis):
      let advice =
        settings.map {
          "say so with \($0.sourceCRS) (e.g. \($0.sourceCRS) EPSG:27700 for British National Grid)"
        }
        ?? "give the CRS they are in (e.g. EPSG:27700 for British National Grid)"
      return Self.feature(path, index, id)
        + "coordinate \(JSONValue.format(coordinate)) is outside longitude/latitude range, but the file is "
        + "read as WGS84 lon/lat (\(basis.text)). If its coordinates are projected, \(advice)"
    case .unknownCRS(let path, let definition, let basis, let reason):
      let origin = basis == .crsMember ? "from the crs member" : basis.text
      var message = "\(path): unknown CRS \"\(definition)\" (\(origin)): \(reason)"
      if basis == .crsMember {
        message +=
          "; if the member is wrong, give the right CRS"
          + (settings.map { " with \($0.sourceCRS) (e.g. \($0.sourceCRS) EPSG:27700)" }
            ?? " (e.g. EPSG:27700)")
      }
      return message
    case .noCoordinateColumns(let path, let columns, let unnamed):
      return "\(path): no coordinate columns: expected lon/lat (or longitude/latitude) or easting/northing; "
        + "columns are " + columns.joined(separator: ", ") + (unnamed > 0 ? " and \(unnamed) unnamed" : "")
        + ". " + (settings?.coordinateColumns.map { "Name them with \($0)" } ?? "Rename them to one of those")
    }
  }

  private static func feature(_ path: String, _ index: Int, _ id: String?) -> String {
    "\(path): feature \(index)\(id.map { " (id \"\($0)\")" } ?? ""): "
  }
}

/// How a front end spells the settings that can fix a loading problem, so that a message ends
/// with what to type there: a command gives its flags (`--b-crs`), a study config its keys
/// (`crs:`).
public struct InputSettings: Sendable, Hashable {
  /// The setting that gives the CRS of the input's coordinates, as typed before its value:
  /// `--b-crs` on a command line, `crs:` in a study config.
  public var sourceCRS: String
  /// The settings that name a CSV's coordinate columns (`--x-field/--y-field`); nil when the
  /// front end has none.
  public var coordinateColumns: String?

  /// Settings spelt by `sourceCRS` and `coordinateColumns`.
  public init(sourceCRS: String, coordinateColumns: String? = nil) {
    self.sourceCRS = sourceCRS
    self.coordinateColumns = coordinateColumns
  }
}
