import Analysis
import Foundation
import GeoCore
import Layers
import Reports

/// The report's parts for a `registrations:` entry (issue 15): how the derived layer was made
/// and what the file held, and each neighbourhood card's "who serves the people here".
enum ReportRegistrations {
  /// A share of at least this is listed on its own in a card; smaller ones are summed.
  static let smallestListedShare = 0.01

  /// The section on the derived layer: the rows' accounting, the LSOAs, the map and the
  /// neighbourhoods whose patients are most divided.
  static func section(_ study: StudyRun, into doc: inout ReportDocument) throws {
    guard let registrations = study.registrations else { return }
    let result = registrations.result, source = registrations.source, r = result.registrations
    let noun = source.group == .pcn ? "PCN" : "practice"
    doc.heading(2, "\(source.name): \(source.title)", anchor: ReportText.anchor("registrations", source.name))
    doc.paragraph(
      "A \(noun) has no boundary: it is a list of GP practices, and people register where they choose. "
        + "This layer is derived from \(source.file) (patients registered at each practice, by the LSOA they live in): "
        + "\(source.method.description) over the \(ReportText.grouped(result.lsoas.features.count)) LSOAs of "
        + "\(source.lsoas). Neighbourhood cards measure fit in registered patients as well as in area.")
    var facts = [
      "\(ReportText.grouped(r.rowsRead)) rows, \(ReportText.grouped(r.practices.count)) practices, "
        + "\(ReportText.grouped(r.totalPatients)) patients; \(result.groups.count) \(noun)s",
      "\(ReportText.grouped(result.groups.reduce(0) { $0 + $1.patientsInLayer })) patients live in the layer's LSOAs",
    ]
    if r.sexRule != .none { facts.append("SEX column: \(r.sexRule.rawValue) used") }
    if !r.ignoredColumns.isEmpty {
      facts.append(
        "\(r.ignoredColumns.count) column(s) with no header ignored (columns "
          + r.ignoredColumns.map { "\($0.column)" }.joined(separator: ", ") + ")")
    }
    if !r.duplicates.isEmpty { facts.append("\(r.duplicates.count) duplicate (practice, LSOA) pairs summed") }
    if !r.disagreements.isEmpty {
      facts.append("the practice map overrode the file's PCN for \(r.disagreements.count) practice(s)")
    }
    let empty = result.lsoas.features.indices.filter { result.assignments[$0].flag == .noPatients }
    if !empty.isEmpty {
      facts.append(
        "LSOAs with no registered patients (unassigned): "
          + empty.map { result.lsoas.features[$0].id }.joined(separator: ", "))
    }
    let below = result.assignments.filter { ($0.topShare ?? 1) < 0.5 }.count
    facts.append("\(below) LSOAs have no \(noun) with half of their patients")
    doc.list(facts)
    doc.table(
      ["rows outside the LSOA layer", "rows", "patients"],
      result.outsideByKind.map {
        [$0.kind.label, ReportText.grouped($0.rows), ReportText.grouped($0.patients)]
      },
      numeric: [1, 2])
    doc.map(
      try CatchmentMap.svg(result, width: 900, height: 760), file: "catchments_\(source.name).svg",
      caption: "\(source.title): LSOAs shaded by the share of their patients at the top \(noun)")
    for (name, patients) in registrations.neighbourhoods.sorted(by: { $0.key < $1.key }) {
      let features = patients.neighbourhoods.features
      let fits = features.indices.compactMap { i in patients.main(i).map { (i, $0) } }
        .sorted { ($0.1.share, features[$0.0].id) < ($1.1.share, features[$1.0].id) }
      doc.heading(3, "\(name): lowest patient coterminosity")
      doc.paragraph(
        "Patient coterminosity is the share of a unit's registered patients (spread from LSOAs by "
          + "\(patients.weighting)) at its main \(noun): low values mean several \(noun)s serve its people.")
      doc.table(
        [name, "registered patients", "main \(noun)", "patient coterminosity"],
        fits.prefix(10).map { i, main in
          [
            features[i].label, ReportText.integer(patients.total(i)),
            result.groups[main.group].name ?? result.groups[main.group].code,
            ReportText.percent(main.share),
          ]
        }, numeric: [1, 3])
    }
  }

  /// A card's "who serves the people here": registered patients by group with shares.
  static func card(_ study: StudyRun, layer name: String, feature i: Int, into doc: inout ReportDocument) {
    guard let registrations = study.registrations, let patients = registrations.neighbourhoods[name] else {
      return
    }
    let result = registrations.result
    let noun = registrations.source.group == .pcn ? "PCN" : "practice"
    let total = patients.total(i)
    doc.heading(4, "Who serves the people here")
    guard total > 0 else {
      doc.paragraph("No registered patients live here (in the file's practices).")
      return
    }
    let shares = patients.byNeighbourhood[i].sorted { ($0.patients, -$0.group) > ($1.patients, -$1.group) }
    let listed = shares.filter { $0.patients / total >= smallestListedShare }
    let rest = shares.dropFirst(listed.count).reduce(0) { $0 + $1.patients }
    doc.paragraph(
      "\(ReportText.integer(total)) registered patients live here (LSOA counts spread by \(patients.weighting)); "
        + "patient coterminosity \(ReportText.percent(listed.first.map { $0.patients / total } ?? 0)) "
        + "with \(listed.first.map { result.groups[$0.group].name ?? result.groups[$0.group].code } ?? "none")."
    )
    var rows = listed.map { share in
      [
        result.groups[share.group].name ?? result.groups[share.group].code, result.groups[share.group].code,
        ReportText.integer(share.patients), ReportText.percent(share.patients / total),
      ]
    }
    if rest > 0 {
      rows.append([
        "\(shares.count - listed.count) other \(noun)s", "", ReportText.integer(rest),
        ReportText.percent(rest / total),
      ])
    }
    doc.table([noun, "code", "registered patients", "share"], rows, numeric: [2, 3])
  }

  /// The derivation's tables beside the report; returns the file names.
  static func write(_ study: StudyRun, to folder: String) throws -> [String] {
    guard let registrations = study.registrations else { return [] }
    let result = registrations.result, name = registrations.source.name
    var files: [(String, CSVWriter)] = [
      ("lsoa_assignment_\(name).csv", CatchmentTables.assignment(result)),
      ("flows_\(name).csv", CatchmentTables.flows(result)),
      ("outside_\(name).csv", CatchmentTables.outside(result)),
    ]
    for (layer, patients) in registrations.neighbourhoods.sorted(by: { $0.key < $1.key }) {
      files.append(
        ("registered_patients_\(layer).csv", CatchmentTables.neighbourhoodGroups(result, patients)))
      files.append(("patient_fit_\(layer).csv", CatchmentTables.neighbourhoodFit(result, patients)))
    }
    for (file, table) in files { try table.write(to: folder + "/" + file) }
    return files.map(\.0)
  }
}
