import Analysis
import GeoCore
import Layers

/// The CSV tables of a catchment derivation (issue 15), sorted by codes, fixed decimals.
public enum CatchmentTables {
  static func code(_ result: CatchmentResult, _ g: Int) -> String { result.groups[g].code }

  /// lsoa_assignment.csv: every layer LSOA, in id order.
  public static func assignment(_ result: CatchmentResult) -> CSVWriter {
    var csv = CSVWriter(header: [
      "lsoa_code", "lsoa_name", "patients", "top_group", "top_patients", "top_share", "runner_up_group",
      "runner_up_patients", "runner_up_share", "residents", "registration_ratio", "flag",
    ])
    let lsoas = result.lsoas.features
    // Loaded LSOAs (a position) and those the file gave no patients, which were not loaded (nil),
    // in one id order.
    let rows: [(id: String, position: Int?, unloaded: Int?)] =
      (lsoas.indices.map { (lsoas[$0].id, Optional($0), nil) }
      + result.unloadedLSOAs.enumerated().map { ($1, nil, Optional($0)) })
      .sorted { ($0.id, $0.position ?? -1) < ($1.id, $1.position ?? -1) }
    for (id, position, unloaded) in rows {
      csv.text(id)
      guard let i = position else {
        let details = result.unloadedDetails(unloaded!)
        csv.text(details.name)
        csv.integer(0)
        for _ in 0..<6 { csv.text(nil) }
        csv.number(details.residents, decimals: 0)
        csv.number(details.residents.flatMap { $0 > 0 ? 0 : nil }, decimals: 6)
        csv.text(LSOAAssignment.Flag.noPatients.rawValue)
        csv.endRow()
        continue
      }
      let row = result.assignments[i]
      csv.text(lsoas[i].name)
      csv.integer(row.patients)
      csv.text(row.top.map { code(result, $0.group) })
      csv.integer(row.top?.patients)
      csv.number(row.topShare, decimals: 6)
      csv.text(row.runnerUp.map { code(result, $0.group) })
      csv.integer(row.runnerUp?.patients)
      csv.number(row.runnerUpShare, decimals: 6)
      csv.number(row.residents, decimals: 0)
      csv.number(row.registrationRatio, decimals: 6)
      csv.text(row.flag.rawValue)
      csv.endRow()
    }
    return csv
  }

  /// flows.csv: group × LSOA patients, by group then LSOA.
  public static func flows(_ result: CatchmentResult) -> CSVWriter {
    var csv = CSVWriter(header: [
      "group_code", "group_name", "lsoa_code", "patients", "share_of_lsoa", "share_of_group",
    ])
    var rows: [(group: Int, lsoa: Int, patients: Int)] = []
    for (i, here) in result.flows.enumerated() {
      for entry in here { rows.append((entry.group, i, entry.patients)) }
    }
    let ids = result.lsoas.ids
    rows.sort { ($0.group, ids[$0.lsoa], $0.lsoa) < ($1.group, ids[$1.lsoa], $1.lsoa) }
    for row in rows {
      let group = result.groups[row.group]
      csv.text(group.code)
      csv.text(group.name)
      csv.text(ids[row.lsoa])
      csv.integer(row.patients)
      csv.number(Double(row.patients) / Double(result.assignments[row.lsoa].patients), decimals: 6)
      csv.number(Double(row.patients) / Double(group.patientsInLayer), decimals: 6)
      csv.endRow()
    }
    return csv
  }

  /// outside.csv: patients from codes outside the layer, by group, kind and code.
  public static func outside(_ result: CatchmentResult) -> CSVWriter {
    var csv = CSVWriter(header: ["group_code", "group_name", "kind", "code", "rows", "patients"])
    for row in result.outside {
      csv.text(result.groups[row.group].code)
      csv.text(result.groups[row.group].name)
      csv.text(row.kind.rawValue)
      csv.text(row.code)
      csv.integer(row.rows)
      csv.integer(row.patients)
      csv.endRow()
    }
    return csv
  }

  /// neighbourhood_groups.csv: each neighbourhood's patients by group.
  public static func neighbourhoodGroups(_ result: CatchmentResult, _ patients: NeighbourhoodPatients)
    -> CSVWriter
  {
    var csv = CSVWriter(header: [
      "neighbourhood_id", "group_code", "patients", "share_of_neighbourhood", "neighbourhood_name",
      "group_name",
    ])
    let features = patients.neighbourhoods.features
    for i in patients.neighbourhoods.positionsByID {
      let total = patients.total(i)
      for share in patients.byNeighbourhood[i] {
        csv.text(features[i].id)
        csv.text(result.groups[share.group].code)
        csv.number(share.patients, decimals: 6)
        csv.number(share.patients / total, decimals: 6)
        csv.text(features[i].name)
        csv.text(result.groups[share.group].name)
        csv.endRow()
      }
    }
    return csv
  }

  /// group_neighbourhoods.csv: each group's patients by neighbourhood.
  public static func groupNeighbourhoods(_ result: CatchmentResult, _ patients: NeighbourhoodPatients)
    -> CSVWriter
  {
    var csv = CSVWriter(header: [
      "group_code", "neighbourhood_id", "patients", "share_of_group", "group_name", "neighbourhood_name",
    ])
    let features = patients.neighbourhoods.features
    var rows: [(group: Int, neighbourhood: Int, patients: Double)] = []
    for (i, shares) in patients.byNeighbourhood.enumerated() {
      for share in shares { rows.append((share.group, i, share.patients)) }
    }
    rows.sort {
      ($0.group, features[$0.neighbourhood].id, $0.neighbourhood) < (
        $1.group, features[$1.neighbourhood].id, $1.neighbourhood
      )
    }
    for row in rows {
      let group = result.groups[row.group]
      csv.text(group.code)
      csv.text(features[row.neighbourhood].id)
      csv.number(row.patients, decimals: 6)
      csv.number(group.patientsInLayer > 0 ? row.patients / Double(group.patientsInLayer) : nil, decimals: 6)
      csv.text(group.name)
      csv.text(features[row.neighbourhood].name)
      csv.endRow()
    }
    return csv
  }

  /// neighbourhood_fit.csv: per neighbourhood, its patients, main group and patient
  /// coterminosity (the main group's share).
  public static func neighbourhoodFit(_ result: CatchmentResult, _ patients: NeighbourhoodPatients)
    -> CSVWriter
  {
    var csv = CSVWriter(header: [
      "neighbourhood_id", "neighbourhood_name", "patients", "groups", "main_group", "main_group_name",
      "patient_coterminosity",
    ])
    let features = patients.neighbourhoods.features
    for i in patients.neighbourhoods.positionsByID {
      let main = patients.main(i)
      csv.text(features[i].id)
      csv.text(features[i].name)
      csv.number(patients.total(i), decimals: 4)
      csv.integer(patients.byNeighbourhood[i].count)
      csv.text(main.map { result.groups[$0.group].code })
      csv.text(main.flatMap { result.groups[$0.group].name })
      csv.number(main?.share, decimals: 6)
      csv.endRow()
    }
    return csv
  }
}
