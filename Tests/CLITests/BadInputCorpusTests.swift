import Foundation
import Testing

/// Runs every row of Tests/Fixtures/bad/cases.tsv (DESIGN.md §11): each bad file gives exit 1 and
/// exactly one line naming the file, the feature or line, and the problem — or exit 0 with the
/// repair or exclusion reported. None crashes or hangs (each run is killed after a minute).
@Suite struct BadInputCorpusTests {
  /// One row of the manifest.
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var command: String
    var exit: Int32
    var expect: String
    var file: String?
    var testDescription: String { name }
  }

  static let folder = CLI.repo("Tests/Fixtures/bad")
  static let cases: [Case] = {
    let text = (try? String(contentsOfFile: folder + "/cases.tsv", encoding: .utf8)) ?? ""
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map { line in
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      precondition(columns.count == 4 || columns.count == 5, "cases.tsv: bad row \(line)")
      return Case(
        name: columns[0], command: columns[1], exit: Int32(columns[2])!, expect: columns[3],
        file: columns.count == 5 ? columns[4] : nil)
    }
  }()

  /// Fixtures in the folder that other suites run (AnalysisBadInputTests).
  static let usedElsewhere: Set = [
    "assets_far_and_no_category.geojson", "cornwall_square.geojson", "README.md",
  ]

  @Test func corpusCoversEveryFile() throws {
    #expect(Self.cases.count >= 40)
    #expect(Set(Self.cases.map(\.name)).count == Self.cases.count, "case names repeat")
    let named = Self.cases.map(\.command).joined(separator: " ")
    for file in try FileManager.default.contentsOfDirectory(atPath: Self.folder)
    where file != "cases.tsv" && !Self.usedElsewhere.contains(file) {
      // A shapefile's .shx, .dbf, .prj and .cpg are used through its .shp.
      let stem = (file as NSString).deletingPathExtension
      let companion = ["shx", "dbf", "prj", "cpg"].contains((file as NSString).pathExtension)
      let used = named.contains(file) || (companion && named.contains(stem + ".shp"))
      #expect(used, "\(file) is in Tests/Fixtures/bad but no row of cases.tsv uses it")
    }
  }

  /// A progress line of a finished stage: `nbhd report: loading layer 1 of 2, localities: 4
  /// features in 0.6 s`.
  nonisolated(unsafe) static let progressLine = /nbhd [a-z]+: .+: [0-9,]+ [a-z]+ in [0-9]+\.[0-9] s/

  @Test(arguments: cases)
  func corpusCase(_ row: Case) throws {
    let scratch = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let out = scratch + "/out"
    func filled(_ text: some StringProtocol) -> String {
      String(text).replacing("{out}", with: out).replacing("{tmp}", with: scratch)
        .replacing("{wards}", with: "../../../data/trafford/wards23_full.geojson")
    }
    let arguments = row.command.split(separator: " ").map(filled)
    let run = try CLI.run(arguments, in: Self.folder, timeout: 60)
    #expect(!run.timedOut, "\(row.name) did not finish in 60 s")
    #expect(run.status == row.exit, "\(row.name): \(run.stderr)")
    if row.exit != 0 {
      // Stages that finished before the failure report themselves first (plain progress lines
      // on a pipe); the error is the last line, exactly.
      let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false)
      let progress = lines.dropLast(2).filter { $0.wholeMatch(of: Self.progressLine) != nil }
      #expect(progress.count == max(0, lines.count - 2), "\(row.name): \(run.stderr)")
      #expect(lines.suffix(2).joined(separator: "\n") == row.expect + "\n")
      #expect(run.stdout.isEmpty)
      #expect(!FileManager.default.fileExists(atPath: out), "partial output left by \(row.name)")
    } else if let file = row.file {
      let written = try String(contentsOfFile: filled(file), encoding: .utf8)
      #expect(written.contains(row.expect), "\(row.name): \(written)")
    } else {
      let lines = run.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      #expect(lines.contains(row.expect), "\(row.name) printed:\n\(run.stdout)")
    }
  }
}
