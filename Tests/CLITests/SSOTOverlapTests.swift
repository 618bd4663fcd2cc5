import Foundation
import Testing

/// Issue 3 on Staffordshire & Stoke-on-Trent (../shared/data/ssot) through `nbhd overlap … --out DIR`.
///
/// Expected figures: an independent Python script (/work/venv: geopandas 1.2, shapely 2.2 on GEOS,
/// pyproj 3.7.2 / PROJ 9.5.1 with the same operation nbhd picks, "Inverse of OSGB36 to WGS 84 (6) +
/// British National Grid", since the OSTN15 grid is not installed) reprojected each layer to
/// EPSG:27700, intersected every pair with shapely.intersection and classified them by DESIGN.md §4
/// (τ = 0.95; slivers: < 100 m² or maximum inscribed circle radius < 10 m).
@Suite(.serialized) struct SSOTOverlapTests {
  static let lsoas = "ssot/lsoa21_pop2021_patients_pcn.geojson"
  static let majority = "ssot/pcn_catchments_majority_lsoa21_2025-10.geojson"
  static let footprints = "ssot/pcn_footprints80_lsoa21_2025-10.geojson"

  static func overlap(_ a: String, _ b: String, _ extra: [String] = []) throws -> String {
    let out = try CLI.temporaryDirectory()
    let run = try CLI.run(["overlap", CLI.shared(a)!, CLI.shared(b)!, "--out", out] + extra)
    #expect(run.status == 0, "\(run.stderr)")
    return out
  }

