import GeoCore
import Layers

/// Everything an overlap of two layers produced, ready to write out.
public struct OverlapRun: Sendable {
  /// Layer A, as loaded.
  public var a: Layer
  /// Layer B, in A's working CRS.
  public var b: Layer
  /// The pieces of A × B.
  public var overlay: Overlay
  /// What each feature of A's overlap with B comes to (empty for a crosswalk-only run).
  public var summariesA: [FeatureSummary]
  /// What each feature of B's overlap with A comes to.
  public var summariesB: [FeatureSummary]
  /// Best-fit lookup from A to B (centroid method).
  public var lookupA: [(unit: Int?, method: BestFit.Method)]
  /// Best-fit lookup from B to A.
  public var lookupB: [(unit: Int?, method: BestFit.Method)]
  /// Each layer's own overlaps and gaps, when checked: the gaps may still be sought on another
  /// thread when the run is returned (see ``topology()``).
  var checkedTopology: (a: TopologyInProgress, b: TopologyInProgress)?
  /// The population layer's name and field, when shares are weighted by people.
  public var population: (name: String, field: String)?
  /// The thresholds and switches the run used.
  public var options: OverlapOptions
  /// Holes smaller than this (m²) counted as gaps in the topology checks.
  public var maxGapArea: Double
  /// What was computed: everything, or the crosswalk table alone.
  public var scope: OverlapScope = .full

  /// A full run's parts (`scope` is `.full`).
  public init(
    a: Layer, b: Layer, overlay: Overlay, summariesA: [FeatureSummary], summariesB: [FeatureSummary],
    lookupA: [(unit: Int?, method: BestFit.Method)], lookupB: [(unit: Int?, method: BestFit.Method)],
    topology: (a: TopologyInProgress, b: TopologyInProgress)?, population: (name: String, field: String)?,
    options: OverlapOptions, maxGapArea: Double
  ) {
    self.a = a
    self.b = b
    self.overlay = overlay
    self.summariesA = summariesA
    self.summariesB = summariesB
    self.lookupA = lookupA
    self.lookupB = lookupB
    self.checkedTopology = topology
    self.population = population
    self.options = options
    self.maxGapArea = maxGapArea
  }

  /// Piece positions sorted by (a id, b id), the order of every crosswalk table (then by
  /// position, for duplicate ids).
  public var pieceOrder: [Int] {
    // Compare ranks of ids (equal ids, equal ranks) rather than the strings themselves.
    let rankA = Self.idRanks(a.ids), rankB = Self.idRanks(b.ids)
    let keys = overlay.pieces.map { (rankA[$0.a], rankB[$0.b], $0.a, $0.b) }
    return keys.indices.sorted { keys[$0] < keys[$1] }
  }

  /// For each position, the rank of its id among the distinct ids in ascending order.
  static func idRanks(_ ids: [String]) -> [Int] {
    let sorted = ids.indices.sorted { ids[$0] < ids[$1] }
    var ranks = [Int](repeating: 0, count: ids.count)
    var rank = 0
    for (k, i) in sorted.enumerated() {
      if k > 0 && ids[sorted[k - 1]] != ids[i] { rank += 1 }
      ranks[i] = rank
    }
    return ranks
  }

  /// Whether each layer's own overlaps and gaps were checked (``topology()`` is then not nil).
  public var checksTopology: Bool { checkedTopology != nil }

  /// Layer A's and layer B's own overlaps and gaps, when checked. Only the writing needs the
  /// gaps, so ``analyse(_:_:population:options:checkTopology:maxGapArea:progress:knownPeople:knownTopology:)``
  /// may return while they are still sought: this waits for them, and throws what their search
  /// threw.
  public func topology() throws -> (a: TopologyReport, b: TopologyReport)? {
    try checkedTopology.map { (try $0.a.report(), try $0.b.report()) }
  }

