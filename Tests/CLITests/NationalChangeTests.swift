import Foundation
import Testing

/// Issue 19's national case: GP practices of January 2022 and October 2025 (NHS practice→PCN
/// maps, placed to compare fairly), 1,000 m, the 33,755 LSOA21s of England as their own
/// population (Census 2021 usual residents). Needs ../shared/data and the release binary
/// (skipped with a printed line otherwise); about 7 s in release on the shared 2-core machine.
///
/// Expected figures: ../shared/peers/change_shapely.py (shapely 2.2, pyproj 3.7.2): lost
/// 815,346.7949111506 people and 429,363,074.2838335 m², gained 200,558.71238826422 people and
/// 123,171,428.49140969 m², covered 33,613,416.056995295 before and 32,998,627.974472407 after,
/// 1,891 LSOAs losing more than half a person; 338 closed, 16 opened (by practice_code). Of the
/// closures 93 have a 2025 practice within 100 m, and 192 practices moved more than 100 m (the
/// shared data README's counts).
@Suite struct NationalChangeTests {
  static let lsoa21 = "national/lsoa21_england_bsc_pop2021.geojson"
  static let before = "national/gp_practices_2022-01_pcn.geojson"
  static let after = "national/gp_practices_2025-10_pcn.geojson"

  @Test(
    .enabled(
      if: CLI.sharedAvailable(lsoa21) && CLI.sharedAvailable(before) && CLI.sharedAvailable(after)
        && ReleaseBinary.available("national GP change")))
  func gpPracticesJanuary2022ToOctober2025() throws {
    let out = try CLI.temporaryDirectory()
    let lsoa = CLI.shared(Self.lsoa21)!
    let run = try ReleaseBinary.run([
      "change", lsoa, "gp=" + CLI.shared(Self.after)!, "--before", "gp=" + CLI.shared(Self.before)!,
      "--radius",
      "gp=1000", "--population", lsoa, "--population-field", "usual_residents_2021", "--before-label",
      "2022-01",
      "--after-label", "2025-10", "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let json = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
    let categories = try #require((json as? [String: Any])?["categories"] as? [[String: Any]])
    let s = try #require(categories.first)
    func value(_ key: String) -> Double? { s[key] as? Double }
    #expect(relativelyClose(value("population_lost"), 815_346.7949111506, 1e-6))
    #expect(relativelyClose(value("lost_area_m2"), 429_363_074.2838335, 1e-6))
    #expect(relativelyClose(value("population_gained"), 200_558.71238826422, 1e-6))
    #expect(relativelyClose(value("gained_area_m2"), 123_171_428.49140969, 1e-6))
    #expect(relativelyClose(value("population_covered_before"), 33_613_416.056995295, 1e-6))
    #expect(relativelyClose(value("population_covered_after"), 32_998_627.974472407, 1e-6))
    #expect(value("units_losing_people") == 1891)
    #expect(value("assets_before") == 6519 && value("assets_after") == 6197)
    #expect(value("closed") == 338 && value("closed_merged_at_site") == 93)
    #expect(value("opened") == 16 && value("moved") == 192 && value("stayed") == 5989)
    // Sole reach checked in shapely (buffer − other 2022 buffers within 2 km − 2025 buffers within
    // 2 km, people by LSOA area share): H81060 3,121,445.15 m² and 9,815.55 people.
    let assets = try CSVTable(path: out + "/assets_change.csv").keyed(by: "id")
    #expect(relativelyClose(CSVTable.number(assets["H81060"], "sole_reach_area_m2"), 3_121_445.15, 1e-6))
    #expect(relativelyClose(CSVTable.number(assets["H81060"], "sole_reach_population"), 9_815.55, 1e-6))
  }
}
