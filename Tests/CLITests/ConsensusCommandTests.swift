import Foundation
import Testing

/// `nbhd consensus` end to end: the files it writes, byte-identical for 1 and 2 threads, its
/// bad-input exits, and its map as a community layer for `nbhd overlap`.
@Suite struct ConsensusCommandTests {
  static let squares = CLI.repo("Tests/Fixtures/consensus/squares.geojson")

  @Test func writesEveryFileIdenticallyForOneAndTwoThreads() throws {
    let directory = try CLI.temporaryDirectory()
    var outputs: [String] = []
    for threads in ["1", "2"] {
      let out = directory + "/run\(threads)"
      let run = try CLI.run(["consensus", Self.squares, "--threads", threads, "--out", out])
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout.contains("claimed 15000 m², contested 2500 m² (2 pieces), unclaimed 12500 m²"))
      outputs.append(out)
    }
    let files = try FileManager.default.subpathsOfDirectory(atPath: outputs[0]).filter {
      !$0.hasSuffix("maps")
    }
    .sorted()
    #expect(
      files == [
        "bands.csv", "bands.geojson", "contested.geojson", "cores.geojson", "drawings.csv", "map.geojson",
        "maps/agreement_alpha.svg", "maps/agreement_beta.svg", "maps/agreement_gamma.svg",
        "maps/overview.svg",
        "neighbourhoods.csv", "summary.json",
      ])
    for file in files {
      let first = try Data(contentsOf: URL(fileURLWithPath: outputs[0] + "/" + file))
      #expect(try Data(contentsOf: URL(fileURLWithPath: outputs[1] + "/" + file)) == first, "\(file) differs")
    }
    let neighbourhoods = try String(contentsOfFile: outputs[0] + "/neighbourhoods.csv", encoding: .utf8)
    #expect(
      neighbourhoods == """
        name,drawings_used,drawings_excluded,union_m2,core_m2,agreement_index,map_m2,outliers,flag
        alpha,3,0,20000.00,7500.00,0.375000,7500.00,0,
        beta,1,0,5000.00,5000.00,1.000000,,0,too few drawings
        gamma,3,0,15000.00,10000.00,0.666667,7500.00,0,

        """)
    let bands = try String(contentsOfFile: outputs[0] + "/bands.csv", encoding: .utf8)
    #expect(
      bands.hasPrefix("name,level,area_m2\nalpha,0.25,20000.00\nalpha,0.5,7500.00\nalpha,0.75,2500.00\n"))
    let summary =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: outputs[0] + "/summary.json"))) as! [String: Any]
    #expect(summary["drawings_in"] as? Int == 7 && summary["drawings_used"] as? Int == 7)
    #expect(summary["claimed_m2"] as? Double == 15000 && summary["unclaimed_m2"] as? Double == 12500)
    // GB data (British National Grid) keep the OS/ONS line.
    let overview = try String(contentsOfFile: outputs[0] + "/maps/overview.svg", encoding: .utf8)
    #expect(overview.contains("Contains OS data"))
  }

  @Test func aMissingNameFieldIsAUsageErrorListingTheFields() throws {
    let out = try CLI.temporaryDirectory() + "/out"
    let run = try CLI.run(["consensus", Self.squares, "--name-field", "hood", "--out", out])
    #expect(run.status == 2)
    #expect(
      run.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        == "nbhd: \(Self.squares): no drawing has the field \"hood\"; give the neighbourhood's field with "
        + "--name-field (fields: neighbourhood)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func nothingUsableIsBadInput() throws {
    let out = try CLI.temporaryDirectory() + "/out"
    let path = CLI.repo("Tests/Fixtures/consensus/all_unusable.geojson")
    let run = try CLI.run(["consensus", path, "--out", out])
    #expect(run.status == 1)
    #expect(run.stderr.contains("none of the 2 drawings can be used"))
    #expect(run.stderr.contains("Point where polygons are expected"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func mapOfTheSouthSetIsACommunityLayerForOverlap() throws {
    let shared = CLI.repo("../shared/data/sketches")
    let root =
      FileManager.default.fileExists(atPath: shared)
      ? shared : ProcessInfo.processInfo.environment["NBHD_SHARED_DATA"].map { $0 + "/sketches" } ?? shared
    guard FileManager.default.fileExists(atPath: root + "/chicago_dnainfo_drawings_south.geojson") else {
      print("SKIPPED: ../shared/data/sketches is not present (consensus map vs community areas)")
      return
    }
    let directory = try CLI.temporaryDirectory()
    // Eight neighbourhoods of the set (the whole set takes a minute in a debug build; its 61
    // mapped neighbourhoods were checked by hand with a release build).
    let names: Set = [
      "wicker-park", "bucktown", "ukrainian-village", "west-town", "noble-square", "humboldt-park", "pilsen",
      "hyde-park",
    ]
    let text = try Data(contentsOf: URL(fileURLWithPath: root + "/chicago_dnainfo_drawings_south.geojson"))
    var object = try JSONSerialization.jsonObject(with: text) as! [String: Any]
    object["features"] = (object["features"] as! [[String: Any]]).filter {
      names.contains(($0["properties"] as? [String: Any])?["neighborhood"] as? String ?? "")
    }
    try JSONSerialization.data(withJSONObject: object).write(
      to: URL(fileURLWithPath: directory + "/subset.geojson"))
    let consensus = try CLI.run([
      "consensus", directory + "/subset.geojson", "--no-maps", "--out", directory + "/c",
    ])
    #expect(consensus.status == 0, "\(consensus.stderr)")
    let overlap = try CLI.run([
      "overlap", directory + "/c/map.geojson", root + "/chicago_community_areas.geojson", "--a-id-field",
      "name",
      "--b-id-field", "area_number", "--no-topology", "--out", directory + "/o",
    ])
    #expect(overlap.status == 0, "\(overlap.stderr)")
    let rows = try String(contentsOfFile: directory + "/o/a_summary.csv", encoding: .utf8)
      .split(separator: "\n").map(String.init)
    let header = rows[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let classColumn = try #require(header.firstIndex(of: "class"))
    let classes = rows.dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)[classColumn]
    }
    #expect(classes.count == 8)
    let known: Set = ["coterminous", "within", "aggregate", "outside", "split"]
    #expect(classes.allSatisfy { known.contains($0) }, "\(Set(classes))")
  }
}
