import Analysis
import Foundation
import GeoCore
import Layers
import Study
import TestSupport
import Testing

/// Issue 19 in the study: an asset entry's `before:` file gives the report "What changed".
@Suite struct StudyChangeTests {
  /// Trafford's 26 practices (May 2026) as the earlier date; the later file drops three of them.
  static func laterFile() throws -> String {
    let gp = SharedData.repo("data/trafford/gp_practices_2026-05_pcn.geojson")
    var collection = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: gp))) as? [String: Any])
    let features = try #require(collection["features"] as? [Any])
    collection["features"] = features.enumerated().filter { ![3, 7, 12].contains($0.offset) }.map(\.element)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nbhd-later-\(UUID().uuidString).geojson")
    try JSONSerialization.data(withJSONObject: collection).write(to: path)
    return path.path
  }

  static func config(later: String) -> String {
    """
    study: Change test
    layers:
      - name: localities
        role: community
        file: trafford/localities23_full.geojson
        id_field: area_name
      - name: pcns
        role: statutory
        file: trafford/pcn_areas_voronoi_DERIVED.geojson
    population: {file: trafford/oa21_pop_mid2024.geojson, field: pop_mid2024}
    assets:
      - category: gp
        file: \(later)
        radius: 1000
        before: trafford/gp_practices_2026-05_pcn.geojson
        before_label: 2026-05
        after_label: later
    """
  }

  /// The report's sentence agrees with coverage run on each date's file alone: the people who
  /// lost reach are the rise in people out of reach (nobody gained any: nothing opened).
  @Test func reportSaysWhatChanged() throws {
    let later = try Self.laterFile()
    defer { try? FileManager.default.removeItem(atPath: later) }
    let config = try loadConfig(Self.config(later: later))
    #expect(config.assets[0].before == "trafford/gp_practices_2026-05_pcn.geojson")
    #expect(config.assets[0].beforeLabel == "2026-05" && config.assets[0].afterLabel == "later")
    let run = try StudyRunner.run(config)
    let output = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nbhd-change-\(UUID().uuidString)"
    )
    .path
    defer { try? FileManager.default.removeItem(atPath: output) }
    try ReportWriter.write(run, to: output, versions: ["nbhd": .string("test")])
    let markdown = try String(contentsOfFile: output + "/report.md", encoding: .utf8)

    let localities = try #require(run.layer("localities"))
    var load = LoadOptions()
    load.workingCRS = localities.crs
    let people = try PopulationLayer(
      try LayerLoader.load(SharedData.repo("data/trafford/oa21_pop_mid2024.geojson"), options: load),
      field: "pop_mid2024")
    var uncovered: [Double] = []
    for file in [SharedData.repo("data/trafford/gp_practices_2026-05_pcn.geojson"), later] {
      var assets = AssetSet(assets: [])
      try assets.add(try LayerLoader.load(file, options: load), category: "gp", categoryField: nil)
      let coverage = try CoverageAnalysis.run(
        units: localities.geometries, assets: assets, population: people,
        options: CoverageOptions(radii: ReachRadii(byCategory: ["gp": 1000])))
      uncovered.append(coverage.rows.reduce(0) { $0 + ($1.populationUncovered ?? 0) })
    }
    let lost = FixedDecimal.grouped(Int((uncovered[1] - uncovered[0]).rounded()))
    #expect(uncovered[1] - uncovered[0] > 1000)
    #expect(
      markdown.contains(
        "\(lost) residents of localities lost a GP practice within 1 km between 2026-05 and later; 0 gained one "
          + "(3 closed"))
    #expect(markdown.contains("## What changed: 2026-05 to later"))
    #expect(markdown.contains("The NHS practice lists give main practice sites only"))
    #expect(markdown.contains("Change 2026-05 to later: gp: "))
    #expect(markdown.contains("maps/change_gp.svg"))
    let summary = try String(contentsOfFile: output + "/summary.json", encoding: .utf8)
    #expect(summary.contains("\"before_label\": \"2026-05\"") && summary.contains("\"closed\": 3,"))
    let assets = try String(contentsOfFile: output + "/assets_change.csv", encoding: .utf8)
    #expect(assets.split(separator: "\n").count == 27)
    let inputs = try String(contentsOfFile: output + "/input_features.csv", encoding: .utf8)
    #expect(inputs.components(separatedBy: ",earlier asset,").count - 1 == 26)
  }

  /// A `before:` file that does not exist stops the run at its line, before any work.
  @Test func missingBeforeFileNamesTheLine() {
    #expect {
      try loadConfig(
        Self.config(later: "trafford/gp_practices_2026-05_pcn.geojson").replacingOccurrences(
          of: "before: trafford/gp_practices_2026-05_pcn.geojson", with: "before: trafford/gp_2022.geojson"))
    } throws: { error in
      let e = error as! StudyConfigError
      return e.line == 15 && e.message.hasPrefix("file not found: trafford/gp_2022.geojson")
    }
  }
}
