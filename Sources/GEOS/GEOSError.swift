/// An error raised by GEOS, carrying the messages GEOS reported through its error handler.
public enum GEOSError: Error, CustomStringConvertible, Equatable {
  /// A GEOS operation failed; `operation` is our name for it, `message` what GEOS said.
  case operationFailed(operation: String, message: String)
  /// Input that cannot become a GEOS geometry (e.g. a ring with fewer than 4 positions).
  case invalidInput(String)
  /// Well-known text or binary that GEOS could not read.
  case unreadable(format: String, message: String)

  /// What failed, with GEOS's own message when it gave one.
  public var description: String {
    switch self {
    case .operationFailed(let operation, let message):
      message.isEmpty ? "GEOS \(operation) failed" : "GEOS \(operation) failed: \(message)"
    case .invalidInput(let message): message
    case .unreadable(let format, let message): "cannot read \(format): \(message)"
    }
  }
}
