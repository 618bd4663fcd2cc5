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

  @Argument(help: "Asset files (GeoJSON or CSV points, or polygons), each as PATH or CATEGORY=PATH.")
  var assets: [String]

  @Option(
    name: .customLong("category-field"),
    help: "Asset property holding the category (instead of one per file).")
  var categoryField: String?

  @Option(help: "Reach in metres: 800, or per category: gp=1000,pharmacy=800,library=1200,greenspace=300.")
  var radius: String = "800"

  @Option(name: .customLong("quadrant-segments"), help: "Buffer segments per quarter circle.")
  var quadrantSegments: Int = 8

  @Option(help: "Population layer (polygons or points with a count).")
  var population: String?

  @Option(name: .customLong("population-field")) var populationField: String?
  @Option(name: .customLong("id-field"), help: "Id field of the area layer.") var idField: String?
  @Option(name: .customLong("name-field"), help: "Name field of the area layer.") var nameField: String?
  @Option(help: "Threads (default: the machine's cores).") var threads: Int?

  @OptionGroup var output: OutputOptions

  func validate() throws {
    if assets.isEmpty { throw ValidationError("give at least one asset file") }
    do { _ = try ReachRadii(parsing: radius) } catch { throw ValidationError("--radius: \(error)") }
    guard (1...64).contains(quadrantSegments) else {
      throw ValidationError("--quadrant-segments must be 1 to 64")
    }
    if (population == nil) != (populationField == nil) {
      throw ValidationError("give --population and --population-field together")
    }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
  }

  func run() throws {
    var clock = StageClock()
    let radii = try ReachRadii(parsing: radius)
    let units = try reportingFailures {
      try Overlap.loadPolygons(areas, idField: idField, nameField: nameField, crs: nil, threads: threads)
    }
    var set = AssetSet(assets: [])
    var inputs = [units]
    var people: PopulationLayer?
    try reportingFailures {
      for argument in assets {
        let (category, layer) = try Self.loadAssets(argument, workingCRS: units.crs, threads: threads)
        inputs.append(layer)
        try set.add(layer, category: category, categoryField: categoryField)
      }
      for category in set.categories { _ = try radii.radius(for: category) }
      if let population, let populationField {
        var options = LoadOptions()
        options.workingCRS = units.crs
        // The units often carry their own residents (LSOAs with a count): read the file once.
        let layer = population == areas ? units : try LayerLoader.load(population, options: options)
        inputs.append(layer)
        people = try PopulationLayer(layer, field: populationField)
      }
    }
    clock.lap("load")
    var options = CoverageOptions(radii: radii)
    options.quadrantSegments = quadrantSegments
    if let threads { options.threads = threads }
    let result = try reportingFailures {
      try CoverageAnalysis.run(units: units.geometries, assets: set, population: people, options: options)
    }
    clock.lap("coverage")
    let geoJSON = GeoJSONOutput(
      workingCRS: units.crs, outputCRS: output.outputCRS,
      precision: output.precision ?? (output.outputCRS == nil ? 6 : 2))
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
        "  \(category) (\(FixedDecimal.format(try radii.radius(for: category), decimals: 0)) m): "
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
  }

  /// Loads one asset argument (`CATEGORY=PATH` or `PATH`) into `workingCRS`; a file with no
  /// usable feature is bad input (shared with `nbhd change`).
  static func loadAssets(_ argument: String, workingCRS: String, threads: Int?, idField: String? = nil) throws
    -> (category: String?, layer: Layer)
  {
    let (category, path) = split(argument)
    var options = LoadOptions()
    options.workingCRS = workingCRS
    options.idField = idField
    if let threads { options.threads = threads }
    let layer = try LayerLoader.load(path, options: options)
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
