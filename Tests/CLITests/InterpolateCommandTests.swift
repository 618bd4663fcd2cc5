import Foundation
import Testing

/// DESIGN.md §6 through `nbhd interpolate` on Trafford: OA population (mid-2024) to the 2023 wards.
///
/// Expected figures: tobler 0.13 area_interpolate(allocate_total=False) on frames reprojected with
/// pyproj 3.7.2 / PROJ 9.5.1 ("Inverse of OSGB36 to WGS 84 (6) + British National Grid"). Source
/// total 241,025; tobler's Σ over wards 240,839.8216540272 (185 people in OA slivers outside the
/// ward layer).
@Suite struct InterpolateCommandTests {
  static let tobler: [String: Double] = [
    "E05015239": 11856.252017537256, "E05015242": 13536.75419310988, "E05015247": 13945.296794386535,
    "E05015251": 10889.621715060097, "E05015255": 11248.153385332294, "E05015259": 11288.956261956082,
  ]

  @Test func oaPopulationToWards() throws {
    let out = try CLI.temporaryDirectory()
    let run = try CLI.run([
      "interpolate", CLI.repo("data/trafford/oa21_pop_mid2024.geojson"),
      CLI.repo("data/trafford/wards23_full.geojson"),
      "--extensive", "pop_mid2024", "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("source total 241025.000"), "\(run.stderr)")
    let numbers = NationalOverlapTests.printedNumbers(run.stderr)
    #expect(numbers.count == 3)
    if numbers.count == 3 { #expect(relativelyClose(numbers[2], numbers[1], 1e-9), "\(numbers)") }
    let rows = try CSVTable(path: out + "/interpolated.csv").keyed(by: "id")
    #expect(rows.count == 21)
    let total = rows.values.reduce(0.0) { $0 + CSVTable.number($1, "pop_mid2024")! }
    // Against tobler's total to 1e-9 relative (measured: 1.0e-10; the CSV keeps 6 decimals).
    #expect(relativelyClose(total, 240_839.8216540272, 1e-9), "Σ \(total)")
    for (code, expected) in Self.tobler {
      #expect(relativelyClose(CSVTable.number(rows[code], "pop_mid2024"), expected, 1e-6), "\(code)")
    }
  }
}
