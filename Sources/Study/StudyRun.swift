import Analysis
import Foundation
import GeoCore
import Layers

/// Everything a study produced (issue 6), ready for the report writers.
public struct StudyRun: Sendable {
  public var config: StudyConfig
  /// Area layers in config order, with their roles.
  public var layers: [(config: StudyConfig.AreaLayer, layer: Layer)]
  public var population: (layer: Layer, people: PopulationLayer)?
  public var assetLayers: [(config: StudyConfig.AssetLayer, layer: Layer)]
  public var assets: AssetSet
  /// One overlap run per compared pair.
  public var pairs: [(pair: StudyConfig.Pair, run: OverlapRun)]
  /// Each area layer's own overlaps and gaps, by layer name.
  public var topology: [String: TopologyReport]
  /// Coverage of each area layer by every asset category, by layer name.
  public var coverage: [String: CoverageResult]
  /// People in each feature of each area layer, by layer name.
  public var populations: [String: [Double]]
  /// Input file checksums (sha256), by path.
  public var checksums: [String: String]
  /// Wall-clock seconds per step, in order.
  public var timings: [(step: String, seconds: Double)]
  /// The consensus behind each layer given as residents' drawings, by layer name.
  public var consensus: [String: ConsensusRun] = [:]

  /// The area layer called `name`.
  public func layer(_ name: String) -> Layer? { layers.first { $0.config.name == name }?.layer }
}

/// Runs a study: loads and checks everything first, then analyses.
public enum StudyRunner {
  /// Progress messages: a step and, where known, done/total.
  public typealias Progress = @Sendable (String) -> Void

