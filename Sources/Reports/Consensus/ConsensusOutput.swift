import Analysis
import Foundation
import GeoCore
import Layers
import Synchronization

/// Writes the outputs of a consensus run (issue 14): neighbourhoods.csv, bands.csv,
/// bands.geojson, cores.geojson, map.geojson, contested.geojson, drawings.csv, summary.json.
/// Each file is written atomically; the maps are written by the caller.
public enum ConsensusOutput {
  /// Writes every table and layer into `directory`; returns the file names in order. With more
  /// than one thread, each file is made and written on a thread of its own: every write ends in
  /// an fsync, and those waits then overlap instead of coming one after another (the bytes of
  /// every file are the same either way). A failure is that of the first file in order that
  /// failed.
  @discardableResult
  public static func write(
    _ run: ConsensusRun, to directory: String, geoJSON: GeoJSONOutput, versions: JSONObject,
    extraFiles: [String] = [], threads: Int = ParallelChunks.defaultThreadCount
  ) throws -> [String] {
    var folder = try OutputFolder(directory)
    let names = [
      "neighbourhoods.csv", "bands.csv", geoJSON.fileName("bands"), geoJSON.fileName("cores"),
      geoJSON.fileName("map"), geoJSON.fileName("contested"), "drawings.csv", "summary.json",
    ]
    let paths = names.map { folder.path($0) }
    let listed = Array(names.dropLast()) + extraFiles + ["summary.json"]
    let jobs: [@Sendable () throws -> Void] = [
      { try neighbourhoodTable(run).write(to: paths[0]) },
      { try bandTable(run).write(to: paths[1]) },
      { try geoJSON.write(bandFeatures(run), to: paths[2]) },
      { try geoJSON.write(coreFeatures(run), to: paths[3]) },
      { try geoJSON.write(mapFeatures(run), to: paths[4]) },
      { try geoJSON.write(contestedFeatures(run), to: paths[5]) },
      { try drawingTable(run).write(to: paths[6]) },
      {
        let summary = summaryJSON(run, versions: versions, files: listed)
        try AtomicFile.write(summary.prettyJSON + "\n", to: paths[7])
      },
    ]
    guard threads > 1 else {
      for job in jobs { try job() }
      return folder.names
    }
    // A serial queue of its own per file: each gets a thread even while the others wait on
    // their fsyncs (the shared pool would keep to one thread per core).
    let failures = Mutex<[(Int, any Error)]>([])
    let group = DispatchGroup()
    for (k, job) in jobs.enumerated() {
      DispatchQueue(label: "nbhd.consensus.write.\(k)").async(group: group) {
        do { try job() } catch { failures.withLock { $0.append((k, error)) } }
      }
    }
    group.wait()
    if let first = failures.withLock({ $0.min { $0.0 < $1.0 } }) { throw first.1 }
    return folder.names
  }

  /// neighbourhoods.csv: one row per neighbourhood, in name order.
  public static func neighbourhoodTable(_ run: ConsensusRun) -> CSVWriter {
    var csv = CSVWriter(header: [
      "name", "drawings_used", "drawings_excluded", "union_m2", "core_m2", "agreement_index", "map_m2",
      "outliers", "flag",
    ])
    var excluded: [String: Int] = [:]
    for record in run.drawings.records where !record.isUsed {
      if let name = record.name { excluded[name, default: 0] += 1 }
    }
    let mapArea = Dictionary(run.map.territories.map { ($0.name, $0.area) }, uniquingKeysWith: { a, _ in a })
    for (i, agreement) in run.neighbourhoods.enumerated() {
      csv.text(agreement.name)
      csv.integer(agreement.drawingCount)
      csv.integer(excluded[agreement.name] ?? 0)
      csv.number(agreement.unionArea, decimals: 2)
      csv.number(agreement.coreArea, decimals: 2)
      csv.number(agreement.agreementIndex, decimals: 6)
      csv.number(mapArea[agreement.name], decimals: 2)
      csv.integer(run.outlierCounts[i])
      csv.text(run.flags[i])
      csv.endRow()
    }
    return csv
  }

  /// bands.csv: one row per neighbourhood and level.
  public static func bandTable(_ run: ConsensusRun) -> CSVWriter {
    var csv = CSVWriter(header: ["name", "level", "area_m2"])
    for agreement in run.neighbourhoods {
      for band in agreement.bandAreas {
        csv.text(agreement.name)
        csv.text(band.level.description)
        csv.number(band.area, decimals: 2)
        csv.endRow()
      }
    }
    return csv
  }

  /// drawings.csv: every input feature, in input order.
  public static func drawingTable(_ run: ConsensusRun) -> CSVWriter {
    var csv = CSVWriter(header: [
      "index", "id", "name", "status", "reason", "area_m2", "iou_with_core", "outlier",
    ])
    for record in run.drawings.records {
      csv.integer(record.index)
      csv.text(record.id)
      csv.text(record.name)
      csv.text(record.status.rawValue)
      csv.text(record.reason)
      csv.number(record.area, decimals: 2)
      csv.number(record.iouWithCore, decimals: 6)
      if record.isUsed { csv.flag(record.isOutlier) } else { csv.text(nil) }
      csv.endRow()
    }
    return csv
  }

