import Analysis
import Foundation
import GeoCore
import Layers

/// Writes every output of a catchment derivation into a folder (issue 15): one GeoJSON per
/// method, lsoa_assignment.csv, flows.csv, outside.csv, with neighbourhoods
/// neighbourhood_groups.csv, group_neighbourhoods.csv and neighbourhood_fit.csv, the map
/// catchments_map.svg and summary.json (last, listing the others). Each file is atomic.
public enum CatchmentOutput {
  /// Writes the files and returns the paths written.
  @discardableResult
  public static func write(
    _ result: CatchmentResult, neighbourhoods: NeighbourhoodPatients?, to directory: String,
    geoJSON: GeoJSONOutput, versions: JSONObject
  ) throws -> [String] {
    var folder = try OutputFolder(directory)
    var clock = StageClock()
    func path(_ name: String) -> String { folder.path(name) }
    for (method, catchments) in result.catchments {
      try geoJSON.write(
        count: catchments.count, threads: result.options.threads,
        to: path(geoJSON.fileName("catchments_\(method.name)"))
      ) { k in
        let c = catchments[k]
        return (c.geometry, properties(result, c))
      }
    }
    clock.lap("write catchments")
    try CatchmentTables.assignment(result).write(to: path("lsoa_assignment.csv"))
    try CatchmentTables.flows(result).write(to: path("flows.csv"))
    try CatchmentTables.outside(result).write(to: path("outside.csv"))
    if let neighbourhoods {
      try CatchmentTables.neighbourhoodGroups(result, neighbourhoods).write(
        to: path("neighbourhood_groups.csv"))
      try CatchmentTables.groupNeighbourhoods(result, neighbourhoods).write(
        to: path("group_neighbourhoods.csv"))
      try CatchmentTables.neighbourhoodFit(result, neighbourhoods).write(to: path("neighbourhood_fit.csv"))
    }
    clock.lap("write tables")
    try AtomicFile.write(try CatchmentMap.svg(result), to: path("catchments_map.svg"))
    clock.lap("write map")
    let summaryFile = folder.fullPath("summary.json")
    let all = folder.paths + [summaryFile]
    let summary = CatchmentSummary.json(
      result, neighbourhoods: neighbourhoods, versions: versions,
      files: all.map { ($0 as NSString).lastPathComponent })
    try AtomicFile.write(summary.prettyJSON + "\n", to: summaryFile)
    return all
  }

  /// A catchment's GeoJSON properties.
  public static func properties(_ result: CatchmentResult, _ c: Catchment) -> JSONObject {
    let group = result.groups[c.group]
    let inLayer = Double(group.patientsInLayer)
    return [
      "code": .string(group.code), "name": group.name.map { .string($0) } ?? .null,
      "method": .string(c.method.name), "parameter": c.method.parameter.map { .number($0) } ?? .null,
      "lsoas": .number(Double(c.members.count)), "patients_in_layer": .number(inLayer),
      "patients_covered": .number(Double(c.patientsCovered)),
      "share_covered": .number(
        FixedDecimal.rounded(inLayer > 0 ? Double(c.patientsCovered) / inLayer : 0, 6)),
      "share_in_layer": .number(
        FixedDecimal.rounded(group.patients > 0 ? inLayer / Double(group.patients) : 0, 6)),
      "area_m2": .number(FixedDecimal.rounded(c.area, 2)),
    ]
  }
}
