import Analysis
import ArgumentParser
import Foundation
import GeoCore
import Layers
import Reports

/// `nbhd overlap A B`: crosswalk, mismatch classes, slivers, building-block fits, lookups and
/// topology checks for two polygon layers.
struct Overlap: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Crosswalk two polygon layers: pieces with shares, mismatch classes, slivers, building-block fits, "
      + "best-fit lookups and each layer's overlaps and gaps.")

  @Argument(help: "Layer A (e.g. resident-defined neighbourhoods).")
  var a: String

  @Argument(help: "Layer B (e.g. PCNs, wards, LSOAs).")
  var b: String

  @Option(help: "Population layer (polygons or points with a count) to weight shares by people.")
  var population: String?

  @Option(name: .customLong("population-field"), help: "The count field of the population layer.")
  var populationField: String?

  @Option(name: .customLong("a-id-field")) var aIDField: String?
  @Option(name: .customLong("a-name-field")) var aNameField: String?
  @Option(name: .customLong("a-crs"), help: "CRS of layer A's coordinates when the file does not say.")
  var aCRS: String?
  @Option(name: .customLong("a-layer"), help: "Layer A's feature table when its GeoPackage holds several.")
  var aLayer: String?
  @Option(name: .customLong("b-id-field")) var bIDField: String?
  @Option(name: .customLong("b-name-field")) var bNameField: String?
  @Option(name: .customLong("b-crs"), help: "CRS of layer B's coordinates when the file does not say.")
  var bCRS: String?
  @Option(name: .customLong("b-layer"), help: "Layer B's feature table when its GeoPackage holds several.")
  var bLayer: String?

  @Flag(name: .customLong("no-topology"), help: "Skip the overlaps-and-gaps check inside each layer.")
  var noTopology = false

  @Flag(
    name: .customLong("crosswalk-only"),
    help: ArgumentHelp(
      "Write only crosswalk.csv and summary.json: no classes, lookups, piece geometry or topology "
        + "(the fastest national crosswalk)."))
  var crosswalkOnly = false

  @OptionGroup var analysis: AnalysisOptions
  @OptionGroup var output: OutputOptions

  func validate() throws {
    if (population == nil) != (populationField == nil) {
      throw ValidationError("give --population and --population-field together")
    }
  }

  func run() throws {
    var clock = StageClock()
    let flags = [(a, "--a-layer"), (b, "--b-layer"), (LayerReference(parsing: population ?? "").path, "FILE@LAYER")]
    let run = try reportingFailures(layerFlags: flags) { () throws -> OverlapRun in
      let layerA = try Self.loadPolygons(
        a, idField: aIDField, nameField: aNameField, crs: aCRS, layer: aLayer, threads: analysis.threads)
      let layerB = try Self.loadPolygons(
        b, idField: bIDField, nameField: bNameField, crs: bCRS, layer: bLayer, threads: analysis.threads,
        workingCRS: layerA.crs)
      var people: PopulationLayer?
      if let population, let populationField {
        var options = LoadOptions()
        options.workingCRS = layerA.crs
        // A layer that carries its own residents is read once.
        let layer =
          population == a
          ? layerA : population == b ? layerB : try LayerLoader.load(reference: population, options: options)
        people = try PopulationLayer(layer, field: populationField)
      }
      try Self.checkOverlap(layerA, layerB)
      clock.lap("load")
      if crosswalkOnly {
        return try OverlapRun.crosswalk(layerA, layerB, population: people, options: analysis.overlapOptions)
      }
      return try OverlapRun.analyse(
        layerA, layerB, population: people, options: analysis.overlapOptions, checkTopology: !noTopology,
        maxGapArea: analysis.maxGapArea)
    }
    let geoJSON = output.layerOutput(workingCRS: run.a.crs)
    let files = try reportingFailures {
      try OverlapOutput.write(run, to: output.directory, geoJSON: geoJSON, versions: NbhdVersion.json)
    }
    clock.lap("analysis")
    defer { clock.lap("write") }
    if output.json {
      print(try String(contentsOfFile: output.directory + "/summary.json", encoding: .utf8), terminator: "")
    } else {
      print(OverlapText.describe(run, files: files))
    }
  }

  /// Loads a polygon layer; an empty one is an error.
  static func loadPolygons(
    _ path: String, idField: String?, nameField: String?, crs: String?, layer: String? = nil, threads: Int?,
    workingCRS: String? = nil
  ) throws -> Layer {
    var options = LoadOptions()
    options.sourceLayer = layer
    options.idField = idField
    options.nameField = nameField
    options.sourceCRS = crs
    options.workingCRS = workingCRS
    options.expected = .polygons
    if let threads { options.threads = threads }
    let layer = try LayerLoader.load(path, options: options)
    guard !layer.features.isEmpty else {
      throw LayerError.badLayer(
        path,
        "no usable polygons (\(layer.record.inputFeatures) features read, \(layer.record.excluded.count) excluded"
          + (layer.record.excluded.first.map { ", e.g. feature \($0.index): \($0.reason)" } ?? "") + ")")
    }
    return layer
  }

  /// Two layers that share no ground are almost always a CRS mistake: say so before any work.
  static func checkOverlap(_ a: Layer, _ b: Layer) throws {
    let boxA = a.boundingBox, boxB = b.boundingBox
    guard !boxA.intersects(boxB) else { return }
    throw CommandFailure(
      badInput:
        "\(a.source) and \(b.source) do not overlap at all (extents \(boxA) and \(boxB) in \(a.crs)); "
        + "check that both are the same area and that each file's CRS is right (--a-crs/--b-crs)")
  }
}