  /// Every LSOA21 with a majority PCN sits inside that PCN's majority catchment (the catchments
  /// are unions of exactly those LSOAs); E01029651, the one without, lies outside all of them.
  /// Every catchment is an aggregate of whole LSOAs. shapely: 696 pieces, 696 within + 1 outside,
  /// 25 aggregate, no two catchments overlap.
  @Test(.enabled(if: CLI.sharedAvailable(lsoas) && CLI.sharedAvailable(majority)))
  func lsoasNestInTheirMajorityPCN() throws {
    let out = try Self.overlap(
      Self.lsoas, Self.majority, ["--a-id-field", "lsoa21_code", "--b-id-field", "pcn_code"])
    let majority = try Self.majorityPCN()
    #expect(majority.count == 697)
    #expect(majority.values.filter { $0 != nil }.count == 696)
    let a = try CSVTable(path: out + "/a_summary.csv").keyed(by: "id")
    #expect(a.count == 697)
    for (code, pcn) in majority {
      let row = a[code]
      if let pcn {
        #expect(row?["class"] == "within", "\(code)")
        #expect(row?["best"] == pcn, "\(code): best \(row?["best"] ?? "nil"), majority PCN \(pcn)")
      } else {
        #expect(code == "E01029651")
        #expect(row?["class"] == "outside", "\(code)")
        #expect(row?["best"] == "", "\(code)")
        #expect(CSVTable.number(row, "uncovered_share") == 1)
      }
    }
    let b = try CSVTable(path: out + "/b_summary.csv")
    #expect(b.rows.count == 25)
    #expect(
      b.rows.allSatisfy { $0["class"] == "aggregate" },
      "\(b.rows.filter { $0["class"] != "aggregate" }.map { $0["id"]! })")
    #expect(try CSVTable(path: out + "/crosswalk.csv").rows.count == 696)
    // No overlaps and no gaps inside the majority catchments (built from disjoint LSOAs).
    #expect(try CSVTable(path: out + "/topology_b.csv").rows.isEmpty)
  }

  /// The 80% footprints overlap: 25 pairs, each well over 100 m². Areas from shapely 2.2
  /// (intersection of the two reprojected footprints), in m².
  static let footprintOverlaps: [(String, String, Double)] = [
    ("U05734", "U06256", 711220.1215263039), ("U05734", "U87255", 11091227.900566706),
    ("U05734", "U93998", 711220.1215263039), ("U06256", "U36512", 1515631.7786562622),
    ("U06256", "U87255", 1321836.1238968982), ("U06256", "U93998", 16355685.881466893),
    ("U08925", "U83494", 3233823.4488308867), ("U08925", "U84263", 67966481.51879993),
    ("U12200", "U88414", 5179693.06574505), ("U35724", "U85685", 6122880.633355096),
    ("U35724", "U91937", 4452828.757216004), ("U35724", "U93998", 1162937.2073580297),
    ("U36134", "U39113", 8264536.718832629), ("U36134", "U93998", 4600196.634770061),
    ("U36512", "U87255", 1110372.7280070665), ("U36512", "U93998", 4398816.885980681),
    ("U39113", "U93998", 2964876.8417884177), ("U46695", "U64148", 931161.2956388296),
    ("U69072", "U85685", 866748.2979437449), ("U69072", "U87255", 1866785.2271138893),
    ("U69072", "U93998", 1045679.4906714555), ("U81818", "U93998", 7430107.540314607),
    ("U83494", "U84263", 2733978.1831304897), ("U85685", "U93998", 1162937.2073580297),
    ("U87255", "U93998", 3186074.2269909857),
  ]

  @Test(.enabled(if: CLI.sharedAvailable(majority) && CLI.sharedAvailable(footprints)))
  func footprintOverlapsListed() throws {
    let out = try Self.overlap(Self.majority, Self.footprints)
    // Layer A (majority catchments): no overlaps.
    #expect(try CSVTable(path: out + "/topology_a.csv").rows.filter { $0["kind"] == "overlap" }.isEmpty)
    let overlaps = try CSVTable(path: out + "/topology_b.csv").rows.filter { $0["kind"] == "overlap" }
    let big = overlaps.filter { (Double($0["area_m2"]!) ?? 0) > 100 }
    #expect(big.count == 25)
    #expect(overlaps.count == big.count, "tiny overlaps: \(overlaps.count - big.count)")
    let found = Dictionary(
      overlaps.map { (Set([$0["first_id"]!, $0["second_id"]!]), Double($0["area_m2"]!)!) },
      uniquingKeysWith: +)
    for (first, second, area) in Self.footprintOverlaps {
      let actual = found[Set([first, second])]
      // The CSV keeps 2 decimals: compare to 1e-6 relative (the smallest area is 7e5 m²).
      #expect(
        relativelyClose(actual, area, 1e-6),
        "\(first)–\(second): \(actual.map { "\($0)" } ?? "missing") vs shapely \(area)")
    }
  }

  /// Named MSOA neighbourhoods × wards 2022: every neighbourhood gets a class. shapely: 836 pieces;
  /// A 117 split, 15 coterminous, 10 within, 1 aggregate; B 115 split, 71 within, 15 coterminous.
  @Test(
    .enabled(
      if: CLI.sharedAvailable("ssot/named_neighbourhoods_msoa11.geojson")
        && CLI.sharedAvailable("ssot/wards22.geojson")))
  func namedNeighbourhoodsByWards() throws {
    let out = try Self.overlap("ssot/named_neighbourhoods_msoa11.geojson", "ssot/wards22.geojson")
    let classes: Set = ["coterminous", "within", "aggregate", "split", "outside"]
    let a = try CSVTable(path: out + "/a_summary.csv")
    #expect(a.rows.count == 143)
    #expect(a.rows.allSatisfy { classes.contains($0["class"] ?? "") })
    func counts(_ table: CSVTable) -> [String: Int] {
      Dictionary(table.rows.map { ($0["class"]!, 1) }, uniquingKeysWith: +)
    }
    #expect(counts(a) == ["split": 117, "coterminous": 15, "within": 10, "aggregate": 1])
    let b = try CSVTable(path: out + "/b_summary.csv")
    #expect(b.rows.count == 201)
    #expect(counts(b) == ["split": 115, "within": 71, "coterminous": 15])
    #expect(try CSVTable(path: out + "/crosswalk.csv").rows.count == 836)
  }

  /// lsoa21_code → majority_pcn_code (nil when the property is null), read with JSONSerialization.
  static func majorityPCN() throws -> [String: String?] {
    let data = try Data(contentsOf: URL(fileURLWithPath: CLI.shared(lsoas)!))
    let root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    var result: [String: String?] = [:]
    for feature in root["features"] as! [[String: Any]] {
      let properties = feature["properties"] as! [String: Any]
      result[properties["lsoa21_code"] as! String] = properties["majority_pcn_code"] as? String
    }
    return result
  }
}
