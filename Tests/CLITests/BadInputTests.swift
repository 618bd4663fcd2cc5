import Foundation
import Testing

/// Bad input gives exit code 1 and one line naming the file, the feature and the problem.
@Suite struct BadInputTests {
  static let cases: [(file: String, message: String)] = [
    ("truncated.geojson", "truncated.geojson:1:167: feature 0: unexpected end of input"),
    ("string_for_number.geojson", "string_for_number.geojson:1:149: feature 0: expected a number in \"coordinates\", found \"x\""),
    ("nan.geojson", "nan.geojson:1:144: feature 0: found \"NaN\" where a number in \"coordinates\" was expected"),
    ("unclosed_ring.geojson", "unclosed_ring.geojson:1:130: feature 0: ring 0 of polygon is not closed"),
    ("projected_no_crs.geojson", "projected_no_crs.geojson: feature 0 (id \"E05000001\"): coordinate 383298.07 is outside longitude/latitude range"),
    ("empty.geojson", "empty.geojson:1:1: the input is empty"),
  ]

  @Test(arguments: cases.map(\.file))
  func inspectFailsCleanly(file: String) throws {
    let expected = Self.cases.first { $0.file == file }!.message
    let run = try CLI.run(["inspect", CLI.repo("Tests/Fixtures/bad/" + file)])
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(run.stderr.contains(expected))
  }

  @Test func missingFile() throws {
    let run = try CLI.run(["inspect", "/no/such/file.geojson"])
    #expect(run.status == 1)
    #expect(run.stderr == "nbhd: /no/such/file.geojson: file not found\n")
  }

  @Test func usageErrorIsExitTwo() throws {
    let run = try CLI.run(["inspect"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("Missing expected argument"))
  }

  /// A failed conversion leaves no output file, and an existing one untouched.
  @Test func convertLeavesNoPartialOutput() throws {
    let directory = try CLI.temporaryDirectory()
    let output = directory + "/out.geojson"
    var run = try CLI.run(["convert", CLI.repo("Tests/Fixtures/bad/truncated.geojson"), output])
    #expect(run.status == 1)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    try Data("previous".utf8).write(to: URL(fileURLWithPath: output))
    run = try CLI.run(["convert", CLI.repo("Tests/Fixtures/bad/nan.geojson"), output])
    #expect(run.status == 1)
    #expect(try String(contentsOfFile: output, encoding: .utf8) == "previous")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.geojson"])
  }
}
