import Foundation
import Testing

/// National runs of issue 3 (crosswalk) and §6 (interpolation). They need ../shared/data AND the
/// release binary .build/release/nbhd (`swift build -c release --product nbhd`): in a debug build
/// these runs take minutes, so without the release binary they are skipped with a printed
/// "SKIPPED: …" line. Release timings on the 2-core machine: overlap 17 s, interpolate 7 s.
///
/// Expected figures: shapely 2.2 / pyproj 3.7.2 (PROJ 9.5.1, operation "Inverse of OSGB36 to WGS 84
/// (6) + British National Grid", the one nbhd picks without the OSTN15 grid); invalid LSOA rings
/// repaired with make_valid(method="linework"); STRtree(predicate="intersects") candidates,
/// shapely.intersection, pairs with area > 0. Interpolation: tobler 0.13
/// area_interpolate(allocate_total=False) on the same reprojected frames.
@Suite(.serialized) struct NationalOverlapTests {
  static let lsoa11 = "national/lsoa11_ew_bsc.geojson"
  static let sicbl = "national/sicbl21_england_epsg27700.geojson"
  static let lsoa21 = "national/lsoa21_england_bsc_pop2021.geojson"

  /// The 53 (Welsh LSOA11, English sub-ICB) pairs with positive overlap area (shapely). They are
  /// generalisation overlaps along the border; one (W01000446 × E38000236) is only 0.003 m².
  static let welshPairs: [(String, String)] = [
    ("W01000255", "E38000233"), ("W01000256", "E38000233"), ("W01000274", "E38000233"),
    ("W01000283", "E38000233"), ("W01000303", "E38000233"), ("W01000329", "E38000233"),
    ("W01000330", "E38000233"), ("W01000331", "E38000233"), ("W01000332", "E38000233"),
    ("W01000345", "E38000233"), ("W01000346", "E38000233"), ("W01000346", "E38000257"),
    ("W01000359", "E38000257"), ("W01000361", "E38000257"), ("W01000383", "E38000233"),
    ("W01000384", "E38000233"), ("W01000394", "E38000257"), ("W01000403", "E38000257"),
    ("W01000404", "E38000257"), ("W01000407", "E38000257"), ("W01000417", "E38000233"),
    ("W01000418", "E38000233"), ("W01000427", "E38000257"), ("W01000434", "E38000257"),
    ("W01000441", "E38000257"), ("W01000443", "E38000236"), ("W01000445", "E38000236"),
    ("W01000446", "E38000236"), ("W01000447", "E38000257"), ("W01000448", "E38000257"),
    ("W01000449", "E38000236"), ("W01000449", "E38000257"), ("W01000457", "E38000257"),
    ("W01000458", "E38000257"), ("W01000470", "E38000257"), ("W01000476", "E38000257"),
    ("W01000484", "E38000236"), ("W01000485", "E38000236"), ("W01000486", "E38000236"),
    ("W01000497", "E38000257"), ("W01001548", "E38000236"), ("W01001552", "E38000236"),
    ("W01001554", "E38000236"), ("W01001568", "E38000236"), ("W01001583", "E38000062"),
    ("W01001585", "E38000062"), ("W01001587", "E38000062"), ("W01001594", "E38000062"),
    ("W01001595", "E38000062"), ("W01001599", "E38000062"), ("W01001599", "E38000236"),
    ("W01001907", "E38000257"), ("W01001930", "E38000257"),
  ]

