import Analysis
import ArgumentParser
import Foundation
import GeoCore
import Layers
import Reports

/// `nbhd interpolate SOURCE TARGET`: move counts and rates from one geography to another.
struct Interpolate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Areal interpolation: move counts (extensive) and rates (intensive) from SOURCE units to TARGET "
      + "units, weighted by area or by population; prints a conservation check.")

  @Argument(help: "Source layer carrying the variables.")
  var source: String

  @Argument(help: "Target layer to receive them.")
  var target: String

  @Option(parsing: .upToNextOption, help: "Count fields (people, households): split by weight.")
  var extensive: [String] = []

  @Option(parsing: .upToNextOption, help: "Rate or mean fields: weighted averages.")
  var intensive: [String] = []

  @OptionGroup(title: "Source layer") var sourceInput: InputOptions<SourceInput>
  @OptionGroup(title: "Target layer") var targetInput: InputOptions<TargetInput>
  @OptionGroup(title: "Population (weights by people instead of area)") var population: PopulationOptions

  @OptionGroup var analysis: AnalysisOptions
  @OptionGroup var output: OutputOptions

  func validate() throws {
    if extensive.isEmpty && intensive.isEmpty {
      throw ValidationError("give at least one --extensive or --intensive field")
    }
  }

  func run() throws {
    let (layerS, layerT, results, weightName) = try reportingFailures {
      () throws -> (Layer, Layer, [(String, ArealInterpolation.Kind, ArealInterpolation.Result)], String) in
      let s = try sourceInput.loadPolygons(source, threads: analysis.threads)
      let t = try targetInput.loadPolygons(target, threads: analysis.threads, workingCRS: s.crs)
      try LayerInputs.checkOverlap(s, t, roles: (SourceInput.self, TargetInput.self))
      var options = analysis.overlapOptions
      options.computeHausdorff = false
      options.keepPieceGeometry = population.population != nil
      var overlay = try OverlapEngine.overlay(a: s.geometries, b: t.geometries, options: options)
      var weights = ArealInterpolation.Weights.area(overlay)
      // The population is often the source or target file itself (LSOAs with a count): read once.
      if let people = try population.load(workingCRS: s.crs, reusing: [s, t])?.people {
        let estimate = try overlay.weight(
          by: people, a: s.geometries, b: t.geometries, threads: options.threads)
        weights = ArealInterpolation.Weights(
          pieces: overlay.pieces.map { $0.population ?? 0 }, sources: estimate.a.totals, name: "population")
      }
      var results: [(String, ArealInterpolation.Kind, ArealInterpolation.Result)] = []
      for (field, kind) in extensive.map({ ($0, ArealInterpolation.Kind.extensive) })
        + intensive.map({ ($0, ArealInterpolation.Kind.intensive) })
      {
        let values = try Self.values(of: field, in: s)
        results.append(
          (
            field, kind,
            ArealInterpolation.interpolate(
              values, kind: kind, overlay: overlay, targetCount: t.features.count, weights: weights)
          ))
      }
      return (s, t, results, weights.name)
    }
    try reportingFailures { try write(layerT, results) }
    var lines = ["\(layerS.name) → \(layerT.name): \(results.count) variables, weighted by \(weightName)"]
    for (field, kind, result) in results {
      if kind == .extensive {
        let difference = result.interpolatedTotal - result.expectedTotal
        let relative =
          result.expectedTotal != 0 ? abs(difference) / abs(result.expectedTotal) : abs(difference)
        lines.append(
          "  \(field) (extensive): source total \(FixedDecimal.format(result.sourceTotal, decimals: 3)), "
            + "inside the target layer \(FixedDecimal.format(result.expectedTotal, decimals: 3)), "
            + "interpolated \(FixedDecimal.format(result.interpolatedTotal, decimals: 3)) "
            + "(conservation difference \(String(format: "%.3e", relative)) relative)")
      } else {
        lines.append(
          "  \(field) (intensive): weighted mean over \(result.values.compactMap { $0 }.count) targets")
      }
    }
    lines.append(
      "  wrote interpolated.csv, interpolated.\(output.format.fileExtension) in \(output.directory)")
    StandardError.write(lines.joined(separator: "\n"))
  }

  /// The numbers of `field`; a value that is not a number is an error naming the feature.
  static func values(of field: String, in layer: Layer) throws -> [Double?] {
    guard layer.features.contains(where: { $0.properties[field] != nil }) else {
      let keys = layer.features.first.map { $0.properties.keys.joined(separator: ", ") } ?? ""
      throw LayerError.badOption(
        "\(layer.source): no feature has the field \"\(field)\"; properties are: \(keys)")
    }
    return try layer.features.map { feature in
      let value = feature.properties[field] ?? .null
      if value == .null || value == .string("") { return nil }
      guard let number = value.numberValue, number.isFinite else {
        throw LayerError.badFeature(
          layer.source, index: feature.index, id: feature.id,
          "field \"\(field)\" is \(value.jsonText), not a number")
      }
      return number
    }
  }

  func write(_ target: Layer, _ results: [(String, ArealInterpolation.Kind, ArealInterpolation.Result)])
    throws
  {
    try FileManager.default.createDirectory(atPath: output.directory, withIntermediateDirectories: true)
    var csv = CSVWriter(header: ["id", "name"] + results.map(\.0))
    let order = target.positionsByID
    for i in order {
      csv.text(target.features[i].id)
      csv.text(target.features[i].name)
      for (_, _, result) in results { csv.number(result.values[i], decimals: 6) }
      csv.endRow()
    }
    try csv.write(to: output.directory + "/interpolated.csv")
    let features = target.features.enumerated().map {
      i, feature -> (geometry: FlatGeometry?, properties: JSONObject) in
      var properties = feature.properties
      for (field, _, result) in results { properties[field] = result.values[i].map { .number($0) } ?? .null }
      return (feature.geometry, properties)
    }
    let geoJSON = output.layerOutput(workingCRS: target.crs)
    try geoJSON.write(features, to: output.directory + "/" + geoJSON.fileName("interpolated"))
  }
}
