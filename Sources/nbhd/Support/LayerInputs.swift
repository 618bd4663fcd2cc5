import Analysis
import GeoCore
import Layers

/// Loading the inputs of a command: each input read with its own options, and a loading problem
/// turned into a message whose advice names that input's own flags (`--b-crs` for layer B).
extension InputOptions {
  /// The loader's options for this input.
  func loadOptions(expected: ExpectedGeometry = .any, threads: Int? = nil, workingCRS: String? = nil)
    -> LoadOptions
  {
    var options = LoadOptions()
    options.idField = idField
    options.nameField = nameField
    options.sourceCRS = sourceCRS
    options.workingCRS = workingCRS
    options.expected = expected
    if let threads { options.threads = threads }
    return options
  }

  /// Loads `path` with `options`; a problem becomes a `CommandFailure` advising this input's
  /// flags (and `columns`' flags for a CSV, when the command has them).
  func load(_ path: String, options: LoadOptions, columns: CSVColumnOptions<Role>? = nil) throws -> Layer {
    var options = options
    options.xField = columns?.xField
    options.yField = columns?.yField
    do {
      return try LayerLoader.load(path, options: options)
    } catch {
      let settings = InputSettings(
        sourceCRS: Self.crsFlag, coordinateColumns: columns.map { _ in CSVColumnOptions<Role>.flags })
      throw CommandFailure(error, naming: settings)
    }
  }

  /// Loads a polygon layer; one with no usable polygon is an error.
  func loadPolygons(_ path: String, threads: Int?, workingCRS: String? = nil) throws -> Layer {
    let layer = try load(
      path, options: loadOptions(expected: .polygons, threads: threads, workingCRS: workingCRS))
    guard !layer.features.isEmpty else {
      throw LayerError.badLayer(
        path,
        "no usable polygons (\(layer.record.inputFeatures) features read, \(layer.record.excluded.count) excluded"
          + (layer.record.excluded.first.map { ", e.g. feature \($0.index): \($0.reason)" } ?? "") + ")")
    }
    return layer
  }
}

extension PopulationOptions {
  /// The population layer in `workingCRS`, or nil when none was asked for. A file already loaded
  /// as another input (LSOAs carrying their own residents) is reused instead of read again: the
  /// first of `loaded` read from the same path.
  func load(workingCRS: String, reusing loaded: [Layer] = []) throws -> (
    layer: Layer, people: PopulationLayer
  )? {
    guard let population, let populationField else { return nil }
    let layer =
      try loaded.first { $0.source == population }
      ?? input.load(population, options: input.loadOptions(workingCRS: workingCRS))
    return (layer, try PopulationLayer(layer, field: populationField))
  }
}

/// Checks on the inputs of commands that compare two layers.
enum LayerInputs {
  /// Two layers that share no ground are almost always a CRS mistake: say so before any work.
  static func checkOverlap<A: InputRole, B: InputRole>(_ a: Layer, _ b: Layer, roles: (A.Type, B.Type)) throws
  {
    let boxA = a.boundingBox, boxB = b.boundingBox
    guard !boxA.intersects(boxB) else { return }
    throw CommandFailure(
      badInput:
        "\(a.source) and \(b.source) do not overlap at all (extents \(boxA) and \(boxB) in \(a.crs)); "
        + "check that both are the same area and that each file's CRS is right "
        + "(\(InputOptions<A>.crsFlag)/\(InputOptions<B>.crsFlag))")
  }
}