  @Test(
    .enabled(
      if: CLI.sharedAvailable(lsoa11) && CLI.sharedAvailable(sicbl)
        && ReleaseBinary.available("national crosswalk")))
  func lsoa11BySubICB() throws {
    let out = try CLI.temporaryDirectory()
    let run = try ReleaseBinary.run([
      "overlap", CLI.shared(Self.lsoa11)!, CLI.shared(Self.sicbl)!, "--no-topology", "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let crosswalk = try CSVTable(path: out + "/crosswalk.csv")
    // shapely: 37,102 intersecting pairs, all with positive area; Σ area 130,186,217,446.76068 m².
    #expect(crosswalk.rows.count == 37_102)
    let summary = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
    let total = Self.find("total_area_m2", in: summary)
    #expect(
      relativelyClose(total, 130_186_217_446.76068, 1e-6),
      "total_area_m2 \(total.map { "\($0)" } ?? "missing")")
    let csvTotal = crosswalk.rows.reduce(0.0) { $0 + (Double($1["area_m2"]!) ?? .nan) }
    #expect(relativelyClose(csvTotal, 130_186_217_446.76068, 1e-6), "Σ crosswalk area_m2 = \(csvTotal)")
    let pairs = Set(crosswalk.rows.map { $0["a_id"]! + "|" + $0["b_id"]! })
    for (lsoa, subICB) in Self.welshPairs {
      #expect(pairs.contains(lsoa + "|" + subICB), "missing Welsh pair \(lsoa) × \(subICB)")
    }
    #expect(crosswalk.rows.filter { $0["a_id"]!.hasPrefix("W") }.count == 53)
  }

  /// tobler 0.13 per sub-ICB values of usual_residents_2021 (area-weighted, allocate_total=False);
  /// every 10th sub-ICB in file order plus the smallest.
  static let tobler: [String: Double] = [
    "E38000006": 244030.6854944833, "E38000030": 175565.17870160856, "E38000068": 126781.74804429435,
    "E38000117": 331708.7055618026, "E38000143": 266020.18980868545, "E38000174": 297793.9246262987,
    "E38000200": 122323.7924316767, "E38000223": 567299.7332924869, "E38000235": 536698.08350679,
    "E38000246": 1056845.7289344333, "E38000257": 508068.561886054, "E38000170": 114085.80828225234,
  ]

  @Test(
    .enabled(
      if: CLI.sharedAvailable(lsoa21) && CLI.sharedAvailable(sicbl)
        && ReleaseBinary.available("national interpolation")))
  func interpolateResidentsToSubICB() throws {
    let out = try CLI.temporaryDirectory()
    let run = try ReleaseBinary.run([
      "interpolate", CLI.shared(Self.lsoa21)!, CLI.shared(Self.sicbl)!, "--extensive", "usual_residents_2021",
      "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    // Source total 56,490,046 (Census 2021); tobler's Σ over targets 56,279,824.40121323 (the rest
    // falls outside the generalised sub-ICB layer, mostly along the coast).
    #expect(run.stderr.contains("source total 56490046.000"), "\(run.stderr)")
    let table = try CSVTable(path: out + "/interpolated.csv")
    #expect(table.rows.count == 106)
    let values = table.keyed(by: "id").mapValues { Double($0["usual_residents_2021"]!) }
    let total = values.values.reduce(0.0) { $0 + ($1 ?? .nan) }
    #expect(relativelyClose(total, 56_279_824.40121323, 1e-9), "Σ interpolated \(total)")
    // The printed conservation check: interpolated vs inside-the-target-layer total.
    let numbers = Self.printedNumbers(run.stderr)
    #expect(numbers.count >= 3)
    if numbers.count >= 3 {
      #expect(
        relativelyClose(numbers[2], numbers[1], 1e-9), "interpolated \(numbers[2]) vs expected \(numbers[1])")
      #expect(relativelyClose(numbers[1], 56_279_824.40121323, 1e-9))
    }
    for (code, expected) in Self.tobler {
      #expect(
        relativelyClose(values[code] ?? nil, expected, 1e-6),
        "\(code): nbhd \(String(describing: values[code])) vs tobler \(expected)")
    }
  }

  /// "source total X, inside the target layer Y, interpolated Z" → [X, Y, Z].
  static func printedNumbers(_ text: String) -> [Double] {
    var result: [Double] = []
    for key in ["source total ", "inside the target layer ", "interpolated "] {
      guard let range = text.range(of: key) else { continue }
      let rest = text[range.upperBound...].prefix { $0.isNumber || $0 == "." || $0 == "-" }
      if let value = Double(rest) { result.append(value) }
    }
    return result
  }

  /// The first number under `key` anywhere in a JSON document.
  static func find(_ key: String, in value: Any) -> Double? {
    if let object = value as? [String: Any] {
      if let number = object[key] as? NSNumber { return number.doubleValue }
      for child in object.values { if let found = find(key, in: child) { return found } }
    } else if let array = value as? [Any] {
      for child in array { if let found = find(key, in: child) { return found } }
    }
    return nil
  }
}