  /// Total area of all pieces (m²).
  public var totalPieceArea: Double { overlay.pieces.reduce(0) { $0 + $1.area } }
}

/// How much of an overlap analysis a run computes.
public enum OverlapScope: String, Sendable {
  /// Pieces, classes, Hausdorff distances, lookups, topology and piece geometry.
  case full
  /// Only the pieces' ids, areas, shares and sliver flags: the national crosswalk table, with no
  /// piece geometry kept (least time and memory).
  case crosswalk
}

extension OverlapRun {
  /// Overlays two loaded polygon layers for the crosswalk table alone: no summaries, lookups,
  /// topology or piece geometry (kept only when a population layer needs it for weights).
  /// `progress` hears of each stage.
  public static func crosswalk(
    _ a: Layer, _ b: Layer, population: PopulationLayer? = nil, options: OverlapOptions = OverlapOptions(),
    progress: WorkProgress = .silent
  ) throws -> OverlapRun {
    var options = options
    var clock = StageClock()
    options.keepPieceGeometry = population != nil
    let geometriesA = a.geometries, geometriesB = b.geometries
    var overlay = try overlayStage(a, b, geometriesA, geometriesB, options: options, progress: progress)
    clock.lap("overlay")
    clock.note(overlay.methodNote)
    if let population {
      _ = try populationStage(
        &overlay, population, geometriesA, geometriesB, options: options, progress: progress)
      for k in overlay.pieces.indices { overlay.pieces[k].geometry = nil }
      clock.lap("population")
    }
    options.keepPieceGeometry = false
    var run = OverlapRun(
      a: a, b: b, overlay: overlay, summariesA: [], summariesB: [], lookupA: [], lookupB: [], topology: nil,
      population: population.map { ($0.name, $0.field) }, options: options, maxGapArea: 0)
    run.scope = .crosswalk
    return run
  }

