import Analysis
import Foundation
import GeoCore
import Layers
import Reports
import TestSupport
import Testing

/// The crosswalk tables of the golden squares (Tests/Fixtures/golden/README.md), whose every
/// figure is worked out by hand: two 1 km squares A1, A2 against B1 (1,500 m × 600 m), B2
/// (1,500 m × 400 m) and B3 (500 m × 1 km, inside A2).
@Suite struct CrosswalkTablesTests {
  static func run() throws -> OverlapRun {
    var optionsA = LoadOptions()
    optionsA.idField = "code"
    var optionsB = LoadOptions()
    optionsB.idField = "ward"
    let a = try LayerLoader.load(SharedData.repo("Tests/Fixtures/golden/a.geojson"), options: optionsA)
    let b = try LayerLoader.load(SharedData.repo("Tests/Fixtures/golden/b.geojson"), options: optionsB)
    return try OverlapRun.analyse(a, b)
  }

  @Test func crosswalkRows() throws {
    let csv = CrosswalkTables.crosswalk(try Self.run())
    // share_of_b of A1 ∩ B1: 600,000 / 900,000; IoU: 600,000 / (1,000,000 + 900,000 − 600,000).
    let expected = """
      a_id,a_name,b_id,b_name,area_m2,share_of_a,share_of_b,iou,sliver,method
      A1,West,B1,South,600000.00,0.600000,0.666667,0.461538,false,intersection
      A1,West,B2,North,400000.00,0.400000,0.666667,0.333333,false,intersection
      A2,East,B1,South,300000.00,0.300000,0.333333,0.187500,false,intersection
      A2,East,B2,North,200000.00,0.200000,0.333333,0.142857,false,intersection
      A2,East,B3,Edge,500000.00,0.500000,1.000000,0.500000,false,b_within_a

      """
    #expect(String(decoding: csv.bytes, as: UTF8.self) == expected)
  }

  /// B's side: B3 lies wholly inside A2 (within); B1 and B2 straddle the A1/A2 boundary (split).
  @Test func summaryOfB() throws {
    let text = String(decoding: CrosswalkTables.summary(try Self.run(), side: .b).bytes, as: UTF8.self)
    let rows = text.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    #expect(rows.map { String($0[0]) } == ["B1", "B2", "B3"])
    #expect(rows.map { String($0[2]) } == ["900000.00", "600000.00", "500000.00"])
    #expect(rows.map { String($0[3]) } == ["A1", "A1", "A2"])  // best match: the larger share
    #expect(rows.map { String($0[12]) } == ["split", "split", "within"])
  }

  /// One row per overlay piece in summary.json's totals: five pieces covering 2 km².
  @Test func summaryFigures() throws {
    let json = OverlapSummary.json(try Self.run(), versions: [:], files: [])
    #expect(json.prettyJSON.contains("\"count\": 5"))
    #expect(json.prettyJSON.contains("\"total_area_m2\": 2000000"))
  }
}
