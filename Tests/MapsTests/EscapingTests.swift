import Foundation
import GeoCore
import Maps
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Names from the wild must come out as the same text, never as markup.
@Suite struct EscapingTests {
  static let hostileNames = ["<script>alert(1)</script>", "Tom & Jerry's \"ward\""]

  @Test(arguments: hostileNames) func escapesTheFiveCharacters(name: String) {
    let escaped = name.xmlEscaped
    for character in ["<", ">", "\"", "'"] { #expect(!escaped.contains(character)) }
    let unescaped = escaped.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(
      of: "&gt;", with: ">"
    )
    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
    .replacingOccurrences(of: "&amp;", with: "&")
    #expect(unescaped == name)
  }

  @Test func hostileNamesRenderAsText() throws {
    let squares = Self.hostileNames.enumerated().map { k, name in
      let x = Double(k) * 1000
      return MapFeature(
        id: "E0500000\(k)", name: name,
        geometry: .polygon([[(x, 0), (x + 1000, 0), (x + 1000, 1000), (x, 1000), (x, 0)]]),
        category: name, attributes: [DataAttribute("Referral method", name)])
    }
    var map = MapDocument(width: 600, height: 400, title: "Ward names & <tags>")
    map.add(
      PolygonLayer(
        title: "Wards \"quoted\"", features: squares,
        symbology: .categories(CategoryColors(heading: "Name's")),
        labels: LabelOptions(minimumFontSize: 4)))
    let svg = try map.render()
    #expect(!svg.contains("<script>"))
    #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(svg.contains("Tom &amp; Jerry&apos;s &quot;ward&quot;"))
    #expect(svg.contains("data-referral-method=\"Tom &amp; Jerry&apos;s &quot;ward&quot;\""))

    // A real XML parser must read the names back exactly.
    let texts = try XMLTextCollector.texts(of: svg)
    for name in Self.hostileNames {
      #expect(texts.titles.contains { $0.hasPrefix(name + " (") })
      #expect(texts.attributeValues.contains(name))
    }
    #expect(texts.titles.contains("Ward names & <tags>"))
  }
}

/// Collects `<title>` texts and attribute values with Foundation's XML parser (which fails on
/// any well-formedness error).
final class XMLTextCollector: NSObject, XMLParserDelegate {
  var titles: [String] = []
  var attributeValues: [String] = []
  private var current: String?

  static func texts(of svg: String) throws -> XMLTextCollector {
    let collector = XMLTextCollector()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = collector
    guard parser.parse() else {
      throw ProjectedGeoJSON.Failure(
        description: "not well-formed XML: \(String(describing: parser.parserError))")
    }
    return collector
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    attributeValues += attributes.values
    if elementName == "title" { current = "" }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    current? += string
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
  ) {
    if elementName == "title", let text = current { titles.append(text) }
    current = nil
  }
}
