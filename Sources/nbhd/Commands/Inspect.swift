import ArgumentParser
import GeoCore
import Layers

/// `nbhd inspect FILE…`: what is in each file and what loading it would do.
struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Describe layers: features, geometry types, CRS, extent, id/name fields, invalid, duplicate "
      + "and empty features.")

  @Argument(help: "GeoJSON or CSV files.")
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
      if json { summaries.append(loaded.summaryJSON) } else { print(InspectText.describe(loaded)) }
    }
    if json { print(JSONValue.array(summaries).prettyJSON) }
  }
}
