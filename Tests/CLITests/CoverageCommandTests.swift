import Foundation
import Testing

/// Issue 4 through `nbhd coverage` on Trafford (data/trafford, in the repository).
///
/// Expected figures: Python in /work/venv — geopandas 1.2 read, pyproj 3.7.2 / PROJ 9.5.1 (operation
/// "Inverse of OSGB36 to WGS 84 (6) + British National Grid", as nbhd picks), shapely 2.2:
/// union_all(buffer(asset, r, quad_segs=8)) per category (green-space polygons buffered from their
/// edge), gap = difference(unit, union); people uncovered = Σ over OAs of pop_mid2024 ×
/// area(OA ∩ gap) / area(OA) (OA counts spread evenly, as PopulationLayer documents).
@Suite(.serialized) struct CoverageCommandTests {
  static let trafford = "data/trafford/"
  static let radius = "gp=1000,pharmacy=800,library=1200,foodbank=1500,greenspace=300"

  static func assets() -> [String] {
    [
      "pharmacy=" + CLI.repo(trafford + "trafford_pharmacies.geojson"),
      "library=" + CLI.repo(trafford + "trafford_libraries.geojson"),
      "foodbank=" + CLI.repo(trafford + "trafford_food_banks.geojson"),
      "gp=" + CLI.repo(trafford + "gp_practices_2026-05_pcn.geojson"),
      "greenspace=" + CLI.repo(trafford + "trafford_greenspace_sites.geojson"),
    ]
  }

  static func coverage(_ units: String) throws -> (String, CLIRun) {
    let out = try CLI.temporaryDirectory()
    let run = try CLI.run(
      ["coverage", CLI.repo(trafford + units)] + assets() + [
        "--radius", radius, "--population", CLI.repo(trafford + "oa21_pop_mid2024.geojson"),
        "--population-field", "pop_mid2024", "--out", out,
      ])
    return (out, run)
  }

  /// shapely totals over the 21 wards (and, to rounding, over the 4 localities, which tile the
  /// same ground): Σ gap m² and people out of reach per category.
  static let shapely: [String: (gap: Double, uncovered: Double)] = [
    "pharmacy": (49_871_355.51382248, 31_005.5337116923),
    "library": (62_147_447.889677614, 66_043.99764687149),
    "foodbank": (68_914_591.09916842, 109_088.18322122328),
    "gp": (59_850_158.93157912, 51_888.60478869757),
    "greenspace": (41_143_577.072788246, 31_124.093430154608),
  ]
  /// shapely: Σ unit area 106,041,055.944 m²; people in the wards 240,839.8216 (of 241,025 in the
  /// OA file: 185 fall outside the ward layer).
  static let totalArea = 106_041_055.94435026
  static let totalPeople = 240_839.82162722686

