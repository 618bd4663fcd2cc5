import Foundation

/// A file and, for a file holding several layers, which one: written `FILE@LAYER`
/// (`shops.gpkg@pharmacies`). The one form for arguments that carry several files (coverage's
/// `CATEGORY=FILE`, render's `FILE:STYLE`), where a per-input option cannot be given.
public struct LayerReference: Sendable, Hashable {

  /// The file.
  public var path: String
  /// The layer inside it, when named.
  public var layer: String?

  /// A reference as given.
  public init(path: String, layer: String? = nil) {
    self.path = path
    self.layer = layer
  }

  /// Splits `FILE@LAYER` at its last `@` when the part before it names a GeoPackage and the
  /// whole text is not itself an existing file; anything else is a plain path.
  public init(parsing argument: String) {
    if let at = argument.lastIndex(of: "@"), argument[..<at].lowercased().hasSuffix(".gpkg"),
      !FileManager.default.fileExists(atPath: argument)
    {
      let layer = String(argument[argument.index(after: at)...])
      self.init(path: String(argument[..<at]), layer: layer.isEmpty ? nil : layer)
    } else {
      self.init(path: argument)
    }
  }
}

extension LayerLoader {
  /// Loads a `FILE@LAYER` reference (see ``LayerReference``) with `options`.
  public static func load(reference: String, options: LoadOptions = LoadOptions()) throws(LayerError) -> Layer
  {
    let parsed = LayerReference(parsing: reference)
    var options = options
    if let layer = parsed.layer { options.sourceLayer = layer }
    return try load(parsed.path, options: options)
  }
}
