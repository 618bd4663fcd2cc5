import GeoCore

/// Why reading or writing GeoJSON failed. The `description` is a one-line message meant for the
/// person who owns the file, e.g.
/// `lsoa.geojson:12:40: feature 3 (id "E01000004"): expected a number in "coordinates", found "x"`.
public enum GeoJSONError: Error, CustomStringConvertible, Sendable, Hashable {
  /// The file does not exist.
  case fileNotFound(path: String)
  /// The file exists but could not be read (a directory, no permission, an I/O error).
  case unreadable(path: String, reason: String)
  /// The bytes are not valid JSON or not valid GeoJSON; the diagnostic says where and why.
  case invalidInput(GeoJSONDiagnostic)
  /// The output could not be written; nothing was left at `path` that was not there before.
  case writeFailed(path: String, reason: String)

  /// The diagnostic of an `invalidInput` error, `nil` for file errors.
  public var diagnostic: GeoJSONDiagnostic? {
    if case .invalidInput(let diagnostic) = self { diagnostic } else { nil }
  }

  /// One-line message naming the file, and for invalid input the position, feature and problem.
  public var description: String {
    switch self {
    case .fileNotFound(let path): "\(path): file not found"
    case .unreadable(let path, let reason): "\(path): cannot read the file: \(reason)"
    case .invalidInput(let diagnostic): diagnostic.description
    case .writeFailed(let path, let reason): "\(path): cannot write the file: \(reason)"
    }
  }
}

/// Where invalid GeoJSON input goes wrong, and how.
public struct GeoJSONDiagnostic: Sendable, Hashable, CustomStringConvertible {
  /// The kind of problem, for callers that react differently to each.
  public enum Problem: Sendable, Hashable {
    /// The input has no bytes other than whitespace (and a byte-order mark).
    case emptyInput
    /// The input ends in the middle of a value (a truncated file).
    case unexpectedEnd
    /// The bytes are not JSON.
    case malformedJSON
    /// Valid JSON, but a member has the wrong JSON type (e.g. `"features": {}`).
    case wrongType
    /// A required member (such as `type` or `coordinates`) is missing.
    case missingMember
    /// A `type` that is not a GeoJSON object type.
    case unknownType
    /// Coordinates that do not make the geometry (short or unclosed rings, short positions).
    case invalidGeometry
    /// A number that is not a JSON number (`NaN`, `Infinity`, `+1`, `01`, `0x1F`).
    case invalidNumber
    /// A number too large for a Double (e.g. `1e400`).
    case numberOutOfRange
    /// Arrays or objects nested deeper than `GeoJSONReader.maximumNestingDepth`.
    case nestingTooDeep
  }

  /// The kind of problem.
  public var problem: Problem
  /// The name given for the input (usually its path).
  public var source: String
  /// 1-based line of the offending byte.
  public var line: Int
  /// 1-based column (in Unicode scalars) of the offending byte.
  public var column: Int
  /// 0-based byte offset of the offending byte.
  public var byteOffset: Int
  /// 0-based index of the feature being read, when the problem is inside one.
  public var featureIndex: Int?
  /// The `id` of that feature, when it was read before the problem.
  public var featureID: JSONValue?
  /// What is wrong, in plain words, and what was expected.
  public var message: String

  /// Creates a diagnostic.
  public init(
    problem: Problem, source: String, line: Int, column: Int, byteOffset: Int, featureIndex: Int?,
    featureID: JSONValue?, message: String
  ) {
    self.problem = problem
    self.source = source
    self.line = line
    self.column = column
    self.byteOffset = byteOffset
    self.featureIndex = featureIndex
    self.featureID = featureID
    self.message = message
  }

  /// `source:line:column: feature N (id "X"): message`.
  public var description: String {
    var text = "\(source):\(line):\(column): "
    if let featureIndex {
      text += "feature \(featureIndex)"
      if let featureID { text += " (id \(featureID.jsonText))" }
      text += ": "
    }
    return text + message
  }
}

/// A failure inside the parser: the offset is turned into line and column (and the feature
/// context added) only once, at the top, so the hot paths carry nothing but an Int.
struct ParseFailure: Error {
  var offset: Int
  var problem: GeoJSONDiagnostic.Problem
  var message: String
}

extension GeoJSONError {
  /// The words for a ring too short to close (`polygon` is "polygon" or "polygon 2"): the reader
  /// says them, and the loader says them of other formats' drawings too.
  public static func shortRing(_ ring: Int, of polygon: String, positions n: Int) -> String {
    "ring \(ring) of \(polygon) has \(n) position\(n == 1 ? "" : "s"); a ring needs at least 4 "
      + "(the first repeated at the end)"
  }
}
