import Foundation
import Study
import TestSupport
import Testing

/// The sample study end to end: what the report must say (issue 6) and that it is written
/// atomically. One run shared by the checks (it takes a while in debug builds).
@Suite(.serialized) struct TraffordReportTests {
  static let output: String = {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nbhd-report-\(UUID().uuidString)"
    ).path
    let config = try! StudyConfig.load(SharedData.repo("data/study.yml"))
    let run = try! StudyRunner.run(config)
    try! ReportWriter.write(run, to: directory, versions: ["nbhd": .string("test")])
    return directory
  }()

  static func read(_ name: String) throws -> String {
    try String(contentsOfFile: output + "/" + name, encoding: .utf8)
  }

  @Test func htmlIsSelfContained() throws {
    let html = try Self.read("report.html")
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import"))
    #expect(html.components(separatedBy: "<svg").count - 1 >= 15)
  }

  /// Each of the 4 localities and 5 PCN areas has a card naming the wards it overlaps, with
  /// shares and a class.
  @Test func cardsNameWardsSharesAndClasses() throws {
    let markdown = try Self.read("report.md")
    for locality in ["Central", "North", "South", "West"] {
      #expect(markdown.contains("### \(locality) (\(locality))"))
    }
    for pcn in ["U42898", "U66368", "U79881", "U83990", "U95344"] { #expect(markdown.contains("(\(pcn))")) }
    #expect(markdown.contains("#### Against wards: aggregate"))
    #expect(markdown.contains("#### Against wards: split"))
    // Central is the union of five wards; Sale Central is 23.1% of it (from crosswalk_localities__wards.csv).
    #expect(markdown.contains("| Sale Central | 23.1% | 100.0% |"))
  }

  /// The population without a pharmacy within 800 m matches `nbhd coverage` run by hand on the
  /// same inputs (31,006 of 240,840 across Trafford).
  @Test func pharmacyGapMatchesCoverageCommand() throws {
    let markdown = try Self.read("report.md")
    #expect(
      markdown.contains(
        "pharmacy: 31,006 of 240,840 residents of localities (12.9%) live more than 800 m from one"))
    let csv = try Self.read("coverage_localities.csv")
    #expect(csv.split(separator: "\n").count == 1 + 4 * 5)
  }

  /// Every input feature is listed: 4 + 5 + 21 area features, 738 OAs, 530 assets.
  @Test func everyInputFeatureIsAccountedFor() throws {
    let rows = try Self.read("input_features.csv").split(separator: "\n").dropFirst()
    #expect(rows.count == 4 + 5 + 21 + 738 + 57 + 26 + 13 + 7 + 427)
  }

  @Test func summaryJSONParses() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: Self.output + "/summary.json"))
    let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    #expect(json["study"] as? String == "Trafford sample")
    #expect((json["pairs"] as! [Any]).count == 3)
  }

  /// A failing run leaves the previous report as it was, and no temporary folder behind.
  @Test func failedRunLeavesPreviousReport() throws {
    let before = try Self.read("report.html")
    let path = SharedData.repo("data/.bad-\(UUID().uuidString).yml")
    let bad = try String(contentsOfFile: SharedData.repo("data/study.yml"), encoding: .utf8)
      .replacingOccurrences(of: "field: pop_mid2024", with: "field: la_name")
    FileManager.default.createFile(atPath: path, contents: Data(bad.utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: StudyConfigError.self) {
      let config = try StudyConfig.load(path)
      let run = try StudyRunner.run(config)
      try ReportWriter.write(run, to: Self.output, versions: [:])
    }
    #expect(try Self.read("report.html") == before)
    let parent = (Self.output as NSString).deletingLastPathComponent
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent).filter {
      $0.contains(".tmp-") && $0.contains((Self.output as NSString).lastPathComponent)
    }
    #expect(leftovers.isEmpty)
  }
}
