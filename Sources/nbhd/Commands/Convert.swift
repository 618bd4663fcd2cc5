import ArgumentParser
import GeoCore
import GeoJSON
import Layers

/// `nbhd convert IN OUT`: reproject, repair, fix winding and set precision, saying what changed.
struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Convert a GeoJSON or CSV layer to RFC 7946 GeoJSON (or a projected CRS with --to), repairing "
      + "invalid polygons and fixing ring winding.")

  @Argument(help: "Input GeoJSON or CSV file.")
  var input: String

  @Argument(help: "Output GeoJSON file (written atomically).")
  var output: String

  @Option(help: "Output CRS, e.g. EPSG:27700 (written with a crs member for QGIS). Default: WGS84 lon/lat.")
  var to: String?

  @Option(help: "Decimal places for coordinates.")
  var precision: Int = 6

  @Flag(help: "Keep invalid polygons as they are instead of repairing them.")
  var noRepair = false

  @OptionGroup var reading: InputOptions<FileInput>
  @OptionGroup var columns: CSVColumnOptions<FileInput>

  func validate() throws {
    guard (0...17).contains(precision) else { throw ValidationError("--precision must be between 0 and 17") }
    if input == output { throw ValidationError("the output must not be the input file") }
  }

  func run() throws {
    let target = to ?? "OGC:CRS84"
    var options = reading.loadOptions(workingCRS: target)
    options.repair = !noRepair
    let loaded = try reportingFailures { try reading.load(input, options: options, columns: columns) }
    let rewound = loaded.features.reduce(0) { $0 + RingWinding.ringsNeedingReversal($1.geometry) }
    var features: [(Int, Feature)] = loaded.features.map { feature in
      (
        feature.index,
        Feature(id: feature.featureID, properties: feature.properties, geometry: feature.geometry)
      )
    }
    features += loaded.excludedFeatures.map { ($0.index, $0.feature) }
    features.sort { $0.0 < $1.0 }
    var writerOptions = GeoJSONWriter.Options(precision: precision, enforceRightHandRule: true)
    if to != nil { writerOptions.crsName = target }
    try reportingFailures {
      try GeoJSONWriter.write(features: features.map(\.1), to: output, options: writerOptions)
    }
    let record = loaded.record
    var lines = ["\(output): \(features.count) features written (of \(record.inputFeatures) read)"]
    lines.append(
      "  reprojected   \(record.sourceCRS) → \(target)"
        + (record.operation.map { " via \($0)" } ?? " (no transformation needed)"))
    lines.append("  precision     \(precision) decimals")
    lines.append("  winding       \(rewound) rings reversed to the right-hand rule (RFC 7946)")
    lines.append("  repaired      \(record.repairs.count)" + (noRepair ? " (repair off)" : ""))
    for note in record.repairs.prefix(20) {
      lines.append("                feature \(note.index) (\(note.id)): \(note.reason)")
    }
    lines.append("  unchanged     \(record.excluded.count) features without usable geometry written as read")
    for note in record.excluded.prefix(20) {
      lines.append("                feature \(note.index) (\(note.id)): \(note.reason)")
    }
    StandardError.write(lines.joined(separator: "\n"))
  }
}
