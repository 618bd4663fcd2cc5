import Foundation
import Testing

/// Issue 4 national case: pharmacies (NHS ODS, Feb 2025, 10,501 active) within 800 m of the 33,755
/// LSOA21s of England, weighted by Census 2021 usual residents. Needs ../shared/data and the release
/// binary (skipped with a printed line otherwise). Slow: 57 s wall in release on the shared 2-core
/// machine (load average 5–7), see the summary of the tests branch.
///
/// Expected figures: shapely 2.2 / pyproj 3.7.2 (PROJ 9.5.1, "Inverse of OSGB36 to WGS 84 (6) +
/// British National Grid"): union_all(buffer(p, 800, quad_segs=8)), exploded and indexed; per
/// LSOA difference(lsoa, union of the parts it touches); people uncovered = Σ residents ×
/// gap / area. Result: 119,156,973,279.01233 m² and 20,844,260.120832026 people (as DESIGN.md §10).
///
/// Until coverage meets its §10 target (≤ 0.7 s compute) this run is also opt-in: set
/// NBHD_SLOW_TESTS=1 (otherwise it prints a SKIPPED line), so the debug suite stays fast.
@Suite struct NationalCoverageTests {
  static func slowTestsEnabled() -> Bool {
    let on = ProcessInfo.processInfo.environment["NBHD_SLOW_TESTS"] == "1"
    if !on {
      print("SKIPPED: national pharmacy coverage takes ~60 s in release; set NBHD_SLOW_TESTS=1 to run it")
    }
    return on
  }

  static let lsoa21 = "national/lsoa21_england_bsc_pop2021.geojson"
  static let pharmacies = "national/pharmacies_2025-02_active.geojson"

  @Test(
    .enabled(
      if: CLI.sharedAvailable(lsoa21) && CLI.sharedAvailable(pharmacies)
        && ReleaseBinary.available("national pharmacy coverage") && slowTestsEnabled()))
  func pharmaciesWithin800Metres() throws {
    let out = try CLI.temporaryDirectory()
    let run = try ReleaseBinary.run([
      "coverage", CLI.shared(Self.lsoa21)!, "pharmacy=" + CLI.shared(Self.pharmacies)!, "--radius", "800",
      "--population", CLI.shared(Self.lsoa21)!, "--population-field", "usual_residents_2021", "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let summary = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
    let uncoveredArea = NationalOverlapTests.find("uncovered_area_m2", in: summary)
    let uncoveredPeople = NationalOverlapTests.find("population_uncovered", in: summary)
    #expect(
      relativelyClose(uncoveredArea, 119_156_973_279.01233, 1e-6), "\(String(describing: uncoveredArea))")
    #expect(
      relativelyClose(uncoveredPeople, 20_844_260.120832026, 1e-6), "\(String(describing: uncoveredPeople))")
    #expect(run.stdout.contains("20844260 of 56490046 people out of reach"), "\(run.stdout)")
    // 11 pharmacies lie outside every LSOA (coast/generalisation): a counted note, not an error.
    #expect(run.stdout.contains("note: 11 assets lie outside every unit"), "\(run.stdout)")
  }
}
