import Analysis
import Foundation
import GeoCore
import Layers

/// The study's change between two dates (issue 19): the asset entries that carry `before:`, their
/// earlier files, and a change analysis of every area layer.
public struct StudyChange: Sendable {
  /// The earlier and later assets of the categories with a `before:` file.
  public var before: AssetVintage
  /// The later assets of the same categories (the entries' own files).
  public var after: AssetVintage
  /// The earlier files as loaded, with their entries (every feature is reported).
  public var beforeLayers: [(config: StudyConfig.AssetLayer, layer: Layer)]
  /// Change of each area layer, by layer name.
  public var results: [String: ChangeResult] = [:]

  /// Loads the `before:` file of every asset entry that has one (nil when none has), in the
  /// working CRS; the later date is the entry's own file, already loaded in `assetLayers`.
  static func load(
    _ config: StudyConfig, workingCRS: String, threads: Int?,
    assetLayers: [(config: StudyConfig.AssetLayer, layer: Layer)]
  ) throws -> StudyChange? {
    let entries = assetLayers.filter { $0.config.before != nil }
    guard let first = entries.first?.config else { return nil }
    var before = AssetVintage(label: first.beforeLabel ?? "before")
    var after = AssetVintage(label: first.afterLabel ?? "after")
    var beforeLayers: [(StudyConfig.AssetLayer, Layer)] = []
    for (entry, laterLayer) in entries {
      guard let file = entry.before else { continue }
      var options = LoadOptions()
      options.workingCRS = workingCRS
      options.sourceCRS = entry.crs
      options.layerName = "\(entry.category) (\(before.label))"
      if let threads { options.threads = threads }
      let layer = try StudyRunner.load(
        config, line: entry.line, what: "asset \(entry.category), before", path: config.resolve(file),
        options: options)
      guard !layer.features.isEmpty else {
        throw StudyConfigError(
          path: config.path, line: entry.line,
          message:
            "asset \(entry.category), before: \(file): no usable assets (\(layer.record.inputFeatures) features read)"
        )
      }
      do {
        try before.add(layer, category: entry.category)
        try after.add(laterLayer, category: entry.category)
      } catch {
        throw StudyConfigError(
          path: config.path, line: entry.line, message: "asset \(entry.category): \(error)")
      }
      beforeLayers.append((entry, layer))
    }
    return StudyChange(before: before, after: after, beforeLayers: beforeLayers.map { ($0.0, $0.1) })
  }

  /// Runs the change of every area layer, with the people the study already estimated in each.
  mutating func analyse(
    _ config: StudyConfig, layers: [(StudyConfig.AreaLayer, Layer)], population: PopulationLayer?,
    people: [String: PopulationEstimate], threads: Int, progress: WorkProgress
  ) throws {
    var byCategory: [String: Double] = [:]
    for entry in config.assets { byCategory[entry.category] = entry.radius }
    var coverage = CoverageOptions(radii: ReachRadii(byCategory: byCategory))
    coverage.quadrantSegments = config.quadrantSegments
    coverage.threads = threads
    for (entry, layer) in layers {
      results[entry.name] = try progress.stage(
        "change: \(entry.name)", total: layer.features.count, unit: "units"
      ) {
        counter in
        let result = try ChangeAnalysis.run(
          units: layer.geometries, before: before, after: after, population: population,
          options: ChangeOptions(coverage: coverage), knownPeople: people[entry.name])
        counter.set(layer.features.count)
        return result
      }
    }
  }
}
