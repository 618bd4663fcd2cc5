import Foundation
import Testing

/// `overlap --crosswalk-only` writes the same crosswalk table as the full run, and only that
/// table and summary.json.
@Suite struct CrosswalkOnlyTests {
  @Test(arguments: [false, true])
  func sameTableAsTheFullRun(withPopulation: Bool) throws {
    let directory = try CLI.temporaryDirectory()
    var base = [
      "overlap", CLI.repo("data/trafford/pcn_areas_voronoi_DERIVED.geojson"),
      CLI.repo("data/trafford/wards23_full.geojson"),
    ]
    if withPopulation {
      base += [
        "--population", CLI.repo("data/trafford/oa21_pop_mid2024.geojson"), "--population-field",
        "pop_mid2024",
      ]
    }
    let full = try CLI.run(base + ["--out", directory + "/full"])
    let only = try CLI.run(base + ["--out", directory + "/only", "--crosswalk-only"])
    #expect(full.status == 0 && only.status == 0, "\(full.stderr)\(only.stderr)")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory + "/only").sorted() == [
        "crosswalk.csv", "summary.json",
      ])
    let table = try String(contentsOfFile: directory + "/only/crosswalk.csv", encoding: .utf8)
    #expect(table == (try String(contentsOfFile: directory + "/full/crosswalk.csv", encoding: .utf8)))
    #expect(table.split(separator: "\n").count > 30)
    #expect(
      table.hasPrefix(
        "a_id,a_name,b_id,b_name,area_m2,share_of_a,share_of_b,iou,sliver,method"
          + (withPopulation ? ",population" : "\n")))
    let summary =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: directory + "/only/summary.json"))) as? [String: Any]
    #expect((summary?["parameters"] as? [String: Any])?["scope"] as? String == "crosswalk")
    #expect((summary?["files"] as? [String]) == ["crosswalk.csv", "summary.json"])
    #expect(only.stdout.contains("wrote crosswalk.csv, summary.json"))
  }
}
