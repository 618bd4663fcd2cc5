import Analysis
import ArgumentParser
import Foundation
import GeoCore
import Layers
import Reports

/// `nbhd coverage AREAS ASSETS…`: who and what is out of reach of each kind of asset.
struct Coverage: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Asset coverage gaps: per unit and category, assets inside and reaching, covered share of area and "
      + "people, gap polygons, nearest and farthest distances.")

  @Argument(help: "Area layer (neighbourhoods, PCNs, wards, LSOAs).")
  var areas: String

  @Argument(
    help: ArgumentHelp(
      "Asset files (GeoJSON, GeoPackage or CSV points, or polygons), each as PATH or CATEGORY=PATH; a GeoPackage "
        + "layer as PATH@LAYER (pharmacy=shops.gpkg@pharmacies)."))
  var assets: [String]

  @Option(
    name: .customLong("category-field"),
    help: "Asset property holding the category (instead of one per file).")
  var categoryField: String?

  @OptionGroup var reach: ReachOptions
  @OptionGroup(title: "Area layer") var areaInput: InputOptions<AreaInput>
  @OptionGroup(title: "Asset files") var assetInput: InputOptions<AssetInput>
  @OptionGroup(title: "Asset files") var assetColumns: CSVColumnOptions<AssetInput>
  @OptionGroup(title: "Population") var population: PopulationOptions
  @OptionGroup var parallel: ThreadOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var display: ProgressOptions

  func validate() throws {
    if assets.isEmpty { throw ValidationError("give at least one asset file") }
  }

  func run() throws {
    var clock = StageClock()
    let progress = display.progress(command: "nbhd coverage")
    let threads = parallel.threads
    let units = try reportingFailures { try areaInput.loadPolygons(areas, threads: threads) }
    var set = AssetSet(assets: [])
    var inputs = [units]
    var people: PopulationLayer?
    var options = CoverageOptions(radii: ReachRadii())
    try reportingFailures {
      for argument in assets {
        let (category, layer) = try Self.loadAssets(
          argument, input: assetInput, columns: assetColumns, workingCRS: units.crs, threads: threads)
        inputs.append(layer)
        try set.add(layer, category: category, categoryField: categoryField)
      }
      options = try reach.coverageOptions(categories: set.categories, threads: threads)
      // The units often carry their own residents (LSOAs with a count): read the file once.
      if let loaded = try population.load(workingCRS: units.crs, reusing: [units]) {
        inputs.append(loaded.layer)
        people = loaded.people
      }
    }
    clock.lap("load")
    let result = try reportingFailures {
      try CoverageAnalysis.run(
        units: units.geometries, assets: set, population: people, options: options, progress: progress)
    }
    clock.lap("coverage")
    let geoJSON = output.layerOutput(workingCRS: units.crs)
    let files = try reportingFailures {
      try CoverageOutput.write(
        result, units: units, assets: set, population: people, options: options, to: output.directory,
        geoJSON: geoJSON,
        versions: NbhdVersion.json, inputs: inputs)
    }
    clock.lap("write")
    if output.json {
      print(try String(contentsOfFile: output.directory + "/summary.json", encoding: .utf8), terminator: "")
      return
    }
    var lines = [
      "\(units.name): \(units.features.count) units, \(set.assets.count) assets in \(result.categories.count) categories"
    ]
    for category in result.categories {
      let rows = result.rows.filter { $0.category == category }
      let area = rows.reduce(0) { $0 + $1.area }, gap = rows.reduce(0) { $0 + $1.gapArea }
      var line =
        "  \(category) (\(FixedDecimal.format(try options.radii.radius(for: category), decimals: 0)) m): "
        + "\(FixedDecimal.format(area > 0 ? 100 * (1 - gap / area) : 0, decimals: 1))% of the area covered"
      if people != nil {
        let total = rows.reduce(0) { $0 + ($1.population ?? 0) },
          out = rows.reduce(0) { $0 + ($1.populationUncovered ?? 0) }
        line +=
          ", \(FixedDecimal.format(out, decimals: 0)) of \(FixedDecimal.format(total, decimals: 0)) people out of reach"
      }
      lines.append(line)
    }
    if !result.assetsOutside.isEmpty {
      lines.append(
        "  note: \(result.assetsOutside.count) assets lie outside every unit (listed in summary.json)")
    }
    let duplicates = set.duplicates
    if !duplicates.isEmpty {
      lines.append(
        "  note: \(duplicates.count) groups of assets stand at the same spot (listed in summary.json)")
    }
    lines += InputNotes.lines(inputs)
    lines.append("  wrote \(files.joined(separator: ", ")) in \(output.directory)")
    print(lines.joined(separator: "\n"))
    LeftForExit.keep((units, set, people, result, inputs))
  }

  /// Loads one asset argument (`CATEGORY=PATH` or `PATH`) with the asset files' options into
  /// `workingCRS`; a file with no usable feature is bad input (shared with `nbhd change`).
  static func loadAssets(
    _ argument: String, input: InputOptions<AssetInput>, columns: CSVColumnOptions<AssetInput>,
    workingCRS: String, threads: Int?
  ) throws -> (category: String?, layer: Layer) {
    let (category, path) = split(argument)
    let layer = try input.load(
      path, options: input.loadOptions(threads: threads, workingCRS: workingCRS), columns: columns)
    guard !layer.features.isEmpty else {
      throw CommandFailure(
        badInput: "\(path): no usable assets (\(layer.record.inputFeatures) features read)")
    }
    return (category, layer)
  }

  /// `pharmacy=path.geojson` → ("pharmacy", "path.geojson"); a bare path has no category.
  static func split(_ argument: String) -> (String?, String) {
    if let eq = argument.firstIndex(of: "="), !argument[..<eq].contains("/"),
      !FileManager.default.fileExists(atPath: argument)
    {
      return (String(argument[..<eq]), String(argument[argument.index(after: eq)...]))
    }
    return (nil, argument)
  }
}
