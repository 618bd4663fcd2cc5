import Foundation
import GeoCore

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The `XMLParser` delegate that turns KML elements into features. It keeps a stack of open
/// element names (namespace prefix `kml:` removed), the names of the open Folders, and the
/// Placemark being read.
final class KMLDocument: NSObject, XMLParserDelegate {
  let source: String
  private(set) var features: [Feature] = []
  private(set) var failure: KMLError?
  /// The `href`s of the document's NetworkLinks, in document order.
  private(set) var links: [String] = []
  private var elements: [String] = []
  private var text = ""
  private var folders: [String?] = []
  private var placemark: PlacemarkState?
  private var placemarkCount = 0
  private var closedRings = 0
  private var altitudes = 0
  private var unsupported: [String: Int] = [:]

  /// One Placemark while it is read.
  private struct PlacemarkState {
    var index: Int
    var name: String?
    var description: String?
    var data: [(key: String, value: String)] = []
    var dataName: String?
    var geometry = PlacemarkGeometry()
    var outer: [Double]?
    var inners: [[Double]] = []
  }

  init(source: String) { self.source = source }

  /// What a user should know about how the file was read.
  var notes: [String] {
    var notes: [String] = []
    if closedRings > 0 { notes.append("\(closedRings) unclosed polygon rings closed") }
    if altitudes > 0 { notes.append("altitudes dropped from \(altitudes) coordinates: nbhd works in 2D") }
    for (element, count) in unsupported.sorted(by: { $0.key < $1.key }) {
      notes.append(
        "\(count) \(element) elements not read (only Point, LineString, Polygon and MultiGeometry are)")
    }
    return notes
  }

  private static func localName(_ name: String) -> String {
    name.hasPrefix("kml:") ? String(name.dropFirst(4)) : name
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    guard failure == nil else { return }
    let name = Self.localName(elementName)
    elements.append(name)
    text = ""
    switch name {
    case "Folder": folders.append(nil)
    case "Placemark":
      placemark = PlacemarkState(index: placemarkCount)
      placemarkCount += 1
    case "MultiGeometry": placemark?.geometry.isMulti = true
    case "Polygon":
      placemark?.outer = nil
      placemark?.inners = []
    case "Data", "SimpleData": placemark?.dataName = attributes["name"]
    case "gx:Track", "gx:MultiTrack", "Model":
      if placemark != nil { unsupported[name, default: 0] += 1 }
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if failure == nil { text += string }
  }

  /// libxml2 reports some fatal errors (a mismatched end tag) here while `parse()` still returns
  /// true on Linux: the first one is the document's failure. Parsing is not aborted: on Linux,
  /// `abortParsing()` from a callback makes libxml2 read freed state (found by fuzzing, with an
  /// `encoding="UTF-7"` declaration); once failed, the remaining callbacks do nothing instead.
  func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
    guard failure == nil else { return }
    failure = .malformedXML(
      path: source, line: parser.lineNumber, column: parser.columnNumber,
      message: XMLParserMessages.text(forCode: (parseError as NSError).code))
  }