  public static func run(_ config: StudyConfig, threads: Int? = nil, progress: Progress = { _ in }) throws
    -> StudyRun
  {
    var timings: [(String, Double)] = []
    var started = Date()
    func lap(_ step: String) {
      timings.append((step, Date().timeIntervalSince(started)))
      started = Date()
    }
    // 1. Load and check every input before any analysis.
    var layers: [(StudyConfig.AreaLayer, Layer)] = []
    var consensus: [String: ConsensusRun] = [:]
    var working = config.workingCRS
    for (i, entry) in config.layers.enumerated() {
      progress("loading layer \(i + 1)/\(config.layers.count): \(entry.name)")
      if let sketches = entry.sketches {
        let (layer, run) = try sketchLayer(entry, sketches, config: config, workingCRS: working, threads: threads)
        consensus[entry.name] = run
        working = working ?? layer.crs
        layers.append((entry, layer))
        continue
      }
      var options = LoadOptions()
      options.idField = entry.idField
      options.nameField = entry.nameField
      options.sourceCRS = entry.crs
      options.workingCRS = working
      options.expected = .polygons
      options.layerName = entry.name
      if let threads { options.threads = threads }
      let layer = try load(
        config, line: entry.line, what: "layer \(entry.name)", path: config.resolve(entry.file),
        options: options)
      guard !layer.features.isEmpty else {
        throw StudyConfigError(
          path: config.path, line: entry.line,
          message: "layer \(entry.name) has no usable polygons (\(layer.record.inputFeatures) features read)")
      }
      working = working ?? layer.crs
      layers.append((entry, layer))
    }
    let workingCRS = working ?? "EPSG:27700"
    var population: (Layer, PopulationLayer)?
    if let source = config.population {
      progress("loading population")
      var options = LoadOptions()
      options.workingCRS = workingCRS
      options.sourceCRS = source.crs
      options.layerName = "population"
      let layer = try load(
        config, line: source.line, what: "population", path: config.resolve(source.file), options: options)
      do {
        population = (layer, try PopulationLayer(layer, field: source.field))
      } catch {
        throw StudyConfigError(path: config.path, line: source.line, message: "population: \(error)")
      }
    }
    var assetLayers: [(StudyConfig.AssetLayer, Layer)] = []
    var assets = AssetSet(assets: [])
    for entry in config.assets {
      progress("loading assets: \(entry.category)")
      var options = LoadOptions()
      options.workingCRS = workingCRS
      options.sourceCRS = entry.crs
      options.layerName = entry.category
      let layer = try load(
        config, line: entry.line, what: "asset \(entry.category)", path: config.resolve(entry.file),
        options: options)
      assetLayers.append((entry, layer))
      do {
        try assets.add(layer, category: entry.category, categoryField: nil)
      } catch {
        throw StudyConfigError(
          path: config.path, line: entry.line, message: "asset \(entry.category): \(error)")
      }
    }
    var checksums: [String: String] = [:]
    for path in config.layers.map(\.file) + config.assets.map(\.file)
      + [config.population?.file].compactMap({ $0 })
    {
      checksums[path] = try SHA256.hex(ofFile: config.resolve(path))
    }
    lap("load and check")

    // 2. Overlaps for each pair.
    var options = OverlapOptions()
    options.tolerance = config.tolerance
    options.sliverWidth = config.sliverWidth
    options.minArea = config.minArea
    if let threads { options.threads = threads }
    var pairs: [(StudyConfig.Pair, OverlapRun)] = []
    for (i, pair) in config.comparedPairs.enumerated() {
      progress("overlap \(i + 1)/\(config.comparedPairs.count): \(pair.a) × \(pair.b)")
      let a = layers.first { $0.0.name == pair.a }!.1, b = layers.first { $0.0.name == pair.b }!.1
      pairs.append(
        (
          pair,
          try OverlapRun.analyse(a, b, population: population?.1, options: options, checkTopology: false)
        ))
    }
    lap("overlaps")

    // 3. Topology of each layer.
    var topology: [String: TopologyReport] = [:]
    for (entry, layer) in layers {
      progress("topology: \(entry.name)")
      topology[entry.name] = try TopologyCheck.run(
        layer.geometries, maxGapArea: config.maxGapArea, threads: options.threads)
    }
    lap("topology")

    // 4. Coverage of each area layer by each category.
    var coverage: [String: CoverageResult] = [:]
    if !assets.assets.isEmpty {
      var byCategory: [String: Double] = [:]
      for entry in config.assets { byCategory[entry.category] = entry.radius }
      var coverageOptions = CoverageOptions(radii: ReachRadii(byCategory: byCategory))
      coverageOptions.quadrantSegments = config.quadrantSegments
      coverageOptions.threads = options.threads
      for (entry, layer) in layers {
        progress("coverage: \(entry.name)")
        coverage[entry.name] = try CoverageAnalysis.run(
          units: layer.geometries, assets: assets, population: population?.1, options: coverageOptions)
      }
    }
    lap("coverage")

    // 5. Population in every area layer.
    var populations: [String: [Double]] = [:]
    if let people = population?.1 {
      for (entry, layer) in layers {
        progress("population: \(entry.name)")
        populations[entry.name] = try people.estimate(in: layer.geometries, threads: options.threads).totals
      }
    }
    lap("population")
    var run = StudyRun(
      config: config, layers: layers.map { ($0.0, $0.1) }, population: population.map { ($0.0, $0.1) },
      assetLayers: assetLayers.map { ($0.0, $0.1) }, assets: assets, pairs: pairs.map { ($0.0, $0.1) },
      topology: topology, coverage: coverage, populations: populations, checksums: checksums,
      timings: timings.map { (step: $0.0, seconds: $0.1) })
    run.consensus = consensus
    return run
  }

  /// Loads one input; any problem becomes an error naming the config line as well as the file.
  static func load(_ config: StudyConfig, line: Int, what: String, path: String, options: LoadOptions) throws
    -> Layer
  {
    do {
      return try LayerLoader.load(path, options: options)
    } catch {
      throw StudyConfigError(path: config.path, line: line, message: "\(what): \(error)")
    }
  }
}
