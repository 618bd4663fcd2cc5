import GEOS
import GeoCore
import PlanarKernel

/// What a gone asset's closure alone took away: its reach less the reach of every other before
/// asset of its category and less the reach after (issue 19). Assets gone from the same spot
/// reach the same ground, so none of them has any reach alone.
enum SoleReach {
  /// Fills in `soleReachArea`, `soleReachPopulation` and `sharesSpotWith` of the gone assets in
  /// `changes` (one category's rows; `before` is the whole before set they point into).
  static func measure(
    _ changes: inout [AssetChange], before: AssetSet, reachAfter: ReachUnion, radius: Double,
    units: [FlatGeometry], population: PopulationLayer?, people: PopulationEstimate?,
    options: CoverageOptions,
    progress: ProgressCounter? = nil
  ) throws {
    let gone = changes.indices.filter { changes[$0].needsSoleReach }
    guard !gone.isEmpty else { return }
    let category = changes[gone[0]].category
    let members = before.assets.indices.filter { before.assets[$0].category == category }
    let memberIndex = BoxIndex(members.map { before.assets[$0].geometry.boundingBox })
    let unitIndex = BoxIndex(units.map(\.boundingBox))
    let changeList = changes
    let quadrantSegments = options.quadrantSegments
    let found = try ParallelChunks.map(
      count: gone.count, threads: options.threads, chunkSize: 4, makeWorker: { GeometryContext() },
      body: { context, k -> (sharing: Int, pieces: [(unit: Int, geometry: FlatGeometry, area: Double)]) in
        defer { progress?.advance() }
        guard let own = changeList[gone[k]].before else { return (0, []) }
        let asset = before.assets[own].geometry
        func reach(_ geometry: FlatGeometry) throws -> Geometry {
          try ReachUnion.buffer(
            geometry, radius: radius, quadrantSegments: quadrantSegments, context: context)
        }
        let neighbours = memberIndex.items(intersecting: asset.boundingBox.expanded(by: 2 * radius))
          .map { members[$0] }.filter { $0 != own }.sorted()
        let sharing = neighbours.count { before.assets[$0].geometry == asset }
        guard sharing == 0 else { return (sharing, []) }
        // The reach after first (its touching parts are disjoint: one multipolygon, clipped to
        // the circle's quadtree cell): most closures in towns leave nothing, and then the other
        // before assets need no union.
        let circle = try reach(asset)
        let box = try circle.boundingBox
        let after = reachAfter.index.items(intersecting: box).sorted()
          .map { reachAfter.pieces[reachAfter.piece(of: $0, for: box)] }.filter { !$0.isEmpty }
        var sole = circle
        if !after.isEmpty {
          sole = try circle.difference(try Geometry(.multiPolygon(joining: after), context: context))
            .polygonalPart()
        }
        guard try !sole.isEmpty else { return (0, []) }
        let remainingBox = try sole.boundingBox
        let others = try neighbours.filter {
          before.assets[$0].geometry.boundingBox.expanded(by: radius).intersects(remainingBox)
        }.map { try reach(before.assets[$0].geometry) }
        if !others.isEmpty {
          sole = try sole.difference(try Geometry.collection(others, context: context).unaryUnion())
            .polygonalPart()
        }
        guard try !sole.isEmpty, try sole.area() > 0 else { return (0, []) }
        let soleBox = try sole.boundingBox
        var pieces: [(unit: Int, geometry: FlatGeometry, area: Double)] = []
        for u in unitIndex.items(intersecting: soleBox).sorted() {
          let piece = try Geometry(units[u], context: context).intersection(sole).polygonalPart()
          guard try !piece.isEmpty else { continue }
          let flat = try piece.flat()
          let area = flat.polygonalArea
          if area > 0 { pieces.append((u, flat, area)) }
        }
        return (0, pieces)
      })
    let allPieces = found.flatMap(\.pieces)
    var counts: [Double]?
    if let population, let people {
      counts = try population.people(
        inPieces: allPieces.map(\.geometry), pieceAreas: allPieces.map(\.area), of: allPieces.map(\.unit),
        areas: units, estimate: people, threads: options.threads)
    }
    var next = 0
    for (k, row) in gone.enumerated() {
      changes[row].sharesSpotWith = found[k].sharing
      changes[row].soleReachArea = found[k].pieces.reduce(0) { $0 + $1.area }
      if let counts {
        let mine = counts[next..<(next + found[k].pieces.count)]
        changes[row].soleReachPopulation = mine.reduce(0, +)
      }
      next += found[k].pieces.count
    }
  }
}
