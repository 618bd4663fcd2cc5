/// Why a layer could not be loaded. Every message names the file and, where there is one, the
/// feature (position and id) or line, says what is wrong and, where it can, what to do.
public enum LayerError: Error, CustomStringConvertible, Equatable {
  case fileNotFound(String)
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
  /// A file holding several layers (GeoPackage feature tables) and none named (file, the layers).
  case severalLayers(String, layers: [String])

  public var description: String {
    switch self {
    case .fileNotFound(let path): "\(path): file not found"
    case .unreadable(let path, let why): "\(path): \(why)"
    case .malformed(let path, let line, let why): "\(path):\(line): \(why)"
    case .badFeature(let path, let index, let id, let why):
      "\(path): feature \(index)\(id.map { " (id \"\($0)\")" } ?? ""): \(why)"
    case .badLayer(let path, let why): "\(path): \(why)"
    case .badOption(let why): why
    case .unreadableContent(let message): message
    case .severalLayers(let path, let layers):
      "\(path): the file holds \(layers.count) layers (\(layers.joined(separator: ", "))); name the one to read"
    }
  }
}
