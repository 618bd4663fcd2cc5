import Foundation
import Testing

/// Progress goes to stderr as plain lines when stderr is not a terminal (a pipe here), never to
/// stdout, and `--quiet` silences it.
@Suite struct ProgressTests {
  static let inputs = [
    CLI.repo("data/trafford/localities23_full.geojson"), CLI.repo("data/trafford/wards23_full.geojson"),
  ]

  @Test func overlapPrintsOnePlainLinePerStage() throws {
    let directory = try CLI.temporaryDirectory()
    let shown = try CLI.run(["overlap"] + Self.inputs + ["--out", directory + "/shown"])
    let quiet = try CLI.run(["overlap"] + Self.inputs + ["--out", directory + "/quiet", "--quiet"])
    #expect(shown.status == 0 && quiet.status == 0, "\(shown.stderr)\(quiet.stderr)")
    #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
    #expect(!shown.stderr.contains("\r") && !shown.stderr.contains("\u{1B}"))
    let lines = shown.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.last == "")
    // Each finished stage once, with its count, in the order the analysis runs them.
    let stages = lines.dropLast().map { $0.components(separatedBy: ": ").dropLast().joined(separator: ": ") }
    #expect(
      stages == [
        "nbhd overlap: overlay of localities23_full with wards23_full",
        "nbhd overlap: best-fit lookups",
        "nbhd overlap: overlaps in both layers",
        "nbhd overlap: summaries of localities23_full and wards23_full",
        "nbhd overlap: writing tables, pieces and topology",
      ], "\(shown.stderr)")
    #expect(lines[0].hasPrefix("nbhd overlap: overlay of localities23_full with wards23_full: 4 units in "))
    #expect(lines[2].hasPrefix("nbhd overlap: overlaps in both layers: 2 layers in "))
    #expect(lines[3].hasPrefix("nbhd overlap: summaries of localities23_full and wards23_full: 25 units in "))
    // Crosswalk, both summaries, lookup, pieces, slivers, both layers' topology tables and
    // layers, summary.json.
    #expect(lines[4].hasPrefix("nbhd overlap: writing tables, pieces and topology: 11 files in "))
    // stdout is the same with and without progress, but for the output folder's name.
    #expect(shown.stdout == quiet.stdout.replacing(directory + "/quiet", with: directory + "/shown"))
    #expect(shown.stdout.contains("21 pieces"))
  }

  /// Without the topology check, no topology file is written, listed or counted, and a folder
  /// used before keeps no file this run did not write among those it lists.
  @Test func noTopologyWritesAndListsNoTopologyFile() throws {
    let directory = try CLI.temporaryDirectory()
    let run = try CLI.run(["overlap"] + Self.inputs + ["--out", directory, "--no-topology"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("nbhd overlap: writing tables and pieces: 7 files in "), "\(run.stderr)")
    let summary =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: directory + "/summary.json"))) as? [String: Any]
    let files = summary?["files"] as? [String]
    #expect(
      files == [
        "crosswalk.csv", "a_summary.csv", "b_summary.csv", "lookup.csv", "pieces.geojson", "slivers.geojson",
        "summary.json",
      ])
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == files?.sorted())
  }

  @Test func jsonStaysCleanOnStdout() throws {
    let directory = try CLI.temporaryDirectory()
    let run = try CLI.run(["overlap"] + Self.inputs + ["--out", directory, "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) is [String: Any])
    #expect(run.stderr.contains("nbhd overlap: overlay of"))
    #expect(!run.stdout.contains("nbhd overlap:"))
  }
}
