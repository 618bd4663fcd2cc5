import Analysis
import GeoCore

/// The few lines `nbhd consensus` prints when it is done.
enum ConsensusText {
  static func describe(_ run: ConsensusRun, files: [String], directory: String) -> String {
    let records = run.drawings.records
    let used = records.filter(\.isUsed).count
    let repaired = records.filter { $0.status == .repaired }.count
    let excluded = records.filter { $0.status == .excluded }.count
    let replaced = records.filter { $0.status == .replaced }.count
    func m2(_ value: Double) -> String { FixedDecimal.format(value, decimals: 0) + " m²" }
    var lines = [
      "\(run.layer.source): \(records.count) drawings: \(used) used (\(repaired) repaired), \(excluded) excluded"
        + (replaced > 0 ? ", \(replaced) replaced" : "") + "; working CRS \(run.layer.crs)",
      "\(run.neighbourhoods.count) neighbourhoods, \(run.map.territories.count) on the map (at least "
        + "\(run.options.minimumDrawings) drawings); outliers: \(records.filter(\.isOutlier).count)",
      "claimed \(m2(run.map.claimedArea)), contested \(m2(run.map.contestedArea)) "
        + "(\(run.map.contested.count) pieces), unclaimed \(m2(run.map.unclaimedArea))",
    ]
    for record in records where record.status == .excluded {
      lines.append("  excluded feature \(record.index) (id \"\(record.id)\"): \(record.reason)")
    }
    let maps = files.filter { $0.hasPrefix("maps/") }.count
    let tables = files.filter { !$0.hasPrefix("maps/") }
    lines.append(
      "wrote to \(directory): \(tables.joined(separator: ", "))"
        + (maps > 0 ? " and \(maps) maps in maps/" : ""))
    return lines.joined(separator: "\n")
  }
}
