import ArgumentParser
import Layers

/// Options for how one input layer is read; shared by every command that loads layers.
struct LayerOptions: ParsableArguments {
  @Option(name: .customLong("id-field"), help: "Property holding feature ids (default: detected).")
  var idField: String?

  @Option(name: .customLong("name-field"), help: "Property holding feature names (default: detected).")
  var nameField: String?

  @Option(
    name: .customLong("crs"),
    help:
      "CRS of the input coordinates, e.g. EPSG:27700 (default: the file's crs member, else WGS84 lon/lat).")
  var sourceCRS: String?

  @Option(
    name: .customLong("layer"),
    help: "GeoPackage: the feature table to read when the file holds several.")
  var sourceLayer: String?

  @Option(name: .customLong("x-field"), help: "CSV: column holding longitude or easting.")
  var xField: String?

  @Option(name: .customLong("y-field"), help: "CSV: column holding latitude or northing.")
  var yField: String?

  func validate() throws {
    if (xField == nil) != (yField == nil) {
      throw ValidationError("give both --x-field and --y-field, or neither")
    }
  }

  /// Loader options with these overrides applied.
  func loadOptions(expected: ExpectedGeometry = .any, threads: Int? = nil) -> LoadOptions {
    var options = LoadOptions()
    options.idField = idField
    options.nameField = nameField
    options.sourceCRS = sourceCRS
    options.xField = xField
    options.yField = yField
    options.expected = expected
    options.sourceLayer = sourceLayer
    if let threads { options.threads = threads }
    return options
  }
}
