import ArgumentParser
import GeoCore
import GeoJSON
import Layers
import Reports

/// `nbhd convert IN OUT`: reproject, repair, fix winding and set precision, saying what changed;
/// GeoJSON, GeoPackage and CSV in, GeoJSON or GeoPackage out.
struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Convert a GeoJSON, GeoPackage or CSV layer to RFC 7946 GeoJSON (or a projected CRS with --to), "
      + "or to a GeoPackage (OUT ending in .gpkg, or --format gpkg: the working CRS at full precision), "
      + "repairing invalid polygons and fixing ring winding.")

  @Argument(help: "Input GeoJSON, GeoPackage or CSV file.")
  var input: String

  @Argument(help: "Output GeoJSON or GeoPackage file (written atomically).")
  var output: String

  @Option(
    help: ArgumentHelp(
      "Output CRS, e.g. EPSG:27700 (GeoJSON: written with a crs member for QGIS). Default: WGS84 lon/lat for "
        + "GeoJSON, the working CRS (EPSG:27700 in Great Britain) for a GeoPackage."))
  var to: String?

  @Option(help: "Decimal places for coordinates (default 6 in GeoJSON, full precision in a GeoPackage).")
  var precision: Int?

  @Option(help: "Output format: geojson or gpkg (default: from OUT's extension).")
  var format: LayerFormat?

  @Flag(help: "Keep invalid polygons as they are instead of repairing them.")
  var noRepair = false

  @OptionGroup var reading: InputOptions<FileInput>
  @OptionGroup var columns: CSVColumnOptions<FileInput>

  func validate() throws {
    if let precision, !(0...17).contains(precision) {
      throw ValidationError("--precision must be between 0 and 17")
    }
    if input == output { throw ValidationError("the output must not be the input file") }
  }

  func run() throws {
    var clock = StageClock()
    let geoPackage = (format ?? LayerFormat(fileName: output)) == .geoPackage
    var options = reading.loadOptions(workingCRS: geoPackage ? to : to ?? "OGC:CRS84")
    options.repair = !noRepair
    let loaded = try reportingFailures { try reading.load(input, options: options, columns: columns) }
    let rewound =
      geoPackage ? 0 : loaded.features.reduce(0) { $0 + RingWinding.ringsNeedingReversal($1.geometry) }
    var features: [(Int, Feature)] = loaded.features.map { feature in
      var properties = feature.properties
      // A GeoPackage has no id member: a GeoJSON id becomes an `id` column, as GDAL does.
      if geoPackage, let id = feature.featureID, properties["id"] == nil { properties["id"] = id }
      return (
        feature.index, Feature(id: feature.featureID, properties: properties, geometry: feature.geometry)
      )
    }
    // Features without usable geometry are written as read (GeoJSON) or with no geometry (a
    // GeoPackage holds one CRS, and these were never reprojected).
    features += loaded.excludedFeatures.map {
      (
        $0.index,
        geoPackage ? Feature(id: $0.feature.id, properties: $0.feature.properties, geometry: nil) : $0.feature
      )
    }
    features.sort { $0.0 < $1.0 }
    let target = geoPackage ? loaded.crs : to ?? "OGC:CRS84"
    try reportingFailures {
      if geoPackage {
        let rows = features.map(\.1)
        try GeoPackageOutput(workingCRS: loaded.crs, precision: precision).write(
          count: rows.count, name: loaded.name, to: output
        ) { (rows[$0].geometry, rows[$0].properties) }
      } else {
        var writerOptions = GeoJSONWriter.Options(precision: precision ?? 6, enforceRightHandRule: true)
        if to != nil { writerOptions.crsName = target }
        try GeoJSONWriter.write(features: features.map(\.1), to: output, options: writerOptions)
      }
    }
    clock.lap("write \(output)")
    let record = loaded.record
    var lines = ["\(output): \(features.count) features written (of \(record.inputFeatures) read)"]
    lines.append(
      "  reprojected   \(record.sourceCRS) → \(target)"
        + (record.operation.map { " via \($0)" } ?? " (no transformation needed)"))
    lines.append(
      "  precision     " + (precision.map { "\($0) decimals" } ?? (geoPackage ? "full" : "6 decimals")))
    if !geoPackage {
      lines.append("  winding       \(rewound) rings reversed to the right-hand rule (RFC 7946)")
    }
    lines.append("  repaired      \(record.repairs.count)" + (noRepair ? " (repair off)" : ""))
    for note in record.repairs.prefix(20) {
      lines.append("                feature \(note.index) (\(note.id)): \(note.reason)")
    }
    lines.append(
      "  unchanged     \(record.excluded.count) features without usable geometry written "
        + (geoPackage ? "with no geometry" : "as read"))
    for note in record.excluded.prefix(20) {
      lines.append("                feature \(note.index) (\(note.id)): \(note.reason)")
    }
    StandardError.write(lines.joined(separator: "\n"))
  }
}
