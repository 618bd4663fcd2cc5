import Analysis
import ArgumentParser
import Foundation
import GeoCore
import Layers
import Reports

/// `nbhd change AREAS ASSETS… --before ASSETS…`: who lost and who gained reach of each kind of
/// asset between two dates, and what happened to each asset.
struct Change: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Change in asset reach between two dates: per unit and category, ground and people that lost or gained "
      + "reach, and which assets closed, merged at a site, opened, moved or stayed.")

  @Argument(help: "Area layer (neighbourhoods, PCNs, wards, LSOAs).")
  var areas: String

  @Argument(help: "Asset files of the later date, as for nbhd coverage: PATH or CATEGORY=PATH.")
  var assets: [String]

  @Option(
    name: .customLong("before"), parsing: .singleValue,
    help: "Asset file of the earlier date, CATEGORY=PATH (repeat per category).")
  var before: [String] = []

  @OptionGroup var reach: ReachOptions

  @Option(
    name: .customLong("moved-distance"),
    help: "Metres an asset may move and still be at the same site (inclusive).")
  var movedDistance: Double = 100

  @Option(name: .customLong("before-label"), help: "Name of the earlier date in the outputs.")
  var beforeLabel: String = "before"

  @Option(name: .customLong("after-label"), help: "Name of the later date in the outputs.")
  var afterLabel: String = "after"

  @OptionGroup(title: "Area layer") var areaInput: InputOptions<AreaInput>
  /// `--asset-id-field` is also the field assets are matched by across the dates.
  @OptionGroup(title: "Asset files (both dates)") var assetInput: InputOptions<AssetInput>
  @OptionGroup(title: "Asset files (both dates)") var assetColumns: CSVColumnOptions<AssetInput>
  @OptionGroup(title: "Population") var population: PopulationOptions
  @OptionGroup var parallel: ThreadOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var display: ProgressOptions

  func validate() throws {
    if assets.isEmpty { throw ValidationError("give at least one asset file of the later date") }
    if before.isEmpty { throw ValidationError("give the earlier date's assets with --before CATEGORY=PATH") }
    guard movedDistance.isFinite, movedDistance >= 0 else {
      throw ValidationError("--moved-distance must be a number of metres ≥ 0")
    }
  }

  func run() throws {
    var clock = StageClock()
    let threads = parallel.threads
    let units = try reportingFailures { try areaInput.loadPolygons(areas, threads: threads) }
    var earlier = AssetVintage(label: beforeLabel)
    var later = AssetVintage(label: afterLabel)
    var inputs = [units]
    var people: PopulationLayer?
    var coverage = CoverageOptions(radii: ReachRadii())
    try reportingFailures {
      for (arguments, isBefore) in [(before, true), (assets, false)] {
        for argument in arguments {
          let (category, layer) = try Coverage.loadAssets(
            argument, input: assetInput, columns: assetColumns, workingCRS: units.crs, threads: threads)
          inputs.append(layer)
          if isBefore {
            try earlier.add(layer, category: category ?? layer.name)
          } else {
            try later.add(layer, category: category ?? layer.name)
          }
        }
      }
      coverage = try reach.coverageOptions(
        categories: later.assets.categories + earlier.assets.categories, threads: threads)
      if let loaded = try population.load(workingCRS: units.crs, reusing: [units]) {
        inputs.append(loaded.layer)
        people = loaded.people
      }
    }
    clock.lap("load")
    var options = ChangeOptions(coverage: coverage)
    options.movedDistance = movedDistance
    options.idField = assetInput.idField
    let result: ChangeResult
    do {
      result = try ChangeAnalysis.run(
        units: units.geometries, before: earlier, after: later, population: people, options: options,
        progress: display.progress(command: "nbhd change"))
    } catch let error as ChangeError {
      throw CommandFailure(
        badInput:
          "\(error) (name each file's category: --before gp=BEFORE.geojson for gp=AFTER.geojson)")
    } catch {
      throw CommandFailure(error)
    }
    clock.lap("change")
    let geoJSON = output.layerOutput(workingCRS: units.crs)
    let files = try reportingFailures {
      try ChangeOutput.write(
        result, units: units, before: earlier, after: later, population: people, options: options,
        to: output.directory, geoJSON: geoJSON, versions: NbhdVersion.json, inputs: inputs)
    }
    clock.lap("write")
    if output.json {
      print(try String(contentsOfFile: output.directory + "/summary.json", encoding: .utf8), terminator: "")
      return
    }
    var lines = summaryLines(result, units: units, hasPopulation: people != nil)
    lines += InputNotes.lines(inputs)
    lines.append("  wrote \(files.joined(separator: ", ")) in \(output.directory)")
    print(lines.joined(separator: "\n"))
    LeftForExit.keep((units, people, result, inputs))
  }

  /// The lines printed after a run: per category, people and ground lost and gained, asset counts.
  func summaryLines(_ result: ChangeResult, units: Layer, hasPopulation: Bool) -> [String] {
    var lines = ["\(units.name): \(units.features.count) units, \(beforeLabel) → \(afterLabel)"]
    switch result.matching {
    case .identifier(let field): lines.append("  assets matched by \(field)")
    case .location(let reasons):
      lines.append(
        "  assets matched by location (within \(FixedDecimal.format(movedDistance, decimals: 0)) m; "
          + "give --asset-id-field to match by an id):")
      lines += reasons.prefix(10).map { "    \($0)" }
      if reasons.count > 10 { lines.append("    … \(reasons.count - 10) more in summary.json") }
    }
    for category in result.categories {
      let totals = ChangeOutput.totals(result, category: category, hasPopulation: hasPopulation)
      func number(_ key: String, _ decimals: Int = 0) -> String {
        FixedDecimal.format(totals[key]?.numberValue ?? 0, decimals: decimals)
      }
      var line = "  \(category) (\(number("radius_m")) m): "
      if hasPopulation {
        line += "\(number("population_lost")) people lost reach, \(number("population_gained")) gained; "
      }
      line +=
        "\(number("lost_area_m2")) m² lost, \(number("gained_area_m2")) m² gained; assets: "
        + "\(number("closed")) closed (\(number("closed_merged_at_site")) merged at a site), "
        + "\(number("opened")) opened, \(number("moved")) moved, \(number("stayed")) stayed"
      lines.append(line)
    }
    return lines
  }
}
