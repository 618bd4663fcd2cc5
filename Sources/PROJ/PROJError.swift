/// Everything that can go wrong in the PROJ module. Each case carries the text PROJ itself
/// logged (captured by ``ProjectionContext``) together with PROJ's description of its error
/// code, so a message never reads "Unknown error (code 4096)" alone.
public enum PROJError: Error, Equatable, CustomStringConvertible {
  /// PROJ could not create a threading context (out of memory or a broken installation).
  /// Wraps `proj_context_create`.
  case contextUnavailable
  /// The definition does not name a coordinate reference system PROJ knows.
  /// Wraps `proj_create`.
  case unknownCRS(definition: String, message: String)
  /// A parameter given to a CRS helper is out of range (e.g. a latitude beyond ±90°).
  case invalidParameter(String)
  /// PROJ found no usable coordinate operation between the two systems.
  /// Wraps `proj_create_operations`.
  case noTransformation(source: String, target: String, message: String)
  /// Some coordinates could not be transformed; `failedCount` of `totalCount` pairs failed and
  /// (`firstFailingX`, `firstFailingY`) is the first failing input pair. Wraps `proj_trans_generic`.
  case transformationFailed(
    failedCount: Int, totalCount: Int, firstFailingX: Double, firstFailingY: Double, message: String)
  /// An interleaved x, y buffer had an odd number of values.
  case oddCoordinateCount(Int)

  /// For an unknown CRS, PROJ's own words for why, without the function name and the generic
  /// code it appends ("proj_create: crs not found; Unknown error (code 4096)" → "crs not found");
  /// nil for other errors.
  public var projReason: String? {
    guard case .unknownCRS(_, let message) = self else { return nil }
    var text = Substring(message)
    if text.hasPrefix("proj_create: ") { text = text.dropFirst("proj_create: ".count) }
    if let range = text.range(of: "; Unknown error (code ") { text = text[..<range.lowerBound] }
    return text.isEmpty ? message : String(text)
  }

  /// A one-line message for people: what failed, and PROJ's own words for why.
  public var description: String {
    switch self {
    case .contextUnavailable:
      return "PROJ could not create a context (is PROJ installed with its proj.db?)"
    case .unknownCRS(let definition, let message):
      return "unknown CRS \"\(definition)\": \(message)"
    case .invalidParameter(let text):
      return "invalid CRS parameter: \(text)"
    case .noTransformation(let source, let target, let message):
      return "no coordinate operation from \"\(source)\" to \"\(target)\": \(message)"
    case .transformationFailed(let failed, let total, let x, let y, let message):
      return "\(failed) of \(total) coordinates could not be transformed "
        + "(first failing input: x=\(x), y=\(y)): \(message)"
    case .oddCoordinateCount(let count):
      return "an interleaved x, y buffer needs an even number of values, got \(count)"
    }
  }
}
