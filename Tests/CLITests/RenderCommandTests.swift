import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Issue 5 through `nbhd render`: the SVG is well-formed XML, every feature has a data-id and a
/// <title> tooltip, the attribution is there, and text from the data is XML-escaped.
@Suite struct RenderCommandTests {
  /// Elements carrying data-id, and the text of every <title>, collected with Foundation's XMLParser
  /// (a parse failure is a test failure).
  final class Collector: NSObject, XMLParserDelegate {
    var dataIDs: [String] = []
    var titles: [String] = []
    var texts: [String] = []
    var current: String?
    var buffer = ""

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      if let id = attributes["data-id"] { dataIDs.append(id) }
      current = name
      buffer = ""
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { buffer += string }
    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) {
      if name == "title" { titles.append(buffer) }
      if name == "text" { texts.append(buffer) }
      buffer = ""
    }
  }

  static func render(_ arguments: [String]) throws -> (svg: String, parsed: Collector) {
    let output = try CLI.temporaryDirectory() + "/map.svg"
    let run = try CLI.run(["render"] + arguments + ["-o", output])
    #expect(run.status == 0, "\(run.stderr)")
    let data = try Data(contentsOf: URL(fileURLWithPath: output))
    let parser = XMLParser(data: data)
    let collector = Collector()
    parser.delegate = collector
    let ok = parser.parse()
    #expect(ok, "XMLParser: \(String(describing: parser.parserError))")
    if CLI.hasTool("xmllint") {
      let lint = Process()
      lint.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      lint.arguments = ["xmllint", "--noout", output]
      let err = Pipe()
      lint.standardError = err
      try lint.run()
      let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      lint.waitUntilExit()
      #expect(lint.terminationStatus == 0, "xmllint: \(message)")
    } else {
      print("SKIPPED: xmllint not on PATH (XMLParser check only)")
    }
    return (String(decoding: data, as: UTF8.self), collector)
  }

  static func properties(_ path: String, _ key: String) throws -> [String] {
    let root =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    return (root["features"] as! [[String: Any]]).map { ($0["properties"] as! [String: Any])[key] as! String }
  }

  static let attribution = "Contains OS data © Crown copyright and database right"

  @Test func wardsWithLocalityOutlinesAndLabels() throws {
    let wards = CLI.repo("data/trafford/wards23_full.geojson"),
      localities = CLI.repo("data/trafford/localities23_full.geojson")
    let (svg, parsed) = try Self.render([wards, localities + ":outline", "--labels", "area_name"])
    let wardCodes = try Self.properties(wards, "area_code"),
      wardNames = try Self.properties(wards, "area_name")
    let localityNames = try Self.properties(localities, "area_name")
    #expect(wardCodes.count == 21 && localityNames.count == 4)
    let ids = Set(parsed.dataIDs)
    for id in wardCodes + localityNames { #expect(ids.contains(id), "no data-id \(id)") }
    // One tooltip per feature, naming it: "Altrincham (E05015239)".
    for (code, name) in zip(wardCodes, wardNames) {
      #expect(
        parsed.titles.contains { $0.contains(code) && $0.contains(name) }, "no <title> for \(code) \(name)")
    }
    for name in localityNames {
      #expect(parsed.titles.contains { $0.contains(name) }, "no <title> for \(name)")
    }
    #expect(svg.contains(Self.attribution))
    // Labels carry the feature's data-id too (a long name may wrap over <tspan>s): most wards get
    // one; a ward too small at this scale may not (20 of 21 at the default 1000 px).
    let labelled = wardCodes.filter { code in parsed.dataIDs.filter { $0 == code }.count >= 2 }
    #expect(labelled.count >= 18)
  }

  @Test func outputAreaChoropleth() throws {
    let oas = CLI.repo("data/trafford/oa21_pop_mid2024.geojson")
    let (svg, parsed) = try Self.render([oas, "--choropleth", "pop_mid2024"])
    let codes = try Self.properties(oas, "area_code")
    #expect(codes.count == 738)
    let ids = Set(parsed.dataIDs)
    #expect(
      codes.allSatisfy { ids.contains($0) },
      "missing data-id: \(codes.filter { !ids.contains($0) }.prefix(5))")
    let titled = Set(parsed.titles.compactMap { title in codes.first { title.contains($0) } })
    #expect(titled.count == 738)
    #expect(svg.contains(Self.attribution))
    #expect(svg.contains("pop_mid2024"))  // legend heading
  }

  /// Names and ids with markup, ampersands and quotes (Tests/Fixtures/maps/escaping_names.geojson).
  @Test func dataTextIsEscaped() throws {
    let (svg, parsed) = try Self.render([
      CLI.repo("Tests/Fixtures/maps/escaping_names.geojson"), "--labels", "name", "--choropleth", "pop",
    ])
    #expect(!svg.contains("<script>"))
    #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(!svg.contains("Tom & Jerry"))
    #expect(svg.contains("Tom &amp; Jerry"))
    // After parsing, the text is back to what the data said.
    #expect(Set(parsed.dataIDs).isSuperset(of: ["X1", "X2&<>"]))
    #expect(parsed.titles.contains { $0.contains("<script>alert(1)</script>") })
    #expect(parsed.titles.contains { $0.contains("Tom & Jerry's \"ward\"") })
    #expect(parsed.texts.contains("Tom & Jerry's \"ward\""))
    #expect(svg.contains(Self.attribution))
  }
}
