import GeoCore
import Layers

/// Everything an overlap of two layers produced, ready to write out.
public struct OverlapRun: Sendable {
  public var a: Layer
  public var b: Layer
  public var overlay: Overlay
  public var summariesA: [FeatureSummary]
  public var summariesB: [FeatureSummary]
  /// Best-fit lookups from A to B and from B to A (centroid method).
  public var lookupA: [(unit: Int?, method: BestFit.Method)]
  public var lookupB: [(unit: Int?, method: BestFit.Method)]
  public var topologyA: TopologyReport?
  public var topologyB: TopologyReport?
  /// The population layer's name and field, when shares are weighted by people.
  public var population: (name: String, field: String)?
  public var options: OverlapOptions
  public var maxGapArea: Double

  public init(
    a: Layer, b: Layer, overlay: Overlay, summariesA: [FeatureSummary], summariesB: [FeatureSummary],
    lookupA: [(unit: Int?, method: BestFit.Method)], lookupB: [(unit: Int?, method: BestFit.Method)],
    topologyA: TopologyReport?, topologyB: TopologyReport?, population: (name: String, field: String)?,
    options: OverlapOptions, maxGapArea: Double
  ) {
    self.a = a
    self.b = b
    self.overlay = overlay
    self.summariesA = summariesA
    self.summariesB = summariesB
    self.lookupA = lookupA
    self.lookupB = lookupB
    self.topologyA = topologyA
    self.topologyB = topologyB
    self.population = population
    self.options = options
    self.maxGapArea = maxGapArea
  }

  /// Piece positions sorted by (a id, b id), the order of every crosswalk table.
  public var pieceOrder: [Int] {
    overlay.pieces.indices.sorted { x, y in
      let p = overlay.pieces[x], q = overlay.pieces[y]
      let ax = a.features[p.a].id, ay = a.features[q.a].id
      if ax != ay { return ax < ay }
      let bx = b.features[p.b].id, by = b.features[q.b].id
      if bx != by { return bx < by }
      return (p.a, p.b) < (q.a, q.b)
    }
  }

  /// Total area of all pieces (m²).
  public var totalPieceArea: Double { overlay.pieces.reduce(0) { $0 + $1.area } }
}

extension OverlapRun {
  /// Runs the whole overlap analysis of two loaded polygon layers: overlay, population weights,
  /// per-feature summaries both ways, best-fit lookups both ways and, when `checkTopology`, each
  /// layer's own overlaps and gaps.
  public static func analyse(
    _ a: Layer, _ b: Layer, population: PopulationLayer? = nil, options: OverlapOptions = OverlapOptions(),
    checkTopology: Bool = true, maxGapArea: Double = 100_000
  ) throws -> OverlapRun {
    var options = options
    var clock = StageClock()
    if population != nil { options.keepPieceGeometry = true }
    let geometriesA = a.geometries, geometriesB = b.geometries
    var overlay = try OverlapEngine.overlay(a: geometriesA, b: geometriesB, options: options)
    clock.lap("overlay")
    var people: (a: PopulationEstimate, b: PopulationEstimate)?
    if let population {
      people = try overlay.weight(by: population, a: geometriesA, b: geometriesB, threads: options.threads)
    }
    clock.lap("population")
    let summariesA = try MismatchAnalysis.summarize(
      overlay, side: .a, selfGeometries: geometriesA, otherGeometries: geometriesB, otherIDs: b.ids,
      populations: people?.a.totals, options: options)
    clock.lap("summaries a")
    let summariesB = try MismatchAnalysis.summarize(
      overlay, side: .b, selfGeometries: geometriesB, otherGeometries: geometriesA, otherIDs: a.ids,
      populations: people?.b.totals, options: options)
    clock.lap("summaries b")
    let lookupA = try BestFit.byCentroid(
      a: geometriesA, b: geometriesB, centroids: people?.a.centroids, threads: options.threads)
    let lookupB = try BestFit.byCentroid(
      a: geometriesB, b: geometriesA, centroids: people?.b.centroids, threads: options.threads)
    clock.lap("lookups")
    let topologyA = checkTopology ? try TopologyCheck.run(geometriesA, maxGapArea: maxGapArea, threads: options.threads) : nil
    let topologyB = checkTopology ? try TopologyCheck.run(geometriesB, maxGapArea: maxGapArea, threads: options.threads) : nil
    clock.lap("topology")
    return OverlapRun(
      a: a, b: b, overlay: overlay, summariesA: summariesA, summariesB: summariesB, lookupA: lookupA,
      lookupB: lookupB, topologyA: topologyA, topologyB: topologyB,
      population: population.map { ($0.name, $0.field) }, options: options, maxGapArea: maxGapArea)
  }
}
