import Foundation
import Testing

/// Bad input to overlap, interpolate and coverage (issues 3–4, DESIGN.md §9/§11): exit 1 with one
/// line naming the file, feature and problem (exit 2 with a clear message for options naming a field
/// that does not exist, and for bad option values), no crash, and no output folder left behind.
@Suite struct AnalysisBadInputTests {
  static let wards = CLI.repo("data/trafford/wards23_full.geojson")
  static let localities = CLI.repo("data/trafford/localities23_full.geojson")
  static let oas = CLI.repo("data/trafford/oa21_pop_mid2024.geojson")
  static func bad(_ name: String) -> String { CLI.repo("Tests/Fixtures/bad/" + name) }

  /// Runs `arguments --out <fresh folder>` and checks the failure shape; returns stderr.
  @discardableResult
  static func fails(_ arguments: [String], status: Int32 = 1, singleLine: Bool = true, mentions: [String])
    throws -> String
  {
    let parent = try CLI.temporaryDirectory()
    let out = parent + "/out"
    let run = try CLI.run(arguments + ["--out", out])
    #expect(run.status == status, "\(arguments): \(run.stderr)")
    #expect(run.stdout.isEmpty)
    if singleLine { #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)") }
    for text in mentions { #expect(run.stderr.contains(text), "expected \"\(text)\" in: \(run.stderr)") }
    #expect(!FileManager.default.fileExists(atPath: out), "partial output left in \(out)")
    return run.stderr
  }

  @Test func layersThatDoNotOverlap() throws {
    try Self.fails(
      ["overlap", Self.wards, Self.bad("cornwall_square.geojson")],
      mentions: [
        "wards23_full.geojson", "cornwall_square.geojson", "do not overlap at all", "--a-crs/--b-crs",
      ])
  }

  @Test func emptyLayer() throws {
    try Self.fails(
      ["overlap", Self.wards, Self.bad("empty_collection.geojson")],
      mentions: ["empty_collection.geojson", "no usable polygons (0 features read"])
  }

  /// Projected coordinates and no crs member: the message names file, feature and suggests --b-crs, layer B's own flag.
  @Test func projectedFileWithoutCRS() throws {
    try Self.fails(
      ["overlap", Self.wards, Self.bad("projected_no_crs.geojson")],
      mentions: [
        "projected_no_crs.geojson", "feature 0", "outside longitude/latitude range", "--b-crs EPSG:27700",
      ])
  }

  /// An id field that no feature has is an option error (exit 2) naming the file and the fields there are.
  @Test func missingIDField() throws {
    try Self.fails(
      ["overlap", Self.wards, Self.localities, "--a-id-field", "NOPE"], status: 2,
      mentions: ["wards23_full.geojson", "\"NOPE\"", "area_code"])
  }

  @Test func populationFieldNotNumeric() throws {
    try Self.fails(
      ["overlap", Self.wards, Self.localities, "--population", Self.oas, "--population-field", "la_name"],
      mentions: ["oa21_pop_mid2024.geojson", "feature 0", "E00030771", "\"la_name\"", "not a count"])
    try Self.fails(
      ["interpolate", Self.oas, Self.wards, "--extensive", "la_name"],
      mentions: ["oa21_pop_mid2024.geojson", "feature 0", "\"la_name\"", "not a number"])
  }

  @Test func interpolateFieldMissing() throws {
    try Self.fails(
      ["interpolate", Self.oas, Self.wards, "--extensive", "NOPE"], status: 2,
      mentions: ["oa21_pop_mid2024.geojson", "\"NOPE\"", "pop_mid2024"])
  }

  @Test func coverageCategoryFieldMissing() throws {
    try Self.fails(
      ["coverage", Self.wards, Self.bad("assets_far_and_no_category.geojson"), "--category-field", "kind"],
      status: 2,
      mentions: ["assets_far_and_no_category.geojson", "category field \"kind\"", "properties are: name"])
  }

  /// Radius 0, negative, not a number: usage errors (exit 2) that say what is wrong. ArgumentParser
  /// adds its two "Usage/See --help" lines, so these are not single-line.
  @Test(arguments: [
    (["--radius", "0"], "radius 0 must be more than 0 metres"),
    (["--radius=-5"], "radius -5 must be more than 0 metres"),
    (["--radius", "far"], "radius \"far\" is not a number of metres"),
    (["--radius", "x=800,y=-1"], "must be more than 0 metres"),
  ])
  func coverageBadRadius(option: [String], message: String) throws {
    try Self.fails(
      ["coverage", Self.wards, "x=" + Self.bad("assets_far_and_no_category.geojson")] + option, status: 2,
      singleLine: false, mentions: ["--radius", message])
  }

  /// `--radius -5` (with a space) is taken by ArgumentParser as a new option: still exit 2 and a
  /// message about --radius, though not the clearest one ("Missing value for '--radius <radius>'").
  @Test func coverageNegativeRadiusWithSpace() throws {
    try Self.fails(
      ["coverage", Self.wards, "x=" + Self.bad("assets_far_and_no_category.geojson"), "--radius", "-5"],
      status: 2,
      singleLine: false, mentions: ["--radius"])
  }

  @Test func coverageEmptyAssetFile() throws {
    try Self.fails(
      ["coverage", Self.wards, "x=" + Self.bad("empty_collection.geojson")],
      mentions: ["empty_collection.geojson", "no usable assets (0 features read)"])
  }

  /// One asset in Altrincham, one in Penzance: exit 0, the far one counted in a note and listed.
  @Test func coverageAssetOutsideEveryUnit() throws {
    let out = try CLI.temporaryDirectory() + "/out"
    let run = try CLI.run([
      "coverage", Self.wards, "x=" + Self.bad("assets_far_and_no_category.geojson"), "--radius", "800",
      "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("note: 1 assets lie outside every unit"), "\(run.stdout)")
    let summary =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
      as! [String: Any]
    let outside = summary["assets_outside_every_unit"] as? [String]
    #expect(outside?.count == 1)
    #expect(outside?.first?.contains("Penzance") == true)
    let rows = try CSVTable(path: out + "/coverage.csv").rows
    #expect(rows.count == 21)
    #expect(rows.map { Int($0["assets_inside"]!)! }.reduce(0, +) == 1)
  }
}
