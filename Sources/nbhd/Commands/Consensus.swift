import Analysis
import ArgumentParser
import Foundation
import GeoCore
import Layers
import Reports
import Study

/// `nbhd consensus DRAWINGS`: residents' drawings of their neighbourhoods → agreement bands,
/// cores, outliers, the neighbourhood map and contested ground.
struct Consensus: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Residents' drawings of their neighbourhoods → agreement bands, cores, outliers, a neighbourhood "
      + "map and contested ground (exact, on the arrangement of the drawings' boundaries).")

  @Argument(help: "The drawings: one polygon feature per drawing, with the neighbourhood's name.")
  var drawings: String

  @Option(
    name: .customLong("name-field"),
    help:
      "Property naming the neighbourhood drawn (default: a field named neighbourhood, neighborhood or name).")
  var nameField: String?

  @Option(
    name: .customLong("respondent-field"),
    help:
      "Property naming who drew it: a respondent's later drawing of a neighbourhood replaces the earlier one."
  )
  var respondentField: String?

  @Option(help: "Band levels, decimals in (0, 1], comma-separated.")
  var levels: String = "0.25,0.5,0.75"

  @Option(
    name: .customLong("min-drawings"), help: "Neighbourhoods with fewer used drawings stay off the map.")
  var minDrawings: Int = 3

  @Option(
    name: .customLong("outlier-iou"), help: "A drawing whose IoU with its core is below this is an outlier.")
  var outlierIoU: Double = 0.1

  @Option(
    name: .customLong("map-level"), help: "The agreement a neighbourhood needs to claim ground on the map.")
  var mapLevel: String = "0.5"

  @Option(
    name: .customLong("crs"),
    help:
      "CRS of the input coordinates, e.g. EPSG:27700 (default: the file's crs member, else WGS84 lon/lat).")
  var sourceCRS: String?

  @OptionGroup var parallel: ThreadOptions

  @Flag(name: .customLong("no-maps"), help: "Skip the SVG maps.")
  var noMaps = false

  @OptionGroup var output: OutputOptions

  func validate() throws {
    _ = try parsedLevels()
    guard AgreementLevel(mapLevel) != nil else {
      throw ValidationError("--map-level must be a decimal in (0, 1], got \"\(mapLevel)\"")
    }
    guard minDrawings >= 1 else { throw ValidationError("--min-drawings must be at least 1") }
    guard outlierIoU >= 0, outlierIoU <= 1 else { throw ValidationError("--outlier-iou must be in [0, 1]") }
  }

  func parsedLevels() throws -> [AgreementLevel] {
    var result: [AgreementLevel] = []
    for text in levels.split(separator: ",", omittingEmptySubsequences: false) {
      guard let level = AgreementLevel(String(text)) else {
        throw ValidationError("--levels must be decimals in (0, 1] separated by commas, got \"\(text)\"")
      }
      if !result.contains(level) { result.append(level) }
    }
    return result.sorted()
  }

  func run() throws {
    var clock = StageClock()
    var options = ConsensusOptions()
    options.nameField = nameField
    options.respondentField = respondentField
    options.levels = try parsedLevels()
    options.minimumDrawings = minDrawings
    options.outlierIoU = outlierIoU
    options.mapLevel = AgreementLevel(mapLevel)!
    if let threads = parallel.threads { options.threads = threads }
    // Faces by count are drawn in the agreement maps and written nowhere else.
    options.tracesFaces = !noMaps
    let run = try reportingFailures { () throws -> ConsensusRun in
      let layer = try ConsensusRun.load(drawings, sourceCRS: sourceCRS, threads: parallel.threads)
      clock.lap("load")
      do {
        return try ConsensusRun.analyse(layer, options: options)
      } catch ConsensusError.nameFieldMissing(let path, let field, let available) {
        let fields = available.isEmpty ? "none" : available.joined(separator: ", ")
        let what =
          field.map { "no drawing has the field \"\($0)\"" }
          ?? "no field named neighbourhood, neighborhood or name"
        throw CommandFailure(
          usage: "\(path): \(what); give the neighbourhood's field with --name-field (fields: \(fields))")
      }
    }
    clock.lap("consensus")
    let geoJSON = output.layerOutput(workingCRS: run.layer.crs)
    let threads = options.threads
    let maps = try reportingFailures {
      noMaps ? [] : try ConsensusMaps.write(run, to: output.directory, threads: threads)
    }
    let files = try reportingFailures {
      try ConsensusOutput.write(
        run, to: output.directory, geoJSON: geoJSON, versions: NbhdVersion.json, extraFiles: maps,
        threads: threads)
    }
    clock.lap("write")
    if output.json {
      print(try String(contentsOfFile: output.directory + "/summary.json", encoding: .utf8), terminator: "")
    } else {
      print(ConsensusText.describe(run, files: files + maps, directory: output.directory))
    }
  }
}
