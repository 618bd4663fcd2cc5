/// Why a KML or KMZ file could not be read. Each message names the file and, where there is one,
/// the line and the Placemark, says what is wrong and what to do.
public enum KMLError: Error, CustomStringConvertible, Sendable, Hashable {
  /// The file does not exist.
  case fileNotFound(path: String)
  /// The file exists but could not be read.
  case unreadable(path: String, reason: String)
  /// The bytes are not well-formed XML (the parser's line, column and message).
  case malformedXML(path: String, line: Int, column: Int, message: String)
  /// Bytes that are not UTF-8 text, or a document declaring another encoding.
  case notUTF8(path: String, line: Int, what: String)
  /// Markup KML does not use (processing instructions, DTDs), refused before parsing.
  case unsupportedMarkup(path: String, line: Int, what: String)
  /// Well-formed XML with no Placemark: nothing to read.
  case noPlacemark(path: String)
  /// A KML with no Placemark of its own, only links to other files (not followed outside a
  /// KMZ).
  case linksOnly(path: String, links: [String])
  /// A `coordinates` element that does not hold `lon,lat[,alt]` tuples.
  case badCoordinates(path: String, line: Int, placemark: Int, name: String?, text: String)
  /// A KMZ that is not a zip archive, holds no .kml, or whose .kml cannot be inflated.
  case badArchive(path: String, reason: String)

  /// One line naming the file and what is wrong.
  public var description: String {
    switch self {
    case .fileNotFound(let path): "\(path): file not found"
    case .unreadable(let path, let reason): "\(path): cannot read the file: \(reason)"
    case .malformedXML(let path, let line, let column, let message):
      "\(path):\(line):\(column): not well-formed XML: \(message)"
    case .notUTF8(let path, let line, let what):
      "\(path):\(line): \(what); nbhd reads KML as UTF-8 (what Google Earth and My Maps write): save it as UTF-8"
    case .unsupportedMarkup(let path, let line, let what): "\(path):\(line): \(what): remove it"
    case .noPlacemark(let path):
      "\(path): no Placemark in the KML: there are no features to read (export the layer's features, "
        + "not only its styles or a network link)"
    case .linksOnly(let path, let links):
      "\(path): no Placemark in the KML, only network links to \(links.prefix(3).joined(separator: ", "))"
        + "\(links.count > 3 ? ", …" : ""): open the linked files themselves"
    case .badCoordinates(let path, let line, let placemark, let name, let text):
      "\(path):\(line): Placemark \(placemark)\(name.map { " (\"\($0)\")" } ?? ""): coordinates must be "
        + "lon,lat or lon,lat,alt tuples separated by spaces, found \"\(text)\""
    case .badArchive(let path, let reason): "\(path): \(reason)"
    }
  }
}