  func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
    if failure == nil { text += String(decoding: CDATABlock, as: UTF8.self) }
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
  ) {
    guard failure == nil else { return }
    let name = Self.localName(elementName)
    let parent = elements.count >= 2 ? elements[elements.count - 2] : ""
    let grandparent = elements.count >= 3 ? elements[elements.count - 3] : ""
    let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
    defer {
      if !elements.isEmpty { elements.removeLast() }
      text = ""
    }
    switch name {
    case "name" where parent == "Folder":
      if !folders.isEmpty { folders[folders.count - 1] = value }
    case "name" where parent == "Placemark": placemark?.name = value
    case "description" where parent == "Placemark": placemark?.description = value
    case "value" where parent == "Data", "SimpleData":
      let key = placemark?.dataName ?? "value"
      placemark?.data.append((key, value))
    case "coordinates":
      guard placemark != nil else { return }
      guard let coordinates = coordinates(value, parser: parser) else { return }
      switch parent {
      case "Point":
        if coordinates.count >= 2 {
          placemark?.geometry.primitives.append(.point(coordinates[0], coordinates[1]))
        }
      case "LineString":
        placemark?.geometry.primitives.append(.line(coordinates))
      case "LinearRing" where grandparent == "outerBoundaryIs": placemark?.outer = closed(coordinates)
      case "LinearRing" where grandparent == "innerBoundaryIs": placemark?.inners.append(closed(coordinates))
      case "LinearRing": placemark?.geometry.primitives.append(.line(coordinates))
      default: break
      }
    case "Polygon":
      if let outer = placemark?.outer, !outer.isEmpty, let inners = placemark?.inners {
        placemark?.geometry.primitives.append(.polygon([outer] + inners.filter { !$0.isEmpty }))
      }
      placemark?.outer = nil
      placemark?.inners = []
    case "href" where (parent == "Link" || parent == "Url") && grandparent == "NetworkLink":
      if !value.isEmpty { links.append(value) }
    case "Placemark":
      if let placemark { features.append(feature(placemark)) }
      placemark = nil
    case "Folder":
      if !folders.isEmpty { folders.removeLast() }
    default: break
    }
  }

  private func feature(_ placemark: PlacemarkState) -> Feature {
    var properties = JSONObject()
    if let name = placemark.name { properties["name"] = .string(name) }
    if let description = placemark.description { properties["description"] = .string(description) }
    let path = folders.compactMap { $0 }.filter { !$0.isEmpty }
    if !path.isEmpty { properties["folder"] = .string(path.joined(separator: " / ")) }
    for (key, value) in placemark.data { properties[key] = .string(value) }
    return Feature(properties: properties, geometry: placemark.geometry.flat)
  }

  /// `lon,lat[,alt]` tuples separated by white space as interleaved x, y; nil (with the failure
  /// recorded and parsing stopped) when they are not.
  private func coordinates(_ text: String, parser: XMLParser) -> [Double]? {
    var result: [Double] = []
    for tuple in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) {
      let numbers = tuple.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) }
      guard numbers.count == 2 || numbers.count == 3, let x = numbers[0], let y = numbers[1], x.isFinite,
        y.isFinite, numbers.count == 2 || numbers[2] != nil
      else {
        let shown = tuple.count > 60 ? tuple.prefix(60) + "…" : tuple
        failure = .badCoordinates(
          path: source, line: parser.lineNumber, placemark: placemark?.index ?? 0, name: placemark?.name,
          text: String(shown))
        return nil
      }
      if numbers.count == 3, let z = numbers[2], z != 0 { altitudes += 1 }
      result += [x, y]
    }
    return result
  }

  /// The ring with its first position repeated at the end when it was left open.
  private func closed(_ ring: [Double]) -> [Double] {
    guard ring.count >= 4, ring[0] != ring[ring.count - 2] || ring[1] != ring[ring.count - 1] else {
      return ring
    }
    closedRings += 1
    return ring + [ring[0], ring[1]]
  }
}

/// The geometries met inside one Placemark, MultiGeometries flattened.
struct PlacemarkGeometry {
  enum Primitive {
    case point(Double, Double)
    case line([Double])
    case polygon([[Double]])
  }

  var primitives: [Primitive] = []
  /// True when the Placemark wrapped its geometries in a MultiGeometry (kept as a Multi* even
  /// when it holds one).
  var isMulti = false

  /// The Placemark's geometry: one primitive as itself, several of one kind as its Multi*, a
  /// mix as a GeometryCollection; nil when there are none.
  var flat: FlatGeometry? {
    guard !primitives.isEmpty else { return nil }
    let kinds = Set(primitives.map(Self.kind))
    if kinds.count > 1 {
      var builder = FlatGeometryBuilder(kind: .geometryCollection)
      for primitive in primitives { builder.appendMember(Self.build([primitive], multi: false)) }
      return builder.geometry
    }
    return Self.build(primitives, multi: isMulti || primitives.count > 1)
  }

  private static func kind(_ primitive: Primitive) -> Int {
    switch primitive {
    case .point: 0
    case .line: 1
    case .polygon: 2
    }
  }

  private static func build(_ primitives: [Primitive], multi: Bool) -> FlatGeometry {
    let kind: GeometryKind =
      switch primitives[0] {
      case .point: multi ? .multiPoint : .point
      case .line: multi ? .multiLineString : .lineString
      case .polygon: multi ? .multiPolygon : .polygon
      }
    var builder = FlatGeometryBuilder(kind: kind)
    func ring(_ coordinates: [Double]) {
      var i = 0
      while i + 1 < coordinates.count {
        builder.append(x: coordinates[i], y: coordinates[i + 1])
        i += 2
      }
      builder.closeRing()
    }
    for primitive in primitives {
      switch primitive {
      case .point(let x, let y): builder.append(x: x, y: y); builder.closeRing()
      case .line(let coordinates): ring(coordinates)
      case .polygon(let rings): rings.forEach(ring)
      }
      builder.closePart()
    }
    return builder.geometry
  }
}
