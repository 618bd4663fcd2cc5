import Analysis
import Foundation
import GeoCore
import Layers

/// Everything a study produced (issue 6), ready for the report writers.
public struct StudyRun: Sendable {
  /// The config the study ran from.
  public var config: StudyConfig
  /// Area layers in config order, with their roles.
  public var layers: [(config: StudyConfig.AreaLayer, layer: Layer)]
  /// The population layer and its counts, if the study has one.
  public var population: (layer: Layer, people: PopulationLayer)?
  /// Asset layers in config order.
  public var assetLayers: [(config: StudyConfig.AssetLayer, layer: Layer)]
  /// Every asset of every category.
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
  /// The registrations entry's catchments and patients by neighbourhood, if the config has one.
  public var registrations: StudyRegistrations? = nil
  /// Change between two dates when asset entries carry `before:` (issue 19).
  public var change: StudyChange? = nil
  /// The consensus behind each layer given as residents' drawings, by layer name.
  public var consensus: [String: ConsensusRun] = [:]

  /// The area layer called `name`.
  public func layer(_ name: String) -> Layer? { layers.first { $0.config.name == name }?.layer }
}

/// Runs a study: loads and checks everything first, then analyses.
public enum StudyRunner {
  /// Runs the study of `config`: loads and checks every input first, then the overlaps of each
  /// pair, each layer's topology, coverage by every asset category and the people in every area
  /// layer, timing each step. `progress` hears of every stage.
  public static func run(_ config: StudyConfig, threads: Int? = nil, progress: WorkProgress = .silent) throws
    -> StudyRun
  {
    var timings: [(String, Double)] = []
    var started = Date()
    var clock = StageClock()
    func lap(_ step: String) {
      timings.append((step, Date().timeIntervalSince(started)))
      started = Date()
      clock.lap("study: \(step)")
    }
    let inputs = try loadInputs(config, threads: threads, progress: progress)
    lap("load and check")
    var options = OverlapOptions()
    options.tolerance = config.tolerance
    options.sliverWidth = config.sliverWidth
    options.minArea = config.minArea
    if let threads { options.threads = threads }
    // Each layer's topology needs nothing of the people: it is checked on another thread while
    // they are estimated, and its stage lines follow theirs.
    let checking = startTopology(config, inputs, threads: options.threads)
    // Each layer's people are estimated once, first, and shared by the overlaps and the coverage,
    // which would otherwise estimate the same layers again.
    let people = try populations(inputs, threads: options.threads, progress: progress)
    lap("population")
    // Topology before the overlaps: their summaries sum areas over each layer's overlapping pairs
    // instead of building unions.
    let topology = try topology(inputs, checking: checking, progress: progress)
    lap("topology")
    let pairs = try overlaps(
      config, inputs, people: people, topology: topology, options: options, progress: progress)
    lap("overlaps")
    let coverage = try coverage(config, inputs, people: people, threads: options.threads, progress: progress)
    lap("coverage")
    var change = inputs.change
    if change != nil {
      try change?.analyse(
        config, layers: inputs.layers, population: inputs.population?.1, people: people,
        threads: options.threads, progress: progress)
      lap("change")
    }
    let populations = people.mapValues(\.totals)
    var registrations = inputs.registrations
    if let found = registrations {
      registrations?.neighbourhoods = try progress.stage(
        "registered patients by neighbourhood", unit: "neighbourhoods"
      ) { _ in
        try registeredPatients(
          found, layers: inputs.layers, population: inputs.population?.1, threads: threads)
      }
      lap("registered patients")
    }
    var run = StudyRun(
      config: config, layers: inputs.layers.map { ($0.0, $0.1) },
      population: inputs.population.map { ($0.0, $0.1) },
      assetLayers: inputs.assetLayers.map { ($0.0, $0.1) }, assets: inputs.assets,
      pairs: pairs.map { ($0.0, $0.1) },
      topology: topology, coverage: coverage, populations: populations, checksums: inputs.checksums,
      timings: timings.map { (step: $0.0, seconds: $0.1) }, registrations: registrations, change: change)
    run.consensus = inputs.consensus
    return run
  }

  /// Every input of a study, loaded and checked.
  struct Inputs {
    var layers: [(StudyConfig.AreaLayer, Layer)] = []
    var population: (Layer, PopulationLayer)?
    var assetLayers: [(StudyConfig.AssetLayer, Layer)] = []
    var assets = AssetSet(assets: [])
    var checksums: [String: String] = [:]
    var registrations: StudyRegistrations?
    var change: StudyChange?
    /// The consensus behind each layer given as residents' drawings, by layer name.
    var consensus: [String: ConsensusRun] = [:]
  }

