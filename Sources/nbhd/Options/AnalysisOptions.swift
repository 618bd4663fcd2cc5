import Analysis
import ArgumentParser
import GeoCore
import Reports

/// Thresholds and performance switches shared by the analysis commands.
struct AnalysisOptions: ParsableArguments {
  @Option(help: "τ: share above which a piece counts as the whole (coterminous/within/aggregate).")
  var tolerance: Double = 0.95

  @Option(name: .customLong("sliver-width"), help: "Pieces narrower than this (metres) are slivers.")
  var sliverWidth: Double = 20

  @Option(name: .customLong("min-area"), help: "Pieces smaller than this (m²) are slivers.")
  var minArea: Double = 100

  @Option(name: .customLong("max-gap-area"), help: "Holes inside a layer smaller than this (m²) are gaps.")
  var maxGapArea: Double = 100_000

  @OptionGroup var parallel: ThreadOptions

  /// The thread count asked for, if any.
  var threads: Int? { parallel.threads }

  func validate() throws {
    guard tolerance > 0.5, tolerance <= 1 else {
      throw ValidationError("--tolerance must be in (0.5, 1], got \(tolerance)")
    }
    guard sliverWidth >= 0, sliverWidth.isFinite else {
      throw ValidationError("--sliver-width must be ≥ 0 metres")
    }
    guard minArea >= 0, minArea.isFinite else { throw ValidationError("--min-area must be ≥ 0 m²") }
    guard maxGapArea >= 0, maxGapArea.isFinite else { throw ValidationError("--max-gap-area must be ≥ 0 m²") }
  }

  var overlapOptions: OverlapOptions {
    var options = OverlapOptions()
    options.tolerance = tolerance
    options.sliverWidth = sliverWidth
    options.minArea = minArea
    if let threads { options.threads = threads }
    return options
  }
}

/// Where and how result files are written.
struct OutputOptions: ParsableArguments {
  @Option(name: .customLong("out"), help: "Output folder.")
  var directory: String = "out"

  @Option(
    name: .customLong("output-crs"), help: "Write GeoJSON in this CRS (with a crs member) instead of WGS84.")
  var outputCRS: String?

  @Option(help: "Decimal places in GeoJSON output (default 6 for WGS84, 2 for a projected CRS).")
  var precision: Int?

  @Option(
    help: "Format of the result layers: geojson, or gpkg (GeoPackage, in the working CRS at full precision).")
  var format: LayerFormat = .geoJSON

  @Flag(help: "Print summary.json to stdout.")
  var json = false

  /// The layer writer these options ask for: WGS84 GeoJSON by default (6 decimals, 2 in a
  /// projected CRS), or a GeoPackage in the working CRS at full precision.
  func layerOutput(workingCRS: String) -> GeoJSONOutput {
    var output = GeoJSONOutput(
      workingCRS: workingCRS, outputCRS: outputCRS, precision: precision ?? (outputCRS == nil ? 6 : 2))
    output.format = format
    output.geoPackagePrecision = precision
    return output
  }

  func validate() throws {
    if let precision, !(0...17).contains(precision) { throw ValidationError("--precision must be 0 to 17") }
  }
}

extension LayerFormat: ExpressibleByArgument {}

/// `--quiet` for commands whose stages report progress on stderr.
struct ProgressOptions: ParsableArguments {
  @Flag(help: "No progress lines on stderr.")
  var quiet = false

  /// The command's progress, drawn on stderr unless `--quiet`.
  func progress(command: String) -> WorkProgress { ProgressDisplay.progress(command: command, quiet: quiet) }
}
