/// What can go wrong drawing or writing a map.
public enum MapError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The page is too small for the map furniture, or has a non-positive size.
  case invalidPage(String)
  /// The SVG file could not be written.
  case write(path: String, message: String)

  /// A message naming what failed and where.
  public var description: String {
    switch self {
    case .invalidPage(let reason): "invalid map page: \(reason)"
    case .write(let path, let message): "cannot write \(path): \(message)"
    }
  }
}
