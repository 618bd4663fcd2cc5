import Foundation
import Testing

/// `nbhd catchments` and `nbhd churn` end to end (issue 15): the fixture extract, and the issue's
/// figures on ../shared/data (skipped visibly without it; NBHD_SHARED_DATA may point at it).
@Suite(.serialized) struct CatchmentsCommandTests {
  static func fixture(_ name: String) -> String { CLI.repo("Tests/Fixtures/catchments/" + name) }

  /// A shared-data file: beside the checkout, else under NBHD_SHARED_DATA.
  static func shared(_ relative: String) -> String? {
    if let path = CLI.shared(relative) { return path }
    if let root = ProcessInfo.processInfo.environment["NBHD_SHARED_DATA"],
      FileManager.default.fileExists(atPath: root + "/" + relative)
    {
      return root + "/" + relative
    }
    return nil
  }

  static func available(_ files: String...) -> Bool {
    let missing = files.filter { shared($0) == nil }
    for file in missing { print("SKIPPED: ../shared/data/\(file) is not present (shared-data test)") }
    return missing.isEmpty
  }

  static func json(_ path: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
  }

  static func features(_ path: String) throws -> [[String: Any]] {
    (try json(path)["features"] as! [[String: Any]]).map { $0["properties"] as! [String: Any] }
  }

  static let registrations = "ssot/gp_patients_by_lsoa21_2025-10_raw.csv"
  static let ssotLSOAs = "ssot/lsoa21_pop2021_patients_pcn.geojson"
  static let nationalLSOAs = "national/lsoa21_england_bsc_pop2021.geojson"
  static let neighbourhoods = "ssot/named_neighbourhoods_msoa11.geojson"

