import Analysis
import Foundation
import GeoCore

/// The printed summary of `nbhd catchments`.
enum CatchmentText {
  static func describe(_ result: CatchmentResult, neighbourhoods: NeighbourhoodPatients?, files: [String])
    -> String
  {
    let r = result.registrations
    let g = FixedDecimal.grouped
    var lines: [String] = []
    lines.append(
      "\(r.source): \(g(r.rowsRead)) rows, \(g(r.practices.count)) practices, \(g(r.totalPatients)) patients"
        + (r.sexRule == .none ? "" : "; SEX: \(r.sexRule.rawValue)"))
    if !r.ignoredColumns.isEmpty {
      lines.append(
        "  ignored \(r.ignoredColumns.count) column(s) with no header: "
          + r.ignoredColumns.map { "column \($0.column) (\($0.filledRows) rows with text)" }.joined(
            separator: ", "))
    }
    if !r.duplicates.isEmpty {
      lines.append("  \(r.duplicates.count) duplicate (practice, LSOA) pairs summed")
    }
    if !r.disagreements.isEmpty {
      lines.append(
        "  practice map overrides the file's PCN for \(r.disagreements.count): "
          + r.disagreements.prefix(10).map { "\($0.practice) \($0.filePCN)→\($0.mapPCN)" }.joined(
            separator: ", "))
    }
    let inLayer = result.groups.reduce(0) { $0 + $1.patientsInLayer }
    lines.append(
      "\(result.groups.count) \(result.options.grouping == .pcn ? "PCNs" : "practices"); \(g(inLayer)) patients in "
        + "\(g(result.lsoas.features.count + result.unloadedLSOAs.count)) layer LSOAs")
    for entry in result.outsideByKind where entry.rows > 0 {
      lines.append("  outside: \(entry.kind.label): \(g(entry.rows)) rows, \(g(entry.patients)) patients")
    }
    let empty = result.assignments.filter { $0.flag == .noPatients }.count + result.unloadedLSOAs.count
    let low = result.assignments.filter { $0.flag == .lowCoverage }.count
    lines.append("  LSOAs with no patients: \(empty); registration ratio below minimum: \(low)")
    for (method, catchments) in result.catchments {
      lines.append(
        "\(method): \(catchments.count) catchments, \(Set(catchments.flatMap(\.members)).count) LSOAs")
    }
    if let neighbourhoods {
      let features = neighbourhoods.neighbourhoods.features
      let fits = features.indices.compactMap { i in neighbourhoods.main(i).map { (i, $0) } }
        .sorted { ($0.1.share, features[$0.0].id) < ($1.1.share, features[$1.0].id) }
      lines.append(
        "neighbourhoods: \(features.count), patients placed \(FixedDecimal.format(neighbourhoods.placedPatients, decimals: 1)) "
          + "(by \(neighbourhoods.weighting)); lowest patient coterminosity:")
      for (i, main) in fits.prefix(5) {
        lines.append(
          "  \(features[i].label): \(FixedDecimal.format(main.share, decimals: 3)) at \(result.groups[main.group].code)"
        )
      }
    }
    lines.append(
      "wrote \(files.count) files to \((files.first.map { ($0 as NSString).deletingLastPathComponent }) ?? ".")"
    )
    return lines.joined(separator: "\n")
  }
}
