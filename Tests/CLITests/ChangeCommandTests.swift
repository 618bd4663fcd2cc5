import Foundation
import Testing

/// Issue 19 through `nbhd change`.
@Suite struct ChangeCommandTests {
  static let trafford = "data/trafford/"

  static func summary(_ out: String) throws -> [String: Any] {
    let json = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
    let categories = try #require((json as? [String: Any])?["categories"] as? [[String: Any]])
    return try #require(categories.first)
  }

  /// Trafford's wards and people, its 26 practices as the before date and the same file less
  /// three practices (written by the test) as the after date: covered people at each date are
  /// what `nbhd coverage` gives for that file alone, and after − before = gained − lost.
  @Test func traffordAgreesWithCoverage() throws {
    let scratch = try CLI.temporaryDirectory()
    let gp = CLI.repo(Self.trafford + "gp_practices_2026-05_pcn.geojson")
    var collection = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: gp))) as? [String: Any])
    let features = try #require(collection["features"] as? [Any])
    collection["features"] = features.enumerated().filter { ![3, 7, 12].contains($0.offset) }.map(\.element)
    let later = scratch + "/later.geojson"
    try JSONSerialization.data(withJSONObject: collection).write(to: URL(fileURLWithPath: later))
    let wards = CLI.repo(Self.trafford + "wards23_full.geojson")
    let population = [
      "--population", CLI.repo(Self.trafford + "oa21_pop_mid2024.geojson"), "--population-field",
      "pop_mid2024",
    ]
    let run = try CLI.run(
      [
        "change", wards, "gp=" + later, "--before", "gp=" + gp, "--radius", "gp=1000", "--before-label",
        "2026-05",
        "--after-label", "later", "--out", scratch + "/change",
      ] + population)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("assets matched by practice_code"))
    // Progress on stderr, one plain line per stage (stderr is a pipe here), each date's coverage
    // stages led by its label.
    let stages = run.stderr.split(separator: "\n").map {
      $0.components(separatedBy: ": ").dropLast().joined(separator: ": ")
    }
    #expect(
      stages == [
        "nbhd change: people in the units", "nbhd change: 2026-05: reach of gp",
        "nbhd change: 2026-05: units against the reach of gp",
        "nbhd change: 2026-05: people out of reach of gp",
        "nbhd change: later: reach of gp", "nbhd change: later: units against the reach of gp",
        "nbhd change: later: people out of reach of gp", "nbhd change: ground lost and gained: gp",
        "nbhd change: sole reach of gone assets: gp",
      ], "\(run.stderr)")
    #expect(run.stderr.contains("nbhd change: sole reach of gone assets: gp: 3 assets in "))
    let change = try Self.summary(scratch + "/change")
    #expect(change["closed"] as? Double == 3 && change["opened"] as? Double == 0)
    #expect(change["stayed"] as? Double == 23)
    var covered: [Double] = []
    for (name, file) in [("before", gp), ("after", later)] {
      let coverage = try CLI.run(
        ["coverage", wards, "gp=" + file, "--radius", "gp=1000", "--out", scratch + "/" + name] + population)
      #expect(coverage.status == 0, "\(coverage.stderr)")
      let alone = try Self.summary(scratch + "/" + name)
      let people = try #require(alone["population"] as? Double),
        out = try #require(
          alone["population_uncovered"] as? Double)
      covered.append(people - out)
    }
    let before = try #require(change["population_covered_before"] as? Double)
    let after = try #require(change["population_covered_after"] as? Double)
    #expect(abs(before - covered[0]) <= 0.01 && abs(after - covered[1]) <= 0.01)
    let lost = try #require(change["population_lost"] as? Double)
    let gained = try #require(change["population_gained"] as? Double)
    #expect(lost > 1000 && gained == 0)
    #expect(abs((after - before) - (gained - lost)) <= 0.02)
    let table = try CSVTable(path: scratch + "/change/change.csv")
    #expect(
      table.header == [
        "unit_id", "unit_name", "category", "radius_m", "lost_area_m2", "gained_area_m2", "nearest_m_before",
        "nearest_m_after", "population_lost", "population_gained", "population_net_change",
        "population_covered_before", "population_covered_after",
      ])
    #expect(table.rows.count == 21)
    let assets = try CSVTable(path: scratch + "/change/assets_change.csv")
    #expect(assets.rows.count == 26)
    #expect(assets.rows.filter { $0["status"] == "closed" || $0["status"] == "merged_at_site" }.count == 3)
  }

  /// One and two threads write byte-identical files (Trafford's practices against three of them
  /// by location, the repeated-id fixture: ground lost, none gained, sole reach measured).
  @Test func threadCountChangesNothing() throws {
    let directory = try CLI.temporaryDirectory()
    var outputs: [String] = []
    for threads in ["1", "2"] {
      let out = directory + "/run\(threads)"
      let run = try CLI.run([
        "change", CLI.repo(Self.trafford + "wards23_full.geojson"),
        "gp=" + CLI.repo("Tests/Fixtures/bad/change_gp_repeated_code.geojson"), "--before",
        "gp=" + CLI.repo(Self.trafford + "gp_practices_2026-05_pcn.geojson"), "--radius", "1000",
        "--population",
        CLI.repo(Self.trafford + "oa21_pop_mid2024.geojson"), "--population-field", "pop_mid2024",
        "--threads",
        threads, "--out", out,
      ])
      #expect(run.status == 0, "\(run.stderr)")
      outputs.append(out)
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: outputs[0]).sorted()
    #expect(files == ["assets_change.csv", "change.csv", "gained.geojson", "lost.geojson", "summary.json"])
    for file in files {
      let one = try Data(contentsOf: URL(fileURLWithPath: outputs[0] + "/" + file))
      #expect(try Data(contentsOf: URL(fileURLWithPath: outputs[1] + "/" + file)) == one, "\(file) differs")
    }
    let closed = try CSVTable(path: outputs[0] + "/assets_change.csv").rows.filter {
      $0["status"] == "closed"
    }
    #expect(closed.count == 23)
    #expect(closed.allSatisfy { Double($0["sole_reach_population"] ?? "") != nil })
  }

  /// The SSOT ICB's practices, January 2022 (cut by ICB code QNC from the national map, in
  /// data/ssot) to October 2025, 1 km, its 697 LSOA21s and their 2021 residents. Figures from
  /// ../shared/peers/change_shapely.py (shapely 2.2, pyproj 3.7.2): lost 10,030.956833846525
  /// people and 3,318,421.095224319 m², gained 5,143.444868895548 people and
  /// 2,663,881.3370877383 m², covered 625,252.1148603067 → 620,364.6028953558, 31 LSOAs losing
  /// more than half a person; 145 → 141 practices, 4 closed, none opened. Needs ../shared/data
  /// (or NBHD_SHARED_DATA).
  @Test(
    .enabled(
      if: CLI.sharedAvailable("ssot/lsoa21_pop2021_patients_pcn.geojson")
        && CLI.sharedAvailable("ssot/gp_practices_2025-10.geojson")))
  func ssotAgreesWithShapely() throws {
    let out = try CLI.temporaryDirectory()
    let lsoa = CLI.shared("ssot/lsoa21_pop2021_patients_pcn.geojson")!
    let run = try CLI.run([
      "change", lsoa, "gp=" + CLI.shared("ssot/gp_practices_2025-10.geojson")!, "--before",
      "gp=" + CLI.repo("data/ssot/gp_practices_2022-01_qnc.geojson"), "--radius", "gp=1000", "--population",
      lsoa,
      "--population-field", "usual_residents_2021", "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let s = try Self.summary(out)
    func value(_ key: String) -> Double? { s[key] as? Double }
    #expect(relativelyClose(value("population_lost"), 10_030.956833846525, 1e-6))
    #expect(relativelyClose(value("lost_area_m2"), 3_318_421.095224319, 1e-6))
    #expect(relativelyClose(value("population_gained"), 5_143.444868895548, 1e-6))
    #expect(relativelyClose(value("gained_area_m2"), 2_663_881.3370877383, 1e-6))
    #expect(relativelyClose(value("population_covered_before"), 625_252.1148603067, 1e-6))
    #expect(relativelyClose(value("population_covered_after"), 620_364.6028953558, 1e-6))
    #expect(value("units_losing_people") == 31)
    #expect(value("assets_before") == 145 && value("assets_after") == 141)
    #expect(value("closed") == 4 && value("opened") == 0)
    // Sole reach, by shapely: buffer(p, 1000) − every other 2022 practice's buffer − every 2025
    // buffer, people by LSOA area share: Y02414 768,549.31 m², 3,370.29 people; M83082
    // 325,439.61 m², 681.08; M83623 (merged into the practice at its spot) none.
    let assets = try CSVTable(path: out + "/assets_change.csv").keyed(by: "id")
    for (id, area, people) in [
      ("Y02414", 768_549.31, 3_370.29), ("M83082", 325_439.61, 681.08), ("M83623", 0, 0),
    ] {
      #expect(relativelyClose(CSVTable.number(assets[id], "sole_reach_area_m2"), area, 1e-6), "\(id)")
      #expect(relativelyClose(CSVTable.number(assets[id], "sole_reach_population"), people, 1e-6), "\(id)")
    }
    #expect(
      assets["M83623"]?["status"] == "merged_at_site"
        && assets["M83623"]?["before_assets_at_same_spot"] == "1")
  }
}