  @Test func fixtureOutputsAreCompleteAndDeterministic() throws {
    var outputs: [String] = []
    for threads in ["1", "2"] {
      let out = try CLI.temporaryDirectory()
      let run = try CLI.run([
        "catchments", Self.fixture("registrations_ssot_excerpt.csv"), Self.fixture("lsoas.geojson"),
        "--residents-field", "usual_residents_2021", "--neighbourhoods",
        Self.fixture("neighbourhoods.geojson"),
        "--threads", threads, "--out", out,
      ])
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout.contains("ignored 5 column(s) with no header"))
      #expect(run.stdout.contains("Mosspit & Silkmore Lane: 0.385 at U84263"))
      outputs.append(out)
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: outputs[0]).sorted()
    #expect(
      files == [
        "catchments_footprint.geojson", "catchments_majority.geojson", "catchments_map.svg",
        "catchments_threshold.geojson", "flows.csv", "group_neighbourhoods.csv", "lsoa_assignment.csv",
        "neighbourhood_fit.csv", "neighbourhood_groups.csv", "outside.csv", "summary.json",
      ])
    for file in files where file != "summary.json" {
      #expect(
        FileManager.default.contents(atPath: outputs[0] + "/" + file)
          == FileManager.default.contents(atPath: outputs[1] + "/" + file),
        "\(file) differs between 1 and 2 threads")
    }
    let assignment = try CSVTable(path: outputs[0] + "/lsoa_assignment.csv").keyed(by: "lsoa_code")
    #expect(assignment["E01029651"]?["flag"] == "no_patients")
    #expect(assignment["E01029656"]?["top_group"] == "U83494")
    #expect(assignment["E01029656"]?["top_share"] == "0.659551")
    #expect(assignment["E01029656"]?["registration_ratio"] == "1.025828")  // 1827 / 1781
    let majority = try Self.features(outputs[0] + "/catchments_majority.geojson")
    #expect(majority.map { $0["code"] as! String } == ["U83494", "U84263"])
    #expect(majority.map { $0["lsoas"] as! Int } == [4, 3])
    let summary = try Self.json(outputs[0] + "/summary.json")
    let kinds = (summary["patients"] as! [String: Any])["outside_by_kind"] as! [String: [String: Int]]
    #expect(kinds["not_an_lsoa_code"] == ["rows": 62, "patients": 531])
    #expect(kinds["lsoa_not_in_layer"] == ["rows": 60, "patients": 6294])
  }

  @Test func nationalLayoutNeedsAMapAndTheMapWins() throws {
    let out = try CLI.temporaryDirectory()
    let run = try CLI.run([
      "catchments", Self.fixture("registrations_ssot_excerpt.csv"), Self.fixture("lsoas.geojson"),
      "--practice-map", Self.fixture("practice_map_2025-10.csv"), "--method", "majority", "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("majority: 2 catchments, 7 LSOAs"))
    let practice = try CLI.run([
      "catchments", Self.fixture("registrations_national_layout.csv"), Self.fixture("lsoas.geojson"),
      "--group", "practice", "--method", "majority", "--out", out + "/practice",
    ])
    #expect(practice.status == 0, "\(practice.stderr)")
    #expect(practice.stdout.contains("36 practices; 13,052 patients in 8 layer LSOAs"))
  }

  /// Issue 15's figures on the 697-LSOA layer: every LSOA's majority PCN is the layer's own
  /// `majority_pcn_code`; the 25 catchments have the reference file's LSOA counts and areas
  /// (geopandas, EPSG:27700); the outside rows are counted exactly.
  @Test(.enabled(if: available(registrations, ssotLSOAs)))
  func ssotMajority() throws {
    let out = try CLI.temporaryDirectory()
    let run = try CLI.run([
      "catchments", Self.shared(Self.registrations)!, Self.shared(Self.ssotLSOAs)!, "--method", "majority",
      "--residents-field", "usual_residents_2021", "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let layer = try Self.features(Self.shared(Self.ssotLSOAs)!)
    let assignment = try CSVTable(path: out + "/lsoa_assignment.csv").keyed(by: "lsoa_code")
    #expect(assignment.count == 697)
    var matched = 0
    for feature in layer {
      let code = feature["lsoa21_code"] as! String
      let pcn = feature["majority_pcn_code"] as? String
      #expect(assignment[code]?["top_group"] == (pcn ?? ""), "\(code)")
      if pcn != nil { matched += 1 }
    }
    #expect(matched == 696)
    #expect(assignment["E01029651"]?["flag"] == "no_patients")
    let reference: [String: (Int, Double)] = [
      "U04901": (18, 239043263.0), "U05734": (18, 11437526.6), "U06256": (24, 13351696.1),
      "U08925": (19, 171087834.6), "U12200": (27, 34531280.5), "U12951": (30, 214707382.4),
      "U16318": (25, 132202463.1), "U35724": (24, 28010280.9), "U36134": (24, 12748297.7),
      "U36512": (22, 37014600.1), "U39113": (24, 145063200.9), "U46695": (20, 33536972.6),
      "U56729": (35, 171544902.2), "U57641": (77, 435930246.7), "U64148": (25, 72351485.3),
      "U69072": (22, 36563368.1), "U79533": (57, 142407740.0), "U81818": (27, 50348463.1),
      "U83494": (16, 174643052.1), "U84263": (29, 75276583.5), "U85685": (33, 16413564.5),
      "U87255": (21, 10205512.1), "U88414": (38, 61448784.2), "U91937": (23, 371163342.9),
      "U93998": (18, 12173410.5),
    ]
    let catchments = try Self.features(out + "/catchments_majority.geojson")
    #expect(catchments.count == 25)
    for c in catchments {
      let (lsoas, area) = reference[c["code"] as! String]!
      #expect(c["lsoas"] as! Int == lsoas)
      #expect(abs((c["area_m2"] as! Double) - area) <= 1e-5 * area, "\(c["code"]!)")
    }
    let summary = try Self.json(out + "/summary.json")
    let patients = summary["patients"] as! [String: Any]
    let codes = patients["outside_codes_not_english_lsoas"] as! [String: [String: Any]]
    #expect(codes["CLOSED"]?["rows"] as? Int == 86 && codes["CLOSED"]?["patients"] as? Int == 333)
    #expect(codes["EMPTY"]?["rows"] as? Int == 130 && codes["EMPTY"]?["patients"] as? Int == 1048)
    let kinds = patients["outside_by_kind"] as! [String: [String: Int]]
    #expect(kinds["another_nation"] == ["rows": 43, "patients": 47])
    #expect(kinds["pseudo_code"] == ["rows": 5, "patients": 5])
    #expect(patients["total"] as? Int == 1_210_283)
  }

  /// Footprint 0.8 on the national LSOA21 layer against the reference footprints, and the named
  /// neighbourhoods' patients against the geopandas peer (tools/peers/catchments_geopandas.py).
  @Test(
    .enabled(
      if: available(
        registrations, nationalLSOAs, neighbourhoods, "ssot/pcn_footprints80_lsoa21_2025-10.geojson")))
  func ssotFootprintOnTheNationalLayerAndNeighbourhoods() throws {
    let out = try CLI.temporaryDirectory()
    let run = try CLI.run([
      "catchments", Self.shared(Self.registrations)!, Self.shared(Self.nationalLSOAs)!, "--method",
      "footprint",
      "--neighbourhoods", Self.shared(Self.neighbourhoods)!, "--neighbourhood-id-field", "msoa11_code",
      "--neighbourhood-name-field", "hcl_name", "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let reference = try Self.features(Self.shared("ssot/pcn_footprints80_lsoa21_2025-10.geojson")!)
    let ours = Dictionary(
      uniqueKeysWithValues: try Self.features(out + "/catchments_footprint.geojson").map {
        ($0["code"] as! String, $0)
      })
    #expect(reference.count == 25 && ours.count == 25)
    for r in reference {
      let code = r["pcn_code"] as! String
      let c = try #require(ours[code])
      #expect(c["lsoas"] as! Int == r["n_lsoa21"] as! Int, "\(code)")
      #expect(c["patients_in_layer"] as! Int == r["pcn_patients"] as! Int, "\(code)")
      let share = (c["share_covered"] as! Double * 10_000).rounded() / 10_000
      #expect(abs(share - (r["share_covered"] as! Double)) < 1e-9, "\(code)")
    }
    // geopandas peer: (neighbourhood, main PCN, its patients, all patients), lowest coterminosity first.
    let peer: [(String, String, Double, Double)] = [
      ("E02006203", "U84263", 2830.001932, 7341.720233), ("E02002961", "U06256", 2952.344128, 7620.520266),
      ("E02006200", "U83494", 933.554169, 2315.080611), ("E02002953", "U36512", 3385.949088, 8374.759561),
      ("E02006164", "U93998", 3643.730803, 8975.674054), ("E02006189", "U04901", 3340.675303, 7679.450694),
    ]
    let rows = try CSVTable(path: out + "/neighbourhood_groups.csv").rows
    let fit = try CSVTable(path: out + "/neighbourhood_fit.csv").keyed(by: "neighbourhood_id")
    for (id, pcn, patients, total) in peer {
      let row = try #require(rows.first { $0["neighbourhood_id"] == id && $0["group_code"] == pcn })
      #expect(abs(Double(row["patients"]!)! - patients) <= 1e-6 * patients, "\(id)")
      #expect(abs(Double(fit[id]!["patients"]!)! - total) <= 1e-6 * total, "\(id)")
      #expect(fit[id]?["main_group"] == pcn)
    }
    // Σ over neighbourhoods and groups = Σ over LSOAs of patients × share of area inside the
    // neighbourhoods (shapely: 1,177,498.621191).
    let sum = rows.reduce(0.0) { $0 + Double($1["patients"]!)! }
    #expect(abs(sum - 1_177_498.621191) <= 1e-6 * sum)
    let summary = try Self.json(out + "/summary.json")
    let lowest =
      ((summary["neighbourhoods"] as! [String: Any])["lowest_patient_coterminosity"] as! [[String: Any]])
    #expect(lowest.prefix(6).map { $0["id"] as! String } == peer.map(\.0))
  }

  @Test(
    .enabled(
      if: available(
        "national/lookups/gp_practice_pcn_map_2022-01.csv", "national/lookups/gp_practice_pcn_map_2025-10.csv"
      )))
  func nationalChurn() throws {
    let out = try CLI.temporaryDirectory()
    let run = try CLI.run([
      "churn", Self.shared("national/lookups/gp_practice_pcn_map_2022-01.csv")!,
      Self.shared("national/lookups/gp_practice_pcn_map_2025-10.csv")!, "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("practices: 341 left, 16 joined, 461 moved, 5,725 stayed"))
    #expect(run.stdout.contains("PCNs: 1,255 before, 1,298 after"))
    let summary = try Self.json(out + "/summary.json")
    #expect(
      summary["practices"] as? [String: Int] == ["left": 341, "joined": 16, "moved": 461, "stayed": 5725])
    let practices = try CSVTable(path: out + "/practices.csv").rows
    #expect(practices.count == 341 + 16 + 461 + 5725)
  }
}