  /// Loads and checks every input before any analysis: the area layers (the first one's working
  /// CRS, unless the config names one, is every other input's), the population, the assets, and
  /// every file's checksum.
  static func loadInputs(_ config: StudyConfig, threads: Int?, progress: WorkProgress) throws -> Inputs {
    var inputs = Inputs()
    var working = config.workingCRS
    for (i, entry) in config.layers.enumerated() {
      if let sketches = entry.sketches {
        let (layer, run) = try progress.stage(
          "residents' drawings, layer \(i + 1) of \(config.layers.count), \(entry.name)", unit: "drawings"
        ) { _ in
          try sketchLayer(entry, sketches, config: config, workingCRS: working, threads: threads)
        }
        inputs.consensus[entry.name] = run
        working = working ?? layer.crs
        inputs.layers.append((entry, layer))
        continue
      }
      var options = LoadOptions()
      options.idField = entry.idField
      options.nameField = entry.nameField
      options.sourceCRS = entry.crs
      options.sourceLayer = entry.layer
      options.workingCRS = working
      options.expected = .polygons
      options.layerName = entry.name
      if let threads { options.threads = threads }
      let layer = try progress.stage(
        "loading layer \(i + 1) of \(config.layers.count), \(entry.name)", unit: "features"
      ) { counter in
        let layer = try load(
          config, line: entry.line, what: "layer \(entry.name)", path: config.resolve(entry.file),
          options: options)
        counter.set(layer.features.count)
        return layer
      }
      guard !layer.features.isEmpty else {
        throw StudyConfigError(
          path: config.path, line: entry.line,
          message: "layer \(entry.name) has no usable polygons (\(layer.record.inputFeatures) features read)")
      }
      working = working ?? layer.crs
      inputs.layers.append((entry, layer))
    }
    let workingCRS = working ?? "EPSG:27700"
    if let source = config.population {
      inputs.population = try progress.stage("loading population", unit: "features") { counter in
        let population = try loadPopulation(config, source, workingCRS: workingCRS)
        counter.set(population.0.features.count)
        return population
      }
    }
    for entry in config.assets {
      var options = LoadOptions()
      options.workingCRS = workingCRS
      options.sourceCRS = entry.crs
      options.sourceLayer = entry.layer
      options.layerName = entry.category
      let layer = try progress.stage("loading assets, \(entry.category)", unit: "features") { counter in
        let layer = try load(
          config, line: entry.line, what: "asset \(entry.category)", path: config.resolve(entry.file),
          options: options)
        counter.set(layer.features.count)
        return layer
      }
      inputs.assetLayers.append((entry, layer))
      do {
        try inputs.assets.add(layer, category: entry.category, categoryField: nil)
      } catch {
        throw StudyConfigError(
          path: config.path, line: entry.line, message: "asset \(entry.category): \(error)")
      }
    }
    if let source = config.registrations {
      let derived = try progress.stage("deriving \(source.name) from registrations", unit: "LSOAs") { _ in
        try deriveRegistrations(config, source, workingCRS: workingCRS, threads: threads)
      }
      inputs.registrations = derived.0
      inputs.layers.append((source.areaLayer, derived.1))
    }
    inputs.change = try StudyChange.load(
      config, workingCRS: workingCRS, threads: threads, assetLayers: inputs.assetLayers)
    let paths =
      (config.registrations?.files ?? []) + config.layers.map(\.file) + config.assets.map(\.file)
      + config.assets.compactMap(\.before) + [config.population?.file].compactMap({ $0 })
    // A file named twice (a layer that is also the population) is read and hashed once; the
    // files are hashed side by side, as national inputs take a while each.
    var seen = Set<String>()
    let files = paths.filter { seen.insert($0).inserted }
    let sums = try progress.stage("checksums of the inputs", total: files.count, unit: "files") { counter in
      try ParallelChunks.map(
        count: files.count, threads: threads ?? ParallelChunks.defaultThreadCount, chunkSize: 1,
        progress: counter,
        makeWorker: {}, body: { _, i in try SHA256.hex(ofFile: config.resolve(files[i])) })
    }
    for (path, sum) in zip(files, sums) { inputs.checksums[path] = sum }
    return inputs
  }

  /// The population layer in the study's working CRS, with its count field checked.
  static func loadPopulation(
    _ config: StudyConfig, _ source: StudyConfig.PopulationSource, workingCRS: String
  )
    throws -> (Layer, PopulationLayer)
  {
    var options = LoadOptions()
    options.workingCRS = workingCRS
    options.sourceCRS = source.crs
    options.sourceLayer = source.layer
    options.layerName = "population"
    let layer = try load(
      config, line: source.line, what: "population", path: config.resolve(source.file), options: options)
    do {
      return (layer, try PopulationLayer(layer, field: source.field))
    } catch {
      throw StudyConfigError(path: config.path, line: source.line, message: "population: \(error)")
    }
  }

