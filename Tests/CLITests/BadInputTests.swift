import Foundation
import Testing

/// Bad input gives exit code 1 and one line naming the file, the feature and the problem (the
/// corpus of bad files is run by BadInputCorpusTests; these are the cases that need more than one run).
@Suite struct BadInputTests {
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
