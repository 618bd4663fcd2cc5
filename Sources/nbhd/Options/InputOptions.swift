import ArgumentParser
import Layers

/// Which input of a command a group of input options belongs to: the prefix its flags take and
/// how help text names it. ArgumentParser cannot prefix an `@OptionGroup`, so each input is a
/// role type and `InputOptions<Role>` is the one definition every input's flags come from.
protocol InputRole {
  /// Put before every flag of the input: "" for a command's main input, "a-" for layer A.
  static var prefix: String { get }
  /// The input as help text names it ("layer A", "the area layer").
  static var noun: String { get }
}

/// The file(s) of `inspect` and `convert`: unprefixed flags.
enum FileInput: InputRole {
  static let prefix = "", noun = "the input"
}

/// Layer A of `overlap`.
enum LayerAInput: InputRole {
  static let prefix = "a-", noun = "layer A"
}

/// Layer B of `overlap`.
enum LayerBInput: InputRole {
  static let prefix = "b-", noun = "layer B"
}

/// The source layer of `interpolate`.
enum SourceInput: InputRole {
  static let prefix = "source-", noun = "the source layer"
}

/// The target layer of `interpolate`.
enum TargetInput: InputRole {
  static let prefix = "target-", noun = "the target layer"
}

/// The area layer of `coverage`: unprefixed flags, as it is the command's main input.
enum AreaInput: InputRole {
  static let prefix = "", noun = "the area layer"
}

/// The asset files of `coverage`.
enum AssetInput: InputRole {
  static let prefix = "asset-", noun = "the asset files"
}

/// The layers of `render`: one set of unprefixed flags for every layer drawn.
enum MapLayerInput: InputRole {
  static let prefix = "", noun = "each layer"
}

/// The population layer of the commands that weight by people.
enum PopulationInput: InputRole {
  static let prefix = "population-", noun = "the population layer"
}

/// How to read one input, with the same names, help and checks in every command that loads
/// layers: `--<prefix>id-field`, `--<prefix>name-field`, `--<prefix>crs`. (`--<prefix>layer` is
/// kept for the GeoPackage layer name.)
struct InputOptions<Role: InputRole>: ParsableArguments {
  @Option(
    name: .customLong(Role.prefix + "id-field"),
    help: ArgumentHelp("Property holding feature ids in \(Role.noun) (default: detected)."))
  var idField: String?

  @Option(
    name: .customLong(Role.prefix + "name-field"),
    help: ArgumentHelp("Property holding feature names in \(Role.noun) (default: detected)."))
  var nameField: String?

  @Option(
    name: .customLong(Role.prefix + "crs"),
    help: ArgumentHelp(
      "CRS of the coordinates in \(Role.noun), e.g. EPSG:27700 (default: the file's crs member, else WGS84 "
        + "lon/lat)."))
  var sourceCRS: String?

  /// The flag that gives this input's CRS, for advice in messages.
  static var crsFlag: String { "--\(Role.prefix)crs" }
}

/// The coordinate columns of a CSV input, for the inputs that may be points.
struct CSVColumnOptions<Role: InputRole>: ParsableArguments {
  @Option(
    name: .customLong(Role.prefix + "x-field"),
    help: ArgumentHelp("CSV: the column of \(Role.noun) holding longitude or easting."))
  var xField: String?

  @Option(
    name: .customLong(Role.prefix + "y-field"),
    help: ArgumentHelp("CSV: the column of \(Role.noun) holding latitude or northing."))
  var yField: String?

  /// The two flags, as advice names them.
  static var flags: String { "--\(Role.prefix)x-field/--\(Role.prefix)y-field" }

  func validate() throws {
    if (xField == nil) != (yField == nil) {
      throw ValidationError("give both --\(Role.prefix)x-field and --\(Role.prefix)y-field, or neither")
    }
  }
}

/// `--threads`, checked in one place for every command that runs in parallel.
struct ThreadOptions: ParsableArguments {
  @Option(help: "Threads (default: the machine's cores).")
  var threads: Int?

  func validate() throws {
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
  }
}

/// A population layer to weight by people: `--population`, `--population-field` and the
/// population input's own reading options.
struct PopulationOptions: ParsableArguments {
  @Option(help: "Population layer (polygons or points with a count) to weight by people.")
  var population: String?

  @Option(name: .customLong("population-field"), help: "The count field of the population layer.")
  var populationField: String?

  @OptionGroup var input: InputOptions<PopulationInput>

  func validate() throws {
    if (population == nil) != (populationField == nil) {
      throw ValidationError("give --population and --population-field together")
    }
  }
}