  /// The overlap of each compared pair, with the people already estimated in each layer.
  static func overlaps(
    _ config: StudyConfig, _ inputs: Inputs, people: [String: PopulationEstimate],
    topology: [String: TopologyReport], options: OverlapOptions, progress: WorkProgress
  )
    throws -> [(StudyConfig.Pair, OverlapRun)]
  {
    var pairs: [(StudyConfig.Pair, OverlapRun)] = []
    for (i, pair) in config.comparedPairs.enumerated() {
      let a = inputs.layers.first { $0.0.name == pair.a }!.1,
        b = inputs.layers.first { $0.0.name == pair.b }!.1
      pairs.append(
        (
          pair,
          try OverlapRun.analyse(
            a, b, population: inputs.population?.1, options: options, checkTopology: false,
            progress: progress.prefixed("pair \(i + 1) of \(config.comparedPairs.count): "),
            knownPeople: people[pair.a].flatMap { a in people[pair.b].map { (a, $0) } },
            knownTopology: topology[pair.a].flatMap { a in topology[pair.b].map { (a, $0) } })
        ))
    }
    return pairs
  }

  /// Starts checking each area layer's own overlaps and gaps on another thread, in layer order.
  static func startTopology(_ config: StudyConfig, _ inputs: Inputs, threads: Int)
    -> Concurrently.Pending<[Result<TopologyReport, any Error>]>
  {
    let geometries = inputs.layers.map { $0.1.geometries }
    let maxGapArea = config.maxGapArea
    return Concurrently.start(threads: threads) {
      geometries.map { layer in
        Result { try TopologyCheck.run(layer, maxGapArea: maxGapArea, threads: threads) }
      }
    }
  }

  /// Each area layer's own overlaps and gaps, as `checking` finds them, a stage per layer.
  static func topology(
    _ inputs: Inputs, checking: Concurrently.Pending<[Result<TopologyReport, any Error>]>,
    progress: WorkProgress
  ) throws -> [String: TopologyReport] {
    var topology: [String: TopologyReport] = [:]
    for (k, (entry, layer)) in inputs.layers.enumerated() {
      topology[entry.name] = try progress.stage(
        "overlaps and gaps in \(entry.name)", total: layer.features.count, unit: "features"
      ) { counter in
        let report = try checking.value()[k].get()
        counter.advance(by: layer.features.count)
        return report
      }
    }
    return topology
  }

  /// Coverage of each area layer by every asset category, each with its own radius, with the
  /// people already estimated in each layer.
  static func coverage(
    _ config: StudyConfig, _ inputs: Inputs, people: [String: PopulationEstimate], threads: Int,
    progress: WorkProgress
  ) throws
    -> [String: CoverageResult]
  {
    var coverage: [String: CoverageResult] = [:]
    guard !inputs.assets.assets.isEmpty else { return coverage }
    var byCategory: [String: Double] = [:]
    for entry in config.assets { byCategory[entry.category] = entry.radius }
    var options = CoverageOptions(radii: ReachRadii(byCategory: byCategory))
    options.quadrantSegments = config.quadrantSegments
    options.threads = threads
    // The reach of the assets is the same for every area layer: built for the first, reused.
    var reaches: CoverageReaches?
    for (entry, layer) in inputs.layers {
      let result = try CoverageAnalysis.run(
        units: layer.geometries, assets: inputs.assets, population: inputs.population?.1, options: options,
        progress: progress.prefixed("coverage of \(entry.name): "), knownPeople: people[entry.name],
        knownReaches: reaches)
      coverage[entry.name] = result
      reaches = reaches ?? result.reachUnions
    }
    return coverage
  }

  /// People in every feature of every area layer, when the study has a population.
  static func populations(_ inputs: Inputs, threads: Int, progress: WorkProgress) throws
    -> [String: PopulationEstimate]
  {
    var populations: [String: PopulationEstimate] = [:]
    guard let people = inputs.population?.1 else { return populations }
    for (entry, layer) in inputs.layers {
      populations[entry.name] = try progress.stage(
        "people in \(entry.name)", total: layer.features.count, unit: "features"
      ) { counter in
        try people.estimate(in: layer.geometries, threads: threads, progress: counter)
      }
    }
    return populations
  }

  /// Loads one input; any problem becomes an error naming the config line as well as the file.
  static func load(_ config: StudyConfig, line: Int, what: String, path: String, options: LoadOptions) throws
    -> Layer
  {
    do {
      return try LayerLoader.load(path, options: options)
    } catch {
      // A study config is a front end: its advice names its own keys.
      let settings = InputSettings(sourceCRS: "crs:", layer: "layer:")
      throw StudyConfigError(
        path: config.path, line: line, message: "\(what): \(error.description(naming: settings))")
    }
  }
}