  @Test(arguments: ["wards23_full.geojson", "localities23_full.geojson"])
  func traffordCoverage(units: String) throws {
    let (out, run) = try Self.coverage(units)
    #expect(run.status == 0, "\(run.stderr)")
    let table = try CSVTable(path: out + "/coverage.csv")
    let unitCount = units.hasPrefix("wards") ? 21 : 4
    #expect(table.rows.count == unitCount * 5)
    for row in table.rows {
      let id = "\(row["unit_id"]!)/\(row["category"]!)"
      let share = CSVTable.number(row, "covered_share")!
      #expect(share >= 0 && share <= 1, "\(id) covered_share \(share)")
      let population = CSVTable.number(row, "population")!
      let covered = CSVTable.number(row, "population_covered")!,
        uncovered = CSVTable.number(row, "population_uncovered")!
      // Three values each rounded to 2 decimals in the CSV: at most 0.015 apart. (Exact to 1e-9 in
      // TraffordCoverageTests, through the library.)
      #expect(abs(covered + uncovered - population) <= 0.015, "\(id)")
      #expect(covered >= -0.005 && uncovered >= -0.005, "\(id)")
      // A unit with no asset inside is uncovered only if no buffer reaches it, and vice versa.
      let inside = Int(row["assets_inside"]!)!, reaching = Int(row["assets_reaching"]!)!
      #expect(reaching >= inside, "\(id)")
      if reaching == 0 { #expect(share == 0, "\(id)") }
      if inside == 0 && share == 0 { #expect(reaching == 0, "\(id)") }
      if share > 0 { #expect(reaching > 0, "\(id)") }
    }
    // Per-category totals against shapely.
    for (category, expected) in Self.shapely {
      let rows = table.rows.filter { $0["category"] == category }
      let gap = rows.reduce(0.0) { $0 + CSVTable.number($1, "gap_m2")! }
      let uncovered = rows.reduce(0.0) { $0 + CSVTable.number($1, "population_uncovered")! }
      #expect(relativelyClose(gap, expected.gap, 1e-6), "\(category): gap \(gap) vs shapely \(expected.gap)")
      #expect(
        relativelyClose(uncovered, expected.uncovered, 1e-6),
        "\(category): uncovered \(uncovered) vs shapely \(expected.uncovered)")
      let area = rows.reduce(0.0) { $0 + CSVTable.number($1, "area_m2")! }
      #expect(relativelyClose(area, Self.totalArea, 1e-8))
      let people = rows.reduce(0.0) { $0 + CSVTable.number($1, "population")! }
      #expect(relativelyClose(people, Self.totalPeople, 1e-6))
    }
    // gaps.geojson: one feature per (unit, category) with a gap; its area_m2 sums to gap_m2.
    let gaps = try Self.features(out + "/gaps.geojson")
    var gapByCategory: [String: Double] = [:]
    for feature in gaps {
      let properties = feature["properties"] as! [String: Any]
      gapByCategory[properties["category"] as! String, default: 0] +=
        (properties["area_m2"] as! NSNumber).doubleValue
      #expect(properties["unit_id"] is String)
    }
    for (category, expected) in Self.shapely {
      #expect(relativelyClose(gapByCategory[category], expected.gap, 1e-6), "gaps.geojson \(category)")
    }
    #expect(gaps.count == table.rows.filter { CSVTable.number($0, "gap_m2")! > 0 }.count)
  }

  /// Localities: per-unit gap areas and buffers reaching (shapely intersects(unit, buffer)).
  @Test func localityGapsAndReach() throws {
    let (out, run) = try Self.coverage("localities23_full.geojson")
    #expect(run.status == 0, "\(run.stderr)")
    let rows = try CSVTable(path: out + "/coverage.csv").rows
    let expected: [(String, String, Double, Int)] = [
      ("Central", "library", 6_212_367.278242932, 4), ("North", "library", 7_946_511.80409718, 7),
      ("South", "foodbank", 31_538_433.513247617, 4), ("West", "foodbank", 19_806_711.45384873, 3),
      ("North", "gp", 11_762_046.641365975, 6), ("South", "gp", 31_514_568.2451207, 14),
      ("Central", "greenspace", 1_536_710.2849710332, 103), ("West", "greenspace", 9_658_201.366284287, 121),
    ]
    for (unit, category, gap, reaching) in expected {
      let row = rows.first { $0["unit_id"] == unit && $0["category"] == category }
      #expect(relativelyClose(CSVTable.number(row, "gap_m2"), gap, 1e-6), "\(unit)/\(category)")
      #expect(row?["assets_reaching"] == "\(reaching)", "\(unit)/\(category)")
    }
  }

  static func features(_ path: String) throws -> [[String: Any]] {
    let root =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    return root["features"] as! [[String: Any]]
  }

  /// Units that carry their own residents are read once; the answer is the one a separate copy of
  /// the same file gives.
  @Test func unitsAsTheirOwnPopulation() throws {
    let directory = try CLI.temporaryDirectory()
    let units = CLI.repo(Self.trafford + "oa21_pop_mid2024.geojson")
    let copy = directory + "/population_copy.geojson"
    try FileManager.default.copyItem(atPath: units, toPath: copy)
    var tables: [String] = []
    for (name, population) in [("same", units), ("copy", copy)] {
      let run = try CLI.run([
        "coverage", units, "pharmacy=" + CLI.repo(Self.trafford + "trafford_pharmacies.geojson"), "--radius",
        "800",
        "--population", population, "--population-field", "pop_mid2024", "--out", directory + "/" + name,
      ])
      #expect(run.status == 0, "\(run.stderr)")
      tables.append(try String(contentsOfFile: directory + "/\(name)/coverage.csv", encoding: .utf8))
    }
    #expect(tables[0] == tables[1])
    #expect(tables[0].split(separator: "\n").count > 700)  // Trafford's Output Areas, one row each
  }
}
