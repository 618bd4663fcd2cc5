import Foundation
import Layers
import Study
import Testing

/// Names and ids with `<`, `&`, `"`, `'`, `|` and line breaks go through the whole report pipeline
/// and come out as the same text, inert: escaped in report.html, escaped without breaking a table
/// row in report.md, RFC 4180-quoted in the CSV tables, and valid in summary.json.
@Suite(.serialized) struct ReportEscapingTests {
  static let hostileName = "<b>Tom & Jerry's \"ward\"</b>\nsecond | line"
  static let hostileID = "H<1>|&"
  static let wardName = "Ward 'A' | <i>x</i>, \"east\" ~~old~~"

  static let output: String = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nbhd-escaping-\(UUID().uuidString)"
    ).path
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    func square(_ x: Int, _ size: Int) -> String {
      "[[[\(x),390000],[\(x + size),390000],[\(x + size),\(390000 + size)],[\(x),\(390000 + size)],[\(x),390000]]]"
    }
    func layer(_ features: [(id: String, name: String, coordinates: String)]) -> String {
      let encoded = features.map { feature in
        let properties = try! JSONSerialization.data(withJSONObject: [
          "code": feature.id, "name": feature.name,
        ])
        return #"{"type":"Feature","properties":\#(String(decoding: properties, as: UTF8.self)),"#
          + #""geometry":{"type":"Polygon","coordinates":\#(feature.coordinates)}}"#
      }
      return
        #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:27700"}},"features":["#
        + encoded.joined(separator: ",\n") + "]}\n"
    }
    try! layer([(hostileID, hostileName, square(380000, 1000)), ("H2", "Plain", square(381000, 1000))])
      .write(toFile: folder + "/hoods.geojson", atomically: true, encoding: .utf8)
    try! layer([("W&1", wardName, square(380000, 2000))])
      .write(toFile: folder + "/wards.geojson", atomically: true, encoding: .utf8)
    let config = """
      study: "Escaping <test> & 'co'"
      layers:
        - {name: hoods, role: community, file: hoods.geojson, id_field: code, name_field: name}
        - {name: wards, role: statutory, file: wards.geojson, id_field: code, name_field: name}
      """
    try! config.write(toFile: folder + "/study.yml", atomically: true, encoding: .utf8)
    let run = try! StudyRunner.run(try! StudyConfig.load(folder + "/study.yml"))
    try! ReportWriter.write(run, to: folder + "/out", versions: ["nbhd": .string("test")])
    return folder + "/out"
  }()

  static func read(_ name: String) throws -> String {
    try String(contentsOfFile: output + "/" + name, encoding: .utf8)
  }

  @Test func htmlShowsNamesAsText() throws {
    let html = try Self.read("report.html")
    #expect(!html.contains("<b>") && !html.contains("<i>"))
    #expect(html.contains("&lt;b&gt;Tom &amp; Jerry&apos;s &quot;ward&quot;&lt;/b&gt;\nsecond | line"))
    #expect(html.contains("Ward &apos;A&apos; | &lt;i&gt;x&lt;/i&gt;, &quot;east&quot; ~~old~~"))
    #expect(html.contains("<title>nbhd report: Escaping &lt;test&gt; &amp; &apos;co&apos;</title>"))
    #expect(html.contains("H&lt;1&gt;|&amp;"))
  }

  /// Every row of every Markdown table has as many unescaped `|` as its header, and the name's
  /// line break did not start a new line.
  @Test func markdownKeepsTablesWhole() throws {
    let markdown = try Self.read("report.md")
    #expect(markdown.contains(#"&lt;b&gt;Tom &amp; Jerry's "ward"&lt;/b&gt; second \| line"#))
    // GitHub-flavoured Markdown would strike `~~old~~` through.
    #expect(markdown.contains(#"Ward 'A' \| &lt;i&gt;x&lt;/i&gt;, "east" \~\~old\~\~"#))
    #expect(!markdown.contains("<b>") && !markdown.contains("<i>"))
    #expect(!markdown.split(separator: "\n").contains { $0.hasPrefix("second") })
    func pipes(_ line: Substring) -> Int {
      var count = 0, escaped = false
      for character in line {
        if character == "|" && !escaped { count += 1 }
        escaped = character == "\\" && !escaped
      }
      return count
    }
    var tables = 0, headerPipes: Int?
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      guard line.hasPrefix("|") else {
        headerPipes = nil
        continue
      }
      if let headerPipes {
        #expect(pipes(line) == headerPipes, "\(line)")
      } else {
        headerPipes = pipes(line)
        tables += 1
      }
    }
    #expect(tables >= 3)
    #expect(markdown.contains("H<1>|&") == false)
  }

  /// The CSV tables read back (RFC 4180) to the exact names, line break and all.
  @Test func csvQuotesNamesAndIDs() throws {
    var found: Set<String> = []
    for file in try FileManager.default.contentsOfDirectory(atPath: Self.output) where file.hasSuffix(".csv")
    {
      let table = try CSVTable.parse(Array(try Self.read(file).utf8), source: file)
      for record in table.records {
        #expect(record.count == table.header.count, "\(file): \(record)")
        found.formUnion(record.filter { [Self.hostileName, Self.hostileID, Self.wardName].contains($0) })
      }
    }
    #expect(found == [Self.hostileName, Self.hostileID, Self.wardName])
    let crosswalk = try Self.read("crosswalk_hoods__wards.csv")
    #expect(crosswalk.contains(#""<b>Tom & Jerry's ""ward""</b>"# + "\nsecond | line\""))
  }

  @Test func summaryJSONReadsBack() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: Self.output + "/summary.json"))
    let summary = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    #expect(summary?["study"] as? String == "Escaping <test> & 'co'")
  }
}