  /// Runs the whole overlap analysis of two loaded polygon layers: overlay, population weights,
  /// per-feature summaries both ways, best-fit lookups both ways and, when `checkTopology`, each
  /// layer's own overlaps and gaps. `progress` hears of each stage. `knownPeople` are estimates
  /// of the people in A and B from `population` already made (see `Overlay.weight`).
  /// `knownTopology` are the layers' topology reports already made without `checkTopology` (a
  /// study checks each layer once): the summaries then take their overlapping pairs, as they take
  /// those of a check made here, while the run itself holds no topology.
  public static func analyse(
    _ a: Layer, _ b: Layer, population: PopulationLayer? = nil, options: OverlapOptions = OverlapOptions(),
    checkTopology: Bool = true, maxGapArea: Double = 100_000, progress: WorkProgress = .silent,
    knownPeople: (a: PopulationEstimate, b: PopulationEstimate)? = nil,
    knownTopology: (a: TopologyReport, b: TopologyReport)? = nil
  ) throws -> OverlapRun {
    var options = options
    var clock = StageClock()
    if population != nil { options.keepPieceGeometry = true }
    let geometriesA = a.geometries, geometriesB = b.geometries
    // Each layer's topology needs nothing of the overlay: it runs alongside, filling the gaps
    // where one or the other leaves a core idle. The summaries need only its overlaps, and the
    // gaps are sought on until the writing needs them.
    let threads = options.threads
    let checking = Concurrently.start(threads: checkTopology ? threads : 1) {
      () -> Result<(a: TopologyInProgress, b: TopologyInProgress)?, any Error> in
      guard checkTopology else { return .success(nil) }
      return Result {
        (
          try TopologyCheck.start(geometriesA, maxGapArea: maxGapArea, threads: threads),
          try TopologyCheck.start(geometriesB, maxGapArea: maxGapArea, threads: threads)
        )
      }
    }
    var overlay = try overlayStage(a, b, geometriesA, geometriesB, options: options, progress: progress)
    clock.lap("overlay")
    clock.note(overlay.methodNote)
    var people: (a: PopulationEstimate, b: PopulationEstimate)?
    if let population {
      people = try populationStage(
        &overlay, population, geometriesA, geometriesB, options: options, progress: progress,
        known: knownPeople)
    }
    clock.lap("population")
    // The lookups need no topology: they run while the topology may still be running.
    let (lookupA, lookupB) = try progress.stage(
      "best-fit lookups", total: a.features.count + b.features.count, unit: "units"
    ) { counter in
      let lookupA = try BestFit.byCentroid(
        a: geometriesA, b: geometriesB, centroids: people?.a.centroids, threads: options.threads)
      counter.advance(by: a.features.count)
      let lookupB = try BestFit.byCentroid(
        a: geometriesB, b: geometriesA, centroids: people?.b.centroids, threads: options.threads)
      counter.advance(by: b.features.count)
      return (lookupA, lookupB)
    }
    clock.lap("lookups")
    // Overlaps first: they let the summaries sum areas instead of building unions of building
    // blocks.
    var topology: (a: TopologyInProgress, b: TopologyInProgress)?
    if checkTopology {
      try progress.stage("overlaps in both layers", total: 2, unit: "layers") { counter in
        topology = try checking.value().get()
        counter.advance(by: 2)
      }
    }
    clock.lap("overlaps in both layers")
    let (summariesA, summariesB) = try progress.stage(
      "summaries of \(a.name) and \(b.name)", total: a.features.count + b.features.count, unit: "units"
    ) { counter in
      let summariesA = try MismatchAnalysis.summarize(
        overlay, side: .a, selfGeometries: geometriesA, otherGeometries: geometriesB, otherIDs: b.ids,
        populations: people?.a.totals, options: options,
        otherOverlaps: topology?.b.overlaps ?? knownTopology?.b.overlaps)
      counter.advance(by: a.features.count)
      clock.lap("summaries a")
      let summariesB = try MismatchAnalysis.summarize(
        overlay, side: .b, selfGeometries: geometriesB, otherGeometries: geometriesA, otherIDs: a.ids,
        populations: people?.b.totals, options: options,
        otherOverlaps: topology?.a.overlaps ?? knownTopology?.a.overlaps)
      counter.advance(by: b.features.count)
      clock.lap("summaries b")
      return (summariesA, summariesB)
    }
    return OverlapRun(
      a: a, b: b, overlay: overlay, summariesA: summariesA, summariesB: summariesB, lookupA: lookupA,
      lookupB: lookupB, topology: topology,
      population: population.map { ($0.name, $0.field) }, options: options, maxGapArea: maxGapArea)
  }

  /// The overlay as a stage of its own, counting A's features.
  static func overlayStage(
    _ a: Layer, _ b: Layer, _ geometriesA: [FlatGeometry], _ geometriesB: [FlatGeometry],
    options: OverlapOptions,
    progress: WorkProgress
  ) throws -> Overlay {
    try progress.stage("overlay of \(a.name) with \(b.name)", total: geometriesA.count, unit: "units") {
      try OverlapEngine.overlay(a: geometriesA, b: geometriesB, options: options, progress: $0)
    }
  }

  /// The people in every piece as a stage of its own, counting the pieces.
  static func populationStage(
    _ overlay: inout Overlay, _ population: PopulationLayer, _ geometriesA: [FlatGeometry],
    _ geometriesB: [FlatGeometry], options: OverlapOptions, progress: WorkProgress,
    known: (a: PopulationEstimate, b: PopulationEstimate)? = nil
  ) throws -> (a: PopulationEstimate, b: PopulationEstimate) {
    let pieces = overlay.pieces.count
    return try progress.stage("people in the pieces", total: pieces, unit: "pieces") { counter in
      try overlay.weight(
        by: population, a: geometriesA, b: geometriesB, threads: options.threads, known: known,
        progress: counter)
    }
  }
}
