import Analysis
import GeoCore
import Layers

/// summary.json of a catchment derivation: inputs, parameters, the accounting of every row, and
/// the figures per method and per neighbourhood.
public enum CatchmentSummary {
  /// The summary document; `files` lists the files written, summary.json last.
  public static func json(
    _ result: CatchmentResult, neighbourhoods: NeighbourhoodPatients?, versions: JSONObject, files: [String]
  ) -> JSONValue {
    let r = result.registrations
    func number(_ n: Int) -> JSONValue { .number(Double(n)) }
    var object = JSONObject()
    object["versions"] = .object(versions)
    var registrations: JSONObject = [
      "file": .string(r.source), "rows": number(r.rowsRead), "rows_not_used": number(r.rowsNotUsed),
      "sex_rule": .string(r.sexRule.rawValue), "practices": number(r.practices.count),
      "patients": number(r.totalPatients), "has_pcn_column": .bool(r.hasPCNColumn),
      "ignored_columns": .array(
        r.ignoredColumns.map { .object(["column": number($0.column), "filled_rows": number($0.filledRows)]) }),
      "duplicate_pairs": number(r.duplicates.count),
      "duplicate_rows": number(r.duplicates.reduce(0) { $0 + $1.rows }),
      "duplicates": .array(
        r.duplicates.prefix(100).map {
          .object([
            "practice": .string(r.practices[$0.practice].code), "lsoa": .string($0.lsoa),
            "rows": number($0.rows),
            "patients": number($0.patients),
          ])
        }),
    ]
    if let map = r.practiceMap {
      registrations["practice_map"] = .string(map)
      registrations["practices_not_in_map"] = .array(r.notInMap.map { .string($0) })
      registrations["map_overrides_file_pcn"] = .array(
        r.disagreements.map {
          .object([
            "practice": .string($0.practice), "file_pcn": .string($0.filePCN), "map_pcn": .string($0.mapPCN),
          ])
        })
    }
    object["inputs"] = .object([
      "registrations": .object(registrations), "lsoas": result.lsoas.summaryJSON,
      "neighbourhoods": neighbourhoods.map { $0.neighbourhoods.summaryJSON } ?? .null,
    ])
    var parameters: JSONObject = [
      "group": .string(result.options.grouping.rawValue),
      "methods": .array(result.options.methods.map { .string($0.description) }),
      "min_coverage": .number(result.options.minCoverage), "working_crs": .string(result.lsoas.crs),
    ]
    parameters["residents_field"] = result.options.residentsField.map { .string($0) } ?? .null
    parameters["neighbourhood_weighting"] = neighbourhoods.map { .string($0.weighting) } ?? .null
    object["parameters"] = .object(parameters)
    let inLayer = result.groups.reduce(0) { $0 + $1.patientsInLayer }
    var outside = JSONObject()
    for entry in result.outsideByKind {
      outside[entry.kind.rawValue] = .object(["rows": number(entry.rows), "patients": number(entry.patients)])
    }
    var byCode = JSONObject()
    // Codes that are not English LSOAs, each on its own (the English ones are in outside.csv).
    for code in Set(result.outside.filter { $0.kind != .notInLayer }.map(\.code)).sorted() {
      let rows = result.outside.filter { $0.code == code }
      byCode[code] = .object([
        "kind": .string(rows[0].kind.rawValue), "rows": number(rows.reduce(0) { $0 + $1.rows }),
        "patients": number(rows.reduce(0) { $0 + $1.patients }),
      ])
    }
    let assignments = result.assignments
    object["patients"] = .object([
      "total": number(r.totalPatients), "in_layer": number(inLayer),
      "outside": number(result.outside.reduce(0) { $0 + $1.patients }), "outside_by_kind": .object(outside),
      "outside_codes_not_english_lsoas": .object(byCode),
    ])
    object["lsoas"] = .object([
      "features": number(assignments.count + result.unloadedLSOAs.count),
      "with_patients": number(assignments.filter { $0.patients > 0 }.count),
      "not_loaded_no_patients": number(result.unloadedLSOAs.count),
      "no_patients": .array(
        (result.lsoas.features.indices.filter { assignments[$0].flag == .noPatients }.map {
          result.lsoas.features[$0].id
        } + (result.unloadedLSOAs.count <= 1_000 ? result.unloadedLSOAs : [])).sorted().map { .string($0) }),
      "low_coverage": number(assignments.filter { $0.flag == .lowCoverage }.count),
      "top_share_below_half": number(assignments.filter { ($0.topShare ?? 1) < 0.5 }.count),
      "repeated_ids": .array(result.repeatedLayerIDs.map { .string($0) }),
    ])
    object["groups"] = .array(
      result.groups.map { g in
        .object([
          "code": .string(g.code), "name": g.name.map { .string($0) } ?? .null,
          "practices": number(g.practices.count),
          "patients": number(g.patients), "patients_in_layer": number(g.patientsInLayer),
          "outside_rows": number(g.outsideRows), "outside_patients": number(g.outsidePatients),
        ])
      })
    var methods: [JSONValue] = []
    for (method, catchments) in result.catchments {
      let withArea = Set(catchments.map(\.group))
      methods.append(
        .object([
          "method": .string(method.name), "parameter": method.parameter.map { .number($0) } ?? .null,
          "catchments": number(catchments.count),
          "groups_without_catchment": .array(
            result.groups.indices.filter { !withArea.contains($0) }.map { .string(result.groups[$0].code) }),
          "lsoas_assigned": number(Set(catchments.flatMap(\.members)).count),
        ]))
    }
    object["methods"] = .array(methods)
    if let neighbourhoods {
      let features = neighbourhoods.neighbourhoods.features
      let fits = features.indices.compactMap { i -> (Int, Double)? in
        neighbourhoods.main(i).map { (i, $0.share) }
      }.sorted { ($0.1, features[$0.0].id) < ($1.1, features[$1.0].id) }
      object["neighbourhoods"] = .object([
        "features": number(features.count),
        "placed_patients": .number(FixedDecimal.rounded(neighbourhoods.placedPatients, 4)),
        "area_fallbacks": number(neighbourhoods.areaFallbacks),
        "lowest_patient_coterminosity": .array(
          fits.prefix(10).map { i, share in
            let main = neighbourhoods.main(i)!
            return .object([
              "id": .string(features[i].id), "name": features[i].name.map { .string($0) } ?? .null,
              "main_group": .string(result.groups[main.group].code),
              "patient_coterminosity": .number(FixedDecimal.rounded(share, 6)),
            ])
          }),
      ])
    }
    object["files"] = .array(files.map { .string($0) })
    return .object(object)
  }
}
