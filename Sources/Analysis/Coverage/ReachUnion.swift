import GEOS
import GeoCore
import PlanarKernel

/// The ground within reach of a category's assets: the union of their buffers, split into its
/// separate pieces and indexed, so each unit is differenced only against the pieces that touch
/// it (DESIGN.md §10: never copy the big union per unit).
struct ReachUnion: Sendable {
  /// The disjoint polygons of the union.
  var parts: [FlatGeometry]
  var partAreas: [Double]
  var index: BoxIndex
  /// Every part's quadtree of clipped pieces (one node for a small part), and every node's
  /// geometry in one list: part `p`'s node `n` is `pieces[firstPiece[p] + n]`.
  var trees: [PartQuadtree]
  var pieces: [FlatGeometry]
  var pieceBoxes: [BoundingBox]
  var firstPiece: [Int]

  init(parts: [FlatGeometry], threads: Int) throws {
    self.parts = parts
    partAreas = parts.map(\.polygonalArea)
    index = BoxIndex(parts.map(\.boundingBox))
    // Biggest first, so the long city trees start early and the small ones fill in.
    let order = parts.indices.sorted { parts[$0].pointCount > parts[$1].pointCount }
    let built = try ParallelChunks.map(
      count: parts.count, threads: threads, chunkSize: 1, makeWorker: { GeometryContext() },
      body: { context, k in try PartQuadtree(parts[order[k]], context: context) })
    var trees = [PartQuadtree?](repeating: nil, count: parts.count)
    for (k, tree) in built.enumerated() { trees[order[k]] = tree }
    self.trees = trees.map { $0! }
    firstPiece = []
    pieces = []
    for tree in self.trees {
      firstPiece.append(pieces.count)
      pieces += tree.nodes.map(\.geometry)
    }
    pieceBoxes = pieces.map(\.boundingBox)
  }

  /// The piece of `part` to difference a unit with bounding box `box` against: the part clipped
  /// to the smallest cell holding the box (an index into `pieces`).
  func piece(of part: Int, for box: BoundingBox) -> Int {
    firstPiece[part] + trees[part].node(containing: box)
  }

  /// One asset's reach: a point's circle drawn directly (GEOS's vertices exactly), any other
  /// geometry buffered by GEOS.
  static func buffer(
    _ asset: FlatGeometry, radius: Double, quadrantSegments: Int, context: GeometryContext
  ) throws -> Geometry {
    if asset.kind == .point {
      return try Geometry(
        PointBuffer.circle(x: asset.x(0), y: asset.y(0), radius: radius, quadrantSegments: quadrantSegments),
        context: context)
    }
    return try Geometry(asset, context: context).buffer(radius, quadrantSegments: quadrantSegments)
  }

  /// Buffers every asset by `radius` and unions them cluster by cluster: assets whose reach
  /// boxes do not touch cannot share ground, so each connected cluster is unioned on its own (a
  /// lone asset's buffer is already a part). A city-sized cluster would leave one thread working
  /// alone, so clusters above `groupSize` assets are cut into west-to-east groups; the groups
  /// are unioned in parallel (biggest first), and each cut cluster's groups are merged beside
  /// the other clusters' unions. The cut does not depend on `threads`: GEOS places a merged
  /// vertex a little differently from a one-step union, and the gaps must not change with the
  /// thread count.
  static func build(
    _ assets: [FlatGeometry], radius: Double, quadrantSegments: Int, threads: Int, groupSize: Int = 384
  ) throws -> ReachUnion {
    guard !assets.isEmpty else { return try ReachUnion(parts: [], threads: threads) }
    // Assets at the same spot (a pharmacy listed twice, a health centre's several practices)
    // reach the same ground: buffer each spot once.
    struct Spot: Hashable { var x, y: Double }
    var seen = Set<Spot>()
    let assets = assets.filter {
      $0.kind != .point || $0.pointCount != 1 || seen.insert(Spot(x: $0.x(0), y: $0.y(0))).inserted
    }
    let clusters = BoxClusters.group(assets.map { $0.boundingBox.expanded(by: radius) })
    let groups = clusters.enumerated().flatMap { c, cluster -> [(cluster: Int, members: ArraySlice<Int>)] in
      guard cluster.count > groupSize else { return [(c, cluster[...])] }
      let westToEast = cluster.sorted {
        (assets[$0].boundingBox.minX, $0) < (assets[$1].boundingBox.minX, $1)
      }
      let count = (cluster.count + groupSize - 1) / groupSize
      return (0..<count).map { g in
        (c, westToEast[(g * westToEast.count / count)..<((g + 1) * westToEast.count / count)])
      }
    }
    let groupsOf = groups.indices.reduce(into: [[Int]](repeating: [], count: clusters.count)) {
      $0[groups[$1].cluster].append($1)
    }
    let cut = groupsOf.indices.filter { groupsOf[$0].count > 1 }
    // Biggest first. The cut clusters' groups go first, so that their merges can start while
    // the rest of the groups are unioned: a city's merge left to one thread at the end was
    // the union's lull.
    let bySize = groups.indices.sorted { (groups[$1].members.count, $0) < (groups[$0].members.count, $1) }
    let isCut = groups.map { groupsOf[$0.cluster].count > 1 }
    let early = bySize.filter { isCut[$0] }, late = bySize.filter { !isCut[$0] }
    var byGroup = [FlatGeometry](repeating: .empty(.polygon), count: groups.count)
    let unionOfGroup: @Sendable (Int, GeometryContext) throws -> FlatGeometry = { g, context in
      // A point's buffer is drawn directly (GEOS's vertices exactly), and a lone one is already
      // its part.
      let members = groups[g].members
      if members.count == 1, let only = members.first, assets[only].kind == .point {
        return PointBuffer.circle(
          x: assets[only].x(0), y: assets[only].y(0), radius: radius, quadrantSegments: quadrantSegments)
      }
      let buffers = try members.map {
        try buffer(assets[$0], radius: radius, quadrantSegments: quadrantSegments, context: context)
      }
      let union =
        buffers.count == 1 ? buffers[0] : try Geometry.collection(buffers, context: context).unaryUnion()
      return try union.polygonalPart().flat()
    }
    let earlyUnions = try ParallelChunks.map(
      count: early.count, threads: threads, chunkSize: 1, makeWorker: { GeometryContext() },
      body: { context, k in try unionOfGroup(early[k], context) })
    for (k, g) in early.enumerated() { byGroup[g] = earlyUnions[k] }
    let cutGroups = byGroup
    // The merges, then the other groups: one job list, so neither thread waits for the other.
    let lateUnions = try ParallelChunks.map(
      count: cut.count + late.count, threads: threads, chunkSize: 1, makeWorker: { GeometryContext() },
      body: { context, k -> FlatGeometry in
        guard k < cut.count else { return try unionOfGroup(late[k - cut.count], context) }
        let parts = try groupsOf[cut[k]].map { try Geometry(cutGroups[$0], context: context) }
        return try Geometry.collection(parts, context: context).unaryUnion().polygonalPart().flat()
      })
    for (k, g) in late.enumerated() { byGroup[g] = lateUnions[cut.count + k] }
    var byCluster = groupsOf.map { $0.count == 1 ? byGroup[$0[0]] : FlatGeometry.empty(.polygon) }
    for (k, c) in cut.enumerated() { byCluster[c] = lateUnions[k] }
    return try ReachUnion(parts: byCluster.flatMap(\.polygonParts), threads: threads)
  }
}