  typealias Features = [(geometry: FlatGeometry?, properties: JSONObject)]

  static func bandFeatures(_ run: ConsensusRun) -> Features {
    run.neighbourhoods.flatMap { agreement in
      zip(agreement.bandAreas, agreement.bands).compactMap { band, region -> (FlatGeometry?, JSONObject)? in
        guard band.area > 0 else { return nil }
        return (
          region,
          [
            "name": .string(agreement.name), "level": .string(band.level.description),
            "drawings": .number(Double(agreement.drawingCount)),
            "min_drawings": .number(Double(band.level.minimumCount(of: agreement.drawingCount))),
            "area_m2": .number(rounded(band.area, 2)),
          ]
        )
      }
    }
  }

  static func coreFeatures(_ run: ConsensusRun) -> Features {
    run.neighbourhoods.enumerated().compactMap { i, agreement in
      guard agreement.coreArea > 0 else { return nil }
      return (
        agreement.core,
        [
          "name": .string(agreement.name), "drawings": .number(Double(agreement.drawingCount)),
          "core_m2": .number(rounded(agreement.coreArea, 2)),
          "union_m2": .number(rounded(agreement.unionArea, 2)),
          "agreement_index": .number(rounded(agreement.agreementIndex, 6)),
          "outliers": .number(Double(run.outlierCounts[i])), "flag": .string(run.flags[i]),
        ]
      )
    }
  }

  static func mapFeatures(_ run: ConsensusRun) -> Features {
    let drawings = Dictionary(
      run.neighbourhoods.map { ($0.name, $0.drawingCount) }, uniquingKeysWith: { a, _ in a })
    return run.map.territories.map { territory in
      (
        territory.area > 0 ? territory.region : nil,
        [
          "name": .string(territory.name), "drawings": .number(Double(drawings[territory.name] ?? 0)),
          "map_m2": .number(rounded(territory.area, 2)),
        ]
      )
    }
  }

  static func contestedFeatures(_ run: ConsensusRun) -> Features {
    run.map.contested.map { piece in
      (
        piece.region,
        [
          "neighbourhoods": .string(piece.claims.map(\.name).joined(separator: ";")),
          "agreements": .string(
            piece.claims.map { "\($0.name)=\($0.count)/\($0.drawings)" }.joined(separator: ";")),
          "area_m2": .number(rounded(piece.area, 2)),
        ]
      )
    }
  }

  static func summaryJSON(_ run: ConsensusRun, versions: JSONObject, files: [String]) -> JSONValue {
    let records = run.drawings.records
    var reasons: [String: Int] = [:]
    for record in records where record.status == .excluded {
      // Group by the reason's kind, not its particulars (positions, GEOS coordinates).
      let kind = record.reason.split(separator: ":").first.map(String.init) ?? record.reason
      reasons[kind, default: 0] += 1
    }
    let options = run.options
    return .object([
      "versions": .object(versions), "inputs": .array([run.layer.summaryJSON]),
      "parameters": .object([
        "name_field": .string(run.drawings.nameField),
        "respondent_field": options.respondentField.map { .string($0) } ?? .null,
        "levels": .array(options.levels.map { .string($0.description) }),
        "min_drawings": .number(Double(options.minimumDrawings)),
        "outlier_iou": .number(options.outlierIoU), "map_level": .string(options.mapLevel.description),
        "working_crs": .string(run.layer.crs),
      ]),
      "drawings_in": .number(Double(records.count)),
      "drawings_used": .number(Double(records.filter(\.isUsed).count)),
      "drawings_repaired": .number(Double(records.filter { $0.status == .repaired }.count)),
      "drawings_excluded": .number(Double(records.filter { $0.status == .excluded }.count)),
      "drawings_replaced": .number(Double(records.filter { $0.status == .replaced }.count)),
      "excluded_reasons": .object(excludedReasons(reasons)),
      "outliers": .number(Double(records.filter(\.isOutlier).count)),
      "neighbourhoods": .number(Double(run.neighbourhoods.count)),
      "neighbourhoods_mapped": .number(Double(run.map.territories.count)),
      "neighbourhoods_too_few_drawings": .number(Double(run.flags.filter { $0 == "too few drawings" }.count)),
      "neighbourhoods_no_core": .number(Double(run.flags.filter { $0 == "no core" }.count)),
      "claimed_m2": .number(rounded(run.map.claimedArea, 2)),
      "contested_m2": .number(rounded(run.map.contestedArea, 2)),
      "unclaimed_m2": .number(rounded(run.map.unclaimedArea, 2)),
      "contested_pieces": .number(Double(run.map.contested.count)),
      "files": .array(files.map { .string($0) }),
    ])
  }

  private static func excludedReasons(_ reasons: [String: Int]) -> JSONObject {
    var object = JSONObject()
    for (key, count) in reasons.sorted(by: { $0.key < $1.key }) {
      object.append(key: key, value: .number(Double(count)))
    }
    return object
  }
}
