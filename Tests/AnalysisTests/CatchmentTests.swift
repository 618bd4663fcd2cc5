import Foundation
import Layers
import Testing

@testable import Analysis

/// Catchments from registrations (issue 15) on a real extract (Tests/Fixtures/catchments: 238 rows of
/// the SSOT file, 8 LSOA21s of Stafford and Kinver, 2 named MSOA neighbourhoods) and hand-made tables.
/// Expected figures: pandas/geopandas on the same files (groupby sums, sort, cumsum; overlay areas in
/// EPSG:27700), independent of nbhd.
@Suite struct CatchmentTests {
  static func fixture(_ name: String) -> String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<2 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Fixtures/catchments/\(name)").path
  }

  static func lsoas() throws -> Layer {
    var options = LoadOptions()
    options.expected = .polygons
    options.idField = "lsoa21_code"
    return try LayerLoader.load(fixture("lsoas.geojson"), options: options)
  }

  static func run(_ file: String = "registrations_ssot_excerpt.csv", map: String? = nil) throws
    -> CatchmentResult
  {
    var table = try Registrations.read(fixture(file))
    if let map { table.apply(try PracticeMap.read(fixture(map))) }
    var options = CatchmentOptions()
    options.residentsField = "usual_residents_2021"
    options.threads = 2
    return try CatchmentAnalysis.run(table, lsoas: try lsoas(), options: options)
  }

  static func code(_ result: CatchmentResult, _ group: Int?) -> String? {
    group.map { result.groups[$0].code }
  }

  @Test func readsTheRawFileAndAccountsForEveryRow() throws {
    let result = try Self.run()
    let r = result.registrations
    #expect(r.rowsRead == 238)
    #expect(r.practices.count == 36)
    #expect(r.totalPatients == 19_900)
    #expect(r.ignoredColumns.map(\.column) == [9, 10, 11, 12, 13])
    #expect(r.practices.first { $0.code == "M83001" }?.name == "HORSEFAIR PRACTICE")  // from PRACTICE_NAME.x
    #expect(result.groups.count == 13)
    let inLayer = result.groups.reduce(0) { $0 + $1.patientsInLayer }
    #expect(inLayer == 13_052)
    let kinds = Dictionary(
      uniqueKeysWithValues: result.outsideByKind.map { ($0.kind, ($0.rows, $0.patients)) })
    #expect(kinds[.notAnLSOACode]! == (62, 531))
    #expect(kinds[.anotherNation]! == (22, 22))
    #expect(kinds[.pseudoCode]! == (1, 1))
    #expect(kinds[.notInLayer]! == (60, 6_294))
    let closed = result.outside.filter { $0.code == "CLOSED" }
    #expect(closed.reduce(0) { $0 + $1.rows } == 26 && closed.reduce(0) { $0 + $1.patients } == 150)
    let empty = result.outside.filter { $0.code == "EMPTY" }
    #expect(empty.reduce(0) { $0 + $1.rows } == 36 && empty.reduce(0) { $0 + $1.patients } == 381)
    // Every patient is either in a layer LSOA or outside.
    #expect(inLayer + result.outside.reduce(0) { $0 + $1.patients } == r.totalPatients)
  }

  @Test func majorityMatchesTheICBsOwnDerivation() throws {
    let result = try Self.run()
    let expected: [String: (String, Int, Int)] = [
      "E01029656": ("U83494", 1205, 1827), "E01029726": ("U84263", 642, 1756),
      "E01029727": ("U83494", 695, 1677), "E01029728": ("U83494", 584, 1524),
      "E01029729": ("U83494", 614, 1618), "E01029734": ("U84263", 912, 2270),
      "E01029735": ("U84263", 942, 2380),
    ]
    for (i, feature) in result.lsoas.features.enumerated() {
      let row = result.assignments[i]
      // The layer's own majority_pcn_code, made by the ICB from the full file.
      #expect(
        Self.code(result, row.top?.group) == feature.properties["majority_pcn_code"]?.text, "\(feature.id)")
      if let (pcn, patients, total) = expected[feature.id] {
        #expect(Self.code(result, row.top?.group) == pcn)
        #expect(row.top?.patients == patients && row.patients == total, "\(feature.id)")
        #expect(abs(row.topShare! - Double(patients) / Double(total)) < 1e-15)
      } else {
        #expect(feature.id == "E01029651")
        #expect(row.flag == .noPatients && row.top == nil)
      }
    }
    // E01029726: U84263 642 against U83494 631, the closest call.
    let close = result.lsoas.features.firstIndex { $0.id == "E01029726" }!
    #expect(Self.code(result, result.assignments[close].runnerUp?.group) == "U83494")
    #expect(result.assignments[close].runnerUp?.patients == 631)
    // Registration ratio: 1827 patients / 1781 residents.
    let first = result.lsoas.features.firstIndex { $0.id == "E01029656" }!
    #expect(abs(result.assignments[first].registrationRatio! - 1827.0 / 1781.0) < 1e-15)
    let majority = result.catchments.first { $0.method == .majority }!.catchments
    #expect(majority.map { Self.code(result, $0.group)! } == ["U83494", "U84263"])
    #expect(majority.map(\.members.count) == [4, 3])
    #expect(majority.map(\.patientsCovered) == [1205 + 695 + 584 + 614, 912 + 942 + 642])
    // The dissolved area is the members' total (they share edges exactly).
    for c in majority {
      let total = c.members.reduce(0.0) { $0 + result.lsoas.features[$1].geometry.polygonalArea }
      #expect(abs(c.area - total) <= 1e-9 * total)
    }
  }

  @Test func footprintAndThresholdMemberships() throws {
    let result = try Self.run()
    let footprint = result.catchments.first { $0.method == .footprint(0.8) }!.catchments
    // pandas: sort by patients desc, LSOA asc; keep while cumulative before < 0.8 of the total.
    let expected: [String: (lsoas: Int, covered: Int, total: Int)] = [
      "U04901": (4, 4, 4), "U08925": (6, 3270, 3645), "U12200": (3, 35, 37), "U12951": (1, 1, 1),
      "U16318": (3, 7, 8), "U39113": (1, 1, 1), "U56729": (1, 1, 1), "U57641": (1, 1, 1), "U69072": (1, 1, 1),
      "U83494": (6, 4404, 4988), "U84263": (5, 3631, 4345), "U87255": (1, 1, 1), "U88414": (2, 16, 19),
    ]
    #expect(footprint.count == 13)
    for c in footprint {
      let group = result.groups[c.group]
      let want = expected[group.code]!
      #expect(c.members.count == want.lsoas && c.patientsCovered == want.covered, "\(group.code)")
      #expect(group.patientsInLayer == want.total)
    }
    let threshold = result.catchments.first { $0.method == .threshold(0.2) }!.catchments
    #expect(threshold.map { Self.code(result, $0.group)! } == ["U08925", "U83494", "U84263"])
    #expect(threshold.map(\.members.count) == [7, 7, 6])
  }

  @Test func nationalLayoutWithAPracticeMapGivesTheSameFlows() throws {
    let ssot = try Self.run()
    let national = try Self.run("registrations_national_layout.csv", map: "practice_map_2025-10.csv")
    #expect(national.registrations.sexRule == .allRows)
    #expect(!national.registrations.hasPCNColumn)
    #expect(national.registrations.notInMap.isEmpty)
    #expect(national.groups.map(\.code) == ssot.groups.map(\.code))
    #expect(national.flows == ssot.flows)
    #expect(national.outside == ssot.outside)
  }

  @Test func neighbourhoodPatientsAgreeWithGeopandas() throws {
    let result = try Self.run()
    var options = LoadOptions()
    options.idField = "msoa11_code"
    options.nameField = "hcl_name"
    options.workingCRS = result.lsoas.crs
    let neighbourhoods = try LayerLoader.load(Self.fixture("neighbourhoods.geojson"), options: options)
    let patients = try NeighbourhoodPatients.compute(result, neighbourhoods: neighbourhoods, threads: 2)
    // geopandas overlay (EPSG:27700), each LSOA's patients × its area share.
    let expected: [String: [String: Double]] = [
      "E02006200": [
        "U04901": 0.0461946227, "U08925": 637.7478485163, "U12200": 1.4852012381, "U16318": 1.0537571017,
        "U69072": 0.9613678562, "U83494": 933.5541688027, "U84263": 740.0523784723, "U87255": 0.0461946227,
        "U88414": 0.1335001864,
      ],
      "E02006203": [
        "U04901": 2.7587172577, "U08925": 2187.2477517610, "U12200": 11.7821275892, "U12951": 0.0004329517,
        "U16318": 3.7055192711, "U39113": 0.8983048308, "U56729": 0.9061740980, "U57641": 0.0004329517,
        "U83494": 2297.9760795252, "U84263": 2830.0019322118, "U87255": 0.9538053773, "U88414": 5.4889553102,
      ],
    ]
    for (i, feature) in neighbourhoods.features.enumerated() {
      let want = expected[feature.id]!
      let got = patients.byNeighbourhood[i]
      #expect(got.count == want.count, "\(feature.id)")
      for share in got {
        let value = want[result.groups[share.group].code]!
        #expect(
          abs(share.patients - value) <= 1e-6 * value + 1e-9,
          "\(feature.id) \(result.groups[share.group].code)")
      }
    }
    // Σ over neighbourhoods and groups = the patients placed.
    let sum = neighbourhoods.features.indices.reduce(0.0) { $0 + patients.total($1) }
    #expect(abs(sum - patients.placedPatients) < 1e-9 * sum)
    #expect(abs(sum - (2315.0806114191 + 7341.7202331357)) < 1e-6 * sum)
    let mosspit = neighbourhoods.features.firstIndex { $0.id == "E02006203" }!
    let main = patients.main(mosspit)!
    #expect(result.groups[main.group].code == "U84263")
    #expect(abs(main.share - 2830.0019322118 / 7341.7202331357) < 1e-8)
  }

  static func table(_ text: String) throws -> Registrations {
    try Registrations.parse(CSVTable.parse(Array(text.utf8), source: "hand.csv"))
  }

  /// Hand-checked: SEX rows without ALL are summed; duplicate rows are summed and reported; a
  /// tie goes to the lower code; outside codes are sorted by kind.
  @Test func handMadeRules() throws {
    let text = """
      PRACTICE_CODE,LSOA_CODE,SEX,NUMBER_OF_PATIENTS,PCN_CODE
      P2,E01000002,MALE,3,B
      P2,E01000002,FEMALE,2,B
      P1,E01000002,MALE,5,A
      P1,E01000001,FEMALE,4,A
      P1,E01000001,FEMALE,1,A
      P2,E01000001,MALE,5,B
      P1,W01000001,MALE,1,A
      P1,L99999999,MALE,1,A
      P2,E01999999,MALE,7,B
      P2,CLOSED,MALE,2,B

      """
    let registrations = try Self.table(text)
    #expect(registrations.sexRule == .sumOfOthers)
    #expect(registrations.duplicates.count == 2)  // (P1, E01000001) and (P2, E01000002)
    #expect(registrations.totalPatients == 31)
    let features = ["E01000001", "E01000002"].enumerated().map { i, id in
      LayerFeature(
        index: i, id: id, name: nil, properties: [:],
        geometry: .polygon([
          [(Double(i), 0), (Double(i) + 1, 0), (Double(i) + 1, 1), (Double(i), 1), (Double(i), 0)]
        ]))
    }
    let layer = Layer(
      name: "square", source: "square", features: features,
      fields: IdentifierFields.detect(in: []), crs: "EPSG:27700", record: LoadRecord())
    var options = CatchmentOptions()
    options.methods = [.majority, .footprint(0.5), .threshold(0.5)]
    let result = try CatchmentAnalysis.run(registrations, lsoas: layer, options: options)
    // E01000001: A 5, B 5 → A (lower code); E01000002: A 5, B 5 → A.
    #expect(result.assignments.map { Self.code(result, $0.top?.group) } == ["A", "A"])
    #expect(result.assignments.map(\.topShare) == [0.5, 0.5])
    // Footprint 0.5: A has 5 + 5 → one LSOA (tie broken by code: E01000001); B the same.
    let footprint = result.catchments[1].catchments
    #expect(footprint.map { $0.members.map { features[$0].id } } == [["E01000001"], ["E01000001"]])
    // The dissolved square of two unit squares.
    #expect(abs(result.catchments[0].catchments[0].area - 2) < 1e-12)
    #expect(result.outside.map(\.kind) == [.anotherNation, .pseudoCode, .notAnLSOACode, .notInLayer])
    #expect(result.outside.map(\.code) == ["W01000001", "L99999999", "CLOSED", "E01999999"])
  }

  @Test func sexColumnUsesAllRowsWhenPresent() throws {
    let registrations = try Self.table(
      "PRACTICE_CODE,LSOA_CODE,SEX,NUMBER_OF_PATIENTS\nP1,E01000001,ALL,9\nP1,E01000001,MALE,4\nP1,E01000001,FEMALE,5\n"
    )
    #expect(registrations.sexRule == .allRows)
    #expect(registrations.rowsNotUsed == 2)
    #expect(registrations.totalPatients == 9)
  }

  @Test func outsideKinds() {
    #expect(OutsideKind.of("CLOSED") == .notAnLSOACode)
    #expect(OutsideKind.of("") == .notAnLSOACode)
    #expect(OutsideKind.of("S01014015") == .anotherNation)
    #expect(OutsideKind.of("N21000140") == .anotherNation)
    #expect(OutsideKind.of("M99999999") == .pseudoCode)
    #expect(OutsideKind.of("E01000001") == .notInLayer)
  }

  @Test func mapWinsOverTheFileAndDisagreementsAreListed() throws {
    var registrations = try Self.table(
      "PRACTICE_CODE,LSOA_CODE,NUMBER_OF_PATIENTS,PCN_CODE\nP1,E01000001,3,A\nP2,E01000001,3,B\n")
    registrations.apply(
      PracticeMap(source: "map", entries: ["P1": .init(practiceName: nil, pcnCode: "C", pcnName: "C PCN")]))
    #expect(registrations.disagreements == [.init(practice: "P1", filePCN: "A", mapPCN: "C")])
    #expect(registrations.notInMap == ["P2"])
    #expect(registrations.practices.map(\.pcn) == ["C", "B"])
  }
}
