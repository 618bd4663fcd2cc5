import Analysis
import Foundation
import GeoCore

/// Writes a practice-map comparison (issue 15): practices.csv, pcns.csv and summary.json (last).
public enum ChurnOutput {
  /// Writes the files and returns the paths written.
  @discardableResult
  public static func write(_ churn: PracticeChurn, to directory: String, versions: JSONObject) throws
    -> [String]
  {
    var folder = try OutputFolder(directory)
    let withPatients = churn.registrations != nil
    var practices = CSVWriter(
      header: ["code", "name", "old_pcn", "new_pcn", "status"] + (withPatients ? ["patients"] : []))
    for p in churn.practices {
      practices.text(p.code)
      practices.text(p.name)
      practices.text(p.oldPCN)
      practices.text(p.newPCN)
      practices.text(p.status.rawValue)
      if withPatients { practices.text(p.patients.map { String($0) } ?? "unknown") }
      practices.endRow()
    }
    try practices.write(to: folder.path("practices.csv"))
    var pcns = CSVWriter(
      header: [
        "code", "name", "status", "practices_gained", "practices_lost", "split_into", "merged_from", "split",
        "merged", "old_practices", "new_practices",
      ] + (withPatients ? ["old_patients", "new_patients"] : []))
    for p in churn.pcns {
      pcns.text(p.code)
      pcns.text(p.name)
      pcns.text(p.status.rawValue)
      pcns.text(p.practicesGained.joined(separator: ";"))
      pcns.text(p.practicesLost.joined(separator: ";"))
      pcns.text(p.splitInto.joined(separator: ";"))
      pcns.text(p.mergedFrom.joined(separator: ";"))
      pcns.flag(p.isSplit)
      pcns.flag(p.isMerged)
      pcns.integer(p.oldPractices.count)
      pcns.integer(p.newPractices.count)
      if withPatients {
        pcns.integer(p.oldPatients)
        pcns.integer(p.newPatients)
      }
      pcns.endRow()
    }
    try pcns.write(to: folder.path("pcns.csv"))
    func number(_ n: Int) -> JSONValue { .number(Double(n)) }
    var practiceCounts = JSONObject()
    for status in PracticeChurn.PracticeStatus.allCases {
      practiceCounts[status.rawValue] = number(churn.count(status))
    }
    var pcnCounts = JSONObject()
    for status in PracticeChurn.PCNStatus.allCases {
      pcnCounts[status.rawValue] = number(churn.count(status))
    }
    pcnCounts["before"] = number(churn.pcnsBefore)
    pcnCounts["after"] = number(churn.pcnsAfter)
    pcnCounts["split"] = number(churn.pcns.filter(\.isSplit).count)
    pcnCounts["merged"] = number(churn.pcns.filter(\.isMerged).count)
    var object: JSONObject = [
      "versions": .object(versions),
      "inputs": .object([
        "old_map": .object([
          "file": .string(churn.old.source), "practices": number(churn.old.entries.count),
          "repeated_practices": .array(churn.old.repeatedPractices.map { .string($0) }),
        ]),
        "new_map": .object([
          "file": .string(churn.new.source), "practices": number(churn.new.entries.count),
          "repeated_practices": .array(churn.new.repeatedPractices.map { .string($0) }),
        ]),
        "registrations": churn.registrations.map { .string($0) } ?? .null,
      ]),
      "practices": .object(practiceCounts), "pcns": .object(pcnCounts),
    ]
    if withPatients {
      object["registrations"] = .object([
        "unknown_practices": number(churn.unknownPractices.count),
        "unknown": .array(churn.unknownPractices.map { .string($0) }),
        "registered_not_in_maps": .array(
          churn.registeredNotInMaps.map {
            .object(["code": .string($0.code), "patients": number($0.patients)])
          }),
      ])
    }
    object["files"] = .array((folder.names + ["summary.json"]).map { .string($0) })
    try AtomicFile.write(JSONValue.object(object).prettyJSON + "\n", to: folder.path("summary.json"))
    return folder.paths
  }
}
