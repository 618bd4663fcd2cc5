import Foundation
import GeoCore

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// What a KML or KMZ file holds: its Placemarks as a `FeatureCollection` (the same values the
/// GeoJSON reader gives) and notes on what reading changed.
public struct KMLContents: Sendable, Hashable {
  /// One feature per Placemark, in document order; a Placemark without geometry has none.
  public var collection: FeatureCollection
  /// What the reader did that a user should know (rings closed, altitudes dropped, geometries
  /// it does not read).
  public var notes: [String]
}

/// Reads KML 2.2 (and KMZ, the zipped form Google My Maps exports) with Foundation's
/// `XMLParser`.
///
/// Each Placemark becomes a feature: Point, LineString, LinearRing (as a line), Polygon (outer
/// and inner boundaries) and MultiGeometry (nested ones flattened) become flat geometries;
/// `name`, `description`, ExtendedData's `Data`/`value` and `SchemaData`/`SimpleData` become
/// properties, in that order, and the names of the enclosing Folders become a `folder`
/// property (`Outer / Inner`). Coordinates are WGS84 lon/lat by definition; altitudes are
/// dropped. A file with no Placemark throws ``KMLError/noPlacemark(path:)``.
public enum KMLReader {
  /// Reads the `.kml` or `.kmz` file at `path` (a zip archive is recognised by its bytes, not
  /// only by its name).
  public static func read(contentsOf path: String) throws(KMLError) -> KMLContents {
    guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(path: path, reason: error.localizedDescription)
    }
    if data.starts(with: [0x50, 0x4B]) || path.lowercased().hasSuffix(".kmz") {
      return try readArchive(path)
    }
    return try read(data: data, source: path)
  }

  /// Reads KML from memory; `source` names it in messages.
  public static func read(data: Data, source: String) throws(KMLError) -> KMLContents {
    let document = try parse(data, source: source)
    guard !document.features.isEmpty else {
      if !document.links.isEmpty {
        throw .linksOnly(path: source, links: document.links)
      }
      throw .noPlacemark(path: source)
    }
    return KMLContents(collection: FeatureCollection(features: document.features), notes: document.notes)
  }

  /// A KMZ's main KML (`doc.kml`, else the first .kml) and the KML files inside the archive
  /// that it links to (GDAL's LIBKML driver writes each layer to its own file under `layers/`
  /// and links to it from `doc.kml`), features in link order.
  static func readArchive(_ path: String) throws(KMLError) -> KMLContents {
    let archive = try KMZArchive(path: path)
    let members = try archive.entryNames()
    let (main, bytes) = try archive.mainKML()
    var queue = [(main, bytes)]
    var visited: Set<String> = [main]
    var features: [Feature] = []
    var notes: [String] = []
    while !queue.isEmpty, visited.count <= maximumLinkedFiles {
      let (name, bytes) = queue.removeFirst()
      let document = try parse(Data(bytes), source: "\(path) (\(name))")
      features += document.features
      notes += document.notes
      for link in document.links {
        guard let member = KMZArchive.member(link, from: name), members.contains(member),
          visited.insert(member).inserted
        else { continue }
        queue.append((member, try archive.contents(of: member)))
      }
    }
    guard !features.isEmpty else { throw .noPlacemark(path: "\(path) (\(main))") }
    return KMLContents(collection: FeatureCollection(features: features), notes: notes)
  }

  /// The most KML files of one KMZ read through links.
  static let maximumLinkedFiles = 256

  /// Parses one KML document.
  static func parse(_ data: Data, source: String) throws(KMLError) -> KMLDocument {
    try KMLText.check(data, source: source)
    let parser = XMLParser(data: data)
    let delegate = KMLDocument(source: source)
    parser.delegate = delegate
    parser.shouldResolveExternalEntities = false
    parser.shouldProcessNamespaces = false
    let finished = parser.parse()
    if let failure = delegate.failure { throw failure }
    if !finished || parser.parserError != nil {
      let code = (parser.parserError as NSError?)?.code ?? 0
      throw .malformedXML(
        path: source, line: parser.lineNumber, column: parser.columnNumber,
        message: XMLParserMessages.text(forCode: code))
    }
    return delegate
  }
}
