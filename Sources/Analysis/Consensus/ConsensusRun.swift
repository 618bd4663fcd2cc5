import GEOS
import GeoCore
import Layers

/// A whole consensus: the drawings accounted for, every neighbourhood's agreement, and the
/// neighbourhood map (docs/definitions.md, "Resident drawings").
public struct ConsensusRun: Sendable {
  /// The drawing layer as loaded (source, working CRS, load record).
  public var layer: Layer
  /// The parameters it ran with.
  public var options: ConsensusOptions
  /// Every input drawing, with IoU and outlier filled in for used ones.
  public var drawings: DrawingSet
  /// Per neighbourhood, in name order.
  public var neighbourhoods: [NeighbourhoodAgreement]
  /// Per neighbourhood (same order): "too few drawings", "no core" or "".
  public var flags: [String]
  /// Per neighbourhood (same order): how many of its drawings are outliers.
  public var outlierCounts: [Int]
  /// The neighbourhood map.
  public var map: ConsensusMap

  /// Loads a drawing layer: polygons expected, and a drawing that cannot be a polygon excluded
  /// with its reason rather than stopping the load.
  public static func load(
    _ path: String, sourceCRS: String? = nil, workingCRS: String? = nil, threads: Int? = nil
  ) throws -> Layer {
    var options = LoadOptions()
    options.sourceCRS = sourceCRS
    options.workingCRS = workingCRS
    options.expected = .polygons
    options.excludesUnusableGeometries = true
    if let threads { options.threads = threads }
    return try LayerLoader.load(path, options: options)
  }

  /// The neighbourhood map as a community layer (one feature per neighbourhood that wins
  /// ground, id and name the neighbourhood's name), named `name`.
  public func mapLayer(named name: String) -> Layer {
    let drawings = Dictionary(
      neighbourhoods.map { ($0.name, $0.drawingCount) }, uniquingKeysWith: { a, _ in a })
    let features = map.territories.filter { $0.area > 0 }.enumerated().map { i, territory in
      LayerFeature(
        index: i, id: territory.name, name: territory.name,
        properties: [
          "name": .string(territory.name), "drawings": .number(Double(drawings[territory.name] ?? 0)),
        ],
        geometry: territory.region)
    }
    var record = LoadRecord()
    record.inputFeatures = features.count
    // The map's coordinates come from the drawings: their CRS and how it was decided.
    record.sourceCRS = layer.record.sourceCRS
    record.crsBasis = layer.record.crsBasis
    record.operation = layer.record.operation
    record.operationAccuracyMetres = layer.record.operationAccuracyMetres
    record.notes = [
      "made from \(drawings.values.reduce(0, +)) residents' drawings of \(neighbourhoods.count) neighbourhoods "
        + "(\(layer.source)): the consensus map at agreement \(options.mapLevel)"
    ]
    var result = Layer(
      name: name, source: layer.source, features: features,
      fields: IdentifierFields(id: .property("name"), name: "name", how: "consensus map"), crs: layer.crs,
      record: record)
    result.excludedFeatures = []
    return result
  }

  /// The consensus of a loaded drawing layer.
  public static func analyse(_ layer: Layer, options: ConsensusOptions) throws -> ConsensusRun {
    var clock = StageClock()
    var drawings = try DrawingSet.make(
      layer, nameField: options.nameField, respondentField: options.respondentField)
    let groups = drawings.neighbourhoods
    let geometries = drawings.geometries
    let levels = options.levels
    let mapLevel = options.mapLevel
    let minimum = options.minimumDrawings
    // First every neighbourhood's arrangement (what the map needs), then the map beside the
    // rest of the neighbourhoods' work (regions, IoUs): the map is one job, taken first. Jobs
    // go out largest first (by coordinates drawn), so no thread is left with a big one at the
    // end; results are put back in name order.
    let size = groups.map { group in group.drawings.reduce(0) { $0 + geometries[$1]!.coordinates.count } }
    let order = groups.indices.sorted { size[$0] > size[$1] || (size[$0] == size[$1] && $0 < $1) }
    let arrangedInOrder = try ParallelChunks.map(
      count: groups.count, threads: options.threads, chunkSize: 1,
      makeWorker: { GeometryContext() },
      body: { context, job in
        let i = order[job]
        let group = groups[i]
        return try NeighbourhoodAgreement.arrange(
          name: group.name, drawings: group.drawings.map { ($0, geometries[$0]!) }, levels: levels,
          mapLevel: mapLevel, mapKey: group.drawings.count >= minimum ? Int32(i) : nil, context: context)
      })
    var arranged = arrangedInOrder
    for (job, i) in order.enumerated() { arranged[i] = arrangedInOrder[job] }
    clock.lap("consensus: \(groups.count) neighbourhoods arranged")
    let partial = arranged.map(\.agreement)
    let mapped = partial.indices.filter { partial[$0].drawingCount >= minimum }
    let finished = arranged
    let tracesFaces = options.tracesFaces
    @Sendable func finishAll() throws -> [NeighbourhoodAgreement] {
      let context = GeometryContext()
      return try order.map { i in
        try NeighbourhoodAgreement.finish(
          finished[i], levels: levels, tracesFaces: tracesFaces, context: context)
      }
    }
    // The map on this thread, its noding and edge matching on every thread, and the
    // neighbourhoods' regions and IoUs beside it on a thread of their own. (The map used to be
    // one job among the neighbourhoods' in one parallel loop, but a parallel loop inside
    // another runs on one thread: its noding and matching never had the second core.) The
    // map's error, if any, is the one thrown.
    let both = Concurrently.run(
      threads: options.threads, other: { Result { try finishAll() } },
      here: {
        Result {
          try ConsensusMap.make(
            partial, mapped: mapped, mapLevel: mapLevel, context: GeometryContext(), threads: options.threads)
        }
      })
    let map = try both.here.get()
    let finishedInOrder = try both.other.get()
    var neighbourhoods = partial
    for (job, agreement) in finishedInOrder.enumerated() { neighbourhoods[order[job]] = agreement }
    var flags: [String] = []
    var outliers: [Int] = []
    for agreement in neighbourhoods {
      var outlierCount = 0
      for (slot, index) in agreement.drawings.enumerated() {
        drawings.records[index].iouWithCore = agreement.iouWithCore[slot]
        if let iou = agreement.iouWithCore[slot], iou < options.outlierIoU {
          drawings.records[index].isOutlier = true
          outlierCount += 1
        }
      }
      outliers.append(outlierCount)
      flags.append(
        agreement.drawingCount < minimum ? "too few drawings" : agreement.coreArea > 0 ? "" : "no core")
    }
    clock.lap("consensus: the map of \(mapped.count) neighbourhoods, and their regions")
    return ConsensusRun(
      layer: layer, options: options, drawings: drawings,
      neighbourhoods: neighbourhoods, flags: flags, outlierCounts: outliers, map: map)
  }
}
