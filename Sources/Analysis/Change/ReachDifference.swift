import GEOS
import GeoCore

/// The ground one reach holds and another does not (reach before − reach after: the reach lost;
/// the other way round: the reach gained), as disjoint polygons with an index, and its pieces
/// inside each unit. The reach lost is only where assets were taken away: the buffers of the
/// assets still standing at the same spot lie in the reach after, so reach before − reach after =
/// (the union of the removed assets' buffers) − reach after, and `from` is that small union.
struct ReachDifference: Sendable {
  /// The polygons of `from − to`.
  var parts: [FlatGeometry]
  var index: BoxIndex

  /// Subtracts `to` from `from` part by part, each part of `from` against only the parts of
  /// `to` whose boxes meet its box, each clipped to the smallest quadtree cell holding that box
  /// (exact there: part − to = part − (to ∩ cell)). The parts of a reach are disjoint, so the
  /// touching pieces together are a valid multipolygon to subtract.
  static func of(_ from: ReachUnion, minus to: ReachUnion, threads: Int) throws -> ReachDifference {
    // Biggest first, so a city's part does not leave one thread working alone at the end.
    let order = from.parts.indices.sorted {
      (from.parts[$1].pointCount, $0) < (from.parts[$0].pointCount, $1)
    }
    let differences = try ParallelChunks.map(
      count: order.count, threads: threads, chunkSize: 1, makeWorker: { GeometryContext() },
      body: { context, k -> [FlatGeometry] in
        let part = from.parts[order[k]]
        let box = part.boundingBox
        let touching = to.index.items(intersecting: box).sorted().map {
          to.pieces[to.piece(of: $0, for: box)]
        }
        .filter { !$0.isEmpty }
        if touching.isEmpty { return [part] }
        let cover = try Geometry(.multiPolygon(joining: touching), context: context)
        let remainder = try Geometry(part, context: context).difference(cover).polygonalPart()
        return try remainder.flat().polygonParts.filter { $0.polygonalArea > 0 }
      })
    var byPart = [[FlatGeometry]](repeating: [], count: order.count)
    for (k, pieces) in differences.enumerated() { byPart[order[k]] = pieces }
    let parts = byPart.flatMap { $0 }
    return ReachDifference(parts: parts, index: BoxIndex(parts.map(\.boundingBox)))
  }

  /// Each unit's share of the difference: for every unit that meets it, the pieces joined into
  /// one polygonal geometry, and their area. A part inside the unit is taken whole; others are
  /// intersected with the unit.
  func pieces(in units: [FlatGeometry], threads: Int) throws -> [(
    unit: Int, geometry: FlatGeometry, area: Double
  )] {
    let difference = self
    let perUnit = try ParallelChunks.map(
      count: units.count, threads: threads, chunkSize: 64,
      makeWorker: { () -> (units: ThreadGeometryCache, parts: ThreadGeometryCache) in
        let unitsWorker = ThreadGeometryCache(source: units)
        return (unitsWorker, ThreadGeometryCache(source: difference.parts, context: unitsWorker.context))
      },
      body: { workers, u -> (FlatGeometry, Double)? in
        let box = units[u].boundingBox
        let touching = difference.index.items(intersecting: box).sorted()
        guard !touching.isEmpty else { return nil }
        defer { workers.units.forget(u) }
        var found: [FlatGeometry] = []
        for p in touching {
          let part = difference.parts[p]
          if box.contains(part.boundingBox),
            try workers.units.prepared(u).contains(try workers.parts.geometry(p))
          {
            found.append(part)
            continue
          }
          let piece = try workers.units.geometry(u).intersection(try workers.parts.geometry(p))
            .polygonalPart()
          if try !piece.isEmpty { found += try piece.flat().polygonParts }
        }
        found = found.filter { $0.polygonalArea > 0 }
        guard !found.isEmpty else { return nil }
        let joined = found.count == 1 ? found[0] : FlatGeometry.multiPolygon(joining: found)
        return (joined, found.reduce(0) { $0 + $1.polygonalArea })
      })
    return perUnit.enumerated().compactMap { u, piece in piece.map { (u, $0.0, $0.1) } }
  }
}
