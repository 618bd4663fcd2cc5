import ArgumentParser
import GeoCore
import Layers

/// `nbhd inspect FILE…`: what is in each file and what loading it would do.
struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Describe layers: features, geometry types, CRS, extent, id/name fields, invalid, duplicate "
      + "and empty features.")

  @Argument(help: "GeoJSON, GeoPackage or CSV files.")
  var files: [String]

  @OptionGroup var reading: InputOptions<FileInput>
  @OptionGroup var columns: CSVColumnOptions<FileInput>

  @Flag(help: "Print JSON instead of text.")
  var json = false

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one file") }
  }

  func run() throws {
    var summaries: [JSONValue] = []
    for file in files {
      let loaded = try reportingFailures {
        try reading.load(file, options: reading.loadOptions(), columns: columns)
      }
      if json { summaries.append(Self.json(loaded)) } else { print(InspectText.describe(loaded)) }
    }
    if json { print(JSONValue.array(summaries).prettyJSON) }
  }

  /// The layer's summary plus the rule that chose its id field (kept out of `summaryJSON`, which
  /// other commands' summary.json files hold unchanged).
  static func json(_ layer: Layer) -> JSONValue {
    guard case .object(var object) = layer.summaryJSON else { return layer.summaryJSON }
    object["id_rule"] = .string(layer.fields.rule)
    return .object(object)
  }
}
