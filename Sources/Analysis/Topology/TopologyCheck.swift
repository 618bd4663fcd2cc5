import GEOS
import GeoCore
import PlanarKernel

/// Overlaps and gaps inside one layer (DESIGN.md §5): hand-drawn neighbourhoods often overlap
/// their neighbours or leave slivers of nobody's land between them.
public struct TopologyReport: Sendable {
  /// Two features of the layer that share area.
  public struct Overlap: Sendable, Hashable {
    /// Position of one of the two features in the layer.
    public var first: Int
    /// Position of the other feature.
    public var second: Int
    /// The shared area (m²).
    public var area: Double
    /// The shared part.
    public var geometry: FlatGeometry
  }

  /// A hole in the layer's union smaller than the gap threshold.
  public struct Gap: Sendable, Hashable {
    /// The hole's area (m²).
    public var area: Double
    /// The hole.
    public var geometry: FlatGeometry
    /// The features whose boundary touches the gap.
    public var neighbours: [Int]
  }

  /// Every pair of features that share area.
  public var overlaps: [Overlap]
  /// Every hole smaller than the gap threshold.
  public var gaps: [Gap]
}

/// A layer's topology check whose overlaps are found and whose gaps may still be sought on
/// another thread (``TopologyCheck/start(_:maxGapArea:threads:gapsAlongside:)``).
public struct TopologyInProgress: Sendable {
  /// Every pair of features that share area.
  public let overlaps: [TopologyReport.Overlap]
  let gaps: Concurrently.Pending<Result<[TopologyReport.Gap], any Error>>

  /// The whole report, once the gaps are found (waits for them).
  public func report() throws -> TopologyReport {
    TopologyReport(overlaps: overlaps, gaps: try gaps.value().get())
  }
}

/// Finds overlaps and gaps in a polygon layer.
public enum TopologyCheck {
  /// Checks `geometries` (valid polygons); gaps are holes in their union of less than
  /// `maxGapArea` m² (larger holes are taken as real: a lake, another authority).
  public static func run(
    _ geometries: [FlatGeometry], maxGapArea: Double = 100_000,
    threads: Int = ParallelChunks.defaultThreadCount
  ) throws -> TopologyReport {
    try start(geometries, maxGapArea: maxGapArea, threads: threads, gapsAlongside: false).report()
  }

  /// ``run(_:maxGapArea:threads:)`` in two halves: returns once the overlaps are found, the gaps
  /// still being sought on another thread (with `threads` of 2 or more), for work that needs
  /// only the overlaps (the summaries) to go on meanwhile. The search runs to its end even if
  /// nobody asks for the report.
  public static func start(
    _ geometries: [FlatGeometry], maxGapArea: Double = 100_000,
    threads: Int = ParallelChunks.defaultThreadCount, gapsAlongside: Bool = true
  ) throws -> TopologyInProgress {
    let boxes = geometries.map(\.boundingBox)
    let index = BoxIndex(boxes)
    let shared = SharedEdges(geometries)
    let overlaps = try findOverlaps(
      geometries, boxes: boxes, index: index, hasFreeEdge: shared.hasFreeEdge, threads: threads)
    let gaps = Concurrently.start(threads: gapsAlongside ? threads : 1) {
      Result {
        try findGaps(
          geometries, index: index, shared: shared, maxGapArea: maxGapArea, isCoverage: overlaps.isEmpty,
          threads: threads)
      }
    }
    return TopologyInProgress(overlaps: overlaps, gaps: gaps)
  }

  /// Every pair of features that share area, by position (first < second).
  ///
  /// Only pairs that can overlap are checked. Across an edge drawn by two features, one on each
  /// side (a shared edge), the number of features covering a point does not change, so it changes
  /// only across free edges. Take a group of features linked by overlaps, none of which overlaps
  /// a feature outside the group: across an edge it shares with an outside feature, the group
  /// covers at most one side once (two of them there would make one overlap the outsider), so
  /// the area covered twice by the group never ends at such an edge, nor at one shared inside the
  /// group. As that area is bounded, some member has a free edge. So the pairs with a member that
  /// has a free edge find a member of every such group, and checking the pairs of each feature
  /// found, round after round, finds the rest: on a national layer, a sixth of the pairs.
  static func findOverlaps(
    _ geometries: [FlatGeometry], boxes: [BoundingBox], index: BoxIndex, hasFreeEdge: [Bool],
    threads: Int
  ) throws -> [TopologyReport.Overlap] {
    var checked = [Bool](repeating: false, count: geometries.count)
    var frontier = hasFreeEdge
    var overlaps: [TopologyReport.Overlap] = []
    while frontier.contains(true) {
      let found = try overlapsInRound(
        geometries, boxes: boxes, index: index, frontier: frontier, checked: checked, threads: threads)
      for i in frontier.indices where frontier[i] { checked[i] = true }
      frontier = [Bool](repeating: false, count: geometries.count)
      for overlap in found {
        for member in [overlap.first, overlap.second] where !checked[member] { frontier[member] = true }
      }
      overlaps += found
    }
    return overlaps.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
  }

  /// The overlaps among the pairs with a member in `frontier` and none in `checked` (whose pairs
  /// an earlier round checked).
  static func overlapsInRound(
    _ geometries: [FlatGeometry], boxes: [BoundingBox], index: BoxIndex, frontier: [Bool],
    checked: [Bool], threads: Int
  ) throws -> [TopologyReport.Overlap] {
    @Sendable func due(_ i: Int, _ j: Int) -> Bool {
      (frontier[i] || frontier[j]) && !checked[i] && !checked[j] && boxes[j].overlapsWithArea(boxes[i])
    }
    // The first members (the lower position) of the pairs due, ascending.
    var visit = frontier
    for f in frontier.indices where frontier[f] && !checked[f] {
      index.forEachItem(intersecting: boxes[f]) { j in if j < f { visit[j] = true } }
    }
    let firsts = visit.indices.filter { visit[$0] && !checked[$0] }
    let perFeature = try ParallelChunks.map(
      count: firsts.count, threads: threads, chunkSize: 16,
      makeWorker: { PairWorker(cache: ThreadGeometryCache(source: geometries)) },
      body: { worker, k -> [TopologyReport.Overlap] in
        let i = firsts[k]
        var found: [TopologyReport.Overlap] = []
        worker.forget(before: i)
        defer { worker.cache.forget(i) }
        for j in index.items(intersecting: boxes[i]) where j > i && due(i, j) {
          worker.touched.append(j)
          // Neighbours meet along their edges only: when the boundary of their intersection is
          // empty or runs along both their boundaries with the interiors on opposite sides, the
          // interiors are disjoint and GEOS need not build the empty intersection.
          if let a = worker.cache.bands(i), let b = worker.cache.bands(j) {
            let boundary = PolygonIntersection.measure(a, b).boundary
            if boundary.isEmpty || PolygonIntersection.onlyTouch(a, b, boundary: boundary) { continue }
          }
          let piece = try worker.cache.geometry(i).intersection(try worker.cache.geometry(j)).polygonalPart()
          let area = try piece.area()
          if area > 0 { found.append(.init(first: i, second: j, area: area, geometry: try piece.flat())) }
        }
        return found
      })
    return perFeature.flatMap { $0 }
  }

  /// One thread's cache for the overlap search, which drops the forms of features it will not
  /// meet again: a thread takes features in increasing order and pairs each with later ones only,
  /// so once past a feature it never needs it (without this, each thread would keep every
  /// neighbour the other thread goes on to check, about half the layer).
  struct PairWorker {
    let cache: ThreadGeometryCache
    /// Features cached as the later member of a pair, not yet dropped (with repeats).
    var touched: [Int] = []

    /// Drops the cached features before `i`, now the thread has reached `i` (in batches, so
    /// the list is not filtered at every feature).
    mutating func forget(before i: Int) {
      guard touched.count >= 512 else { return }
      touched.removeAll { j in
        guard j < i else { return false }
        cache.forget(j)
        return true
      }
    }
  }

  /// Holes of the layer's union, found from the features with a free edge (SharedEdges): a
  /// gap is bordered by free edges only, so it is a hole in the union of those features too.
  /// That union has other holes, each filled by features whose every edge is shared; such a hole
  /// is bordered by shared edges, which tells the two kinds apart. The union of a national
  /// layer's coast and gap borders is a small part of the work of a union of every feature.
  /// Features that overlap no other form a coverage, whose union GEOS builds from the shared
  /// edges alone; if that fails on edges that do not quite match, the general union is used.
  static func findGaps(
    _ geometries: [FlatGeometry], index: BoxIndex, shared: SharedEdges, maxGapArea: Double,
    isCoverage: Bool, threads: Int
  ) throws -> [TopologyReport.Gap] {
    guard !geometries.isEmpty else { return [] }
    let bordering = geometries.indices.filter { shared.hasFreeEdge[$0] }.map { geometries[$0] }
    let union =
      try (isCoverage ? coverageUnion(bordering) : nil) ?? ParallelUnion.union(bordering, threads: threads)
    var gaps: [TopologyReport.Gap] = []
    let context = GeometryContext()
    for part in 0..<union.partCount {
      for ring in union.ringRange(ofPart: part).dropFirst() {
        let area = abs(union.signedDoubleArea(ofRing: ring)) / 2
        let points = union.pointRange(ofRing: ring)
        guard area > 0, area < maxGapArea, points.count >= 4 else { continue }
        let filled = points.dropLast().contains {
          shared.isShared(union.x($0), union.y($0), union.x($0 + 1), union.y($0 + 1))
        }
        if filled { continue }
        // Start at the lowest vertex, so the ring reads the same however the union began it.
        let last = points.upperBound - 1
        let lowest = points.lowerBound..<last
        let start = lowest.min { (union.x($0), union.y($0)) < (union.x($1), union.y($1)) }!
        var builder = FlatGeometryBuilder(kind: .polygon)
        for k in 0..<(last - points.lowerBound) {
          let point = points.lowerBound + (start - points.lowerBound + k) % (last - points.lowerBound)
          builder.append(x: union.x(point), y: union.y(point))
        }
        builder.append(x: union.x(start), y: union.y(start))
        builder.closeRing()
        builder.closePart()
        let hole = builder.geometry
        if try isCovered(hole, by: geometries, index: index, bordering: shared.hasFreeEdge, context: context)
        {
          continue
        }
        let box = hole.boundingBox
        let neighbours = index.items(intersecting: box).filter { geometries[$0].boundingBox.intersects(box) }
        gaps.append(TopologyReport.Gap(area: area, geometry: hole, neighbours: neighbours))
      }
    }
    // Order by area (to the cm²) then position (to the cm): stable whichever union built the rings.
    func key(_ gap: TopologyReport.Gap) -> (Double, Double, Double) {
      let box = gap.geometry.boundingBox
      return (-(gap.area * 1e4).rounded(), (box.minX * 100).rounded(), (box.minY * 100).rounded())
    }
    return gaps.sorted { key($0) < key($1) }
  }

  /// Whether features with only shared edges cover a hole of the bordering features' union that
  /// no shared edge borders (where it is crossed by edges that do not quite match, or two
  /// partitions are stacked). No free edge runs inside the hole, so the number of features
  /// covering it is the same throughout: one point inside it tells (strictly inside a feature: a
  /// hole a hair wide may have its point on an edge that runs along it).
  static func isCovered(
    _ hole: FlatGeometry, by geometries: [FlatGeometry], index: BoxIndex, bordering: [Bool],
    context: GeometryContext
  ) throws -> Bool {
    let (x, y) = try Geometry(hole, context: context).pointOnSurface().pointCoordinates()
    let point = BoundingBox(minX: x, minY: y, maxX: x, maxY: y)
    return index.items(intersecting: point).contains {
      !bordering[$0] && PointLocation.locate(geometries[$0], x: x, y: y) == .inside
    }
  }

  /// GEOS's coverage union of polygons that meet only along shared edges; nil when GEOS cannot
  /// build it or builds an invalid result (edges that do not quite match).
  static func coverageUnion(_ geometries: [FlatGeometry]) throws -> FlatGeometry? {
    let context = GeometryContext()
    let members = try geometries.map { try Geometry($0, context: context) }
    guard let union = try? Geometry.collection(members, context: context).coverageUnion(),
      (try? union.isValid()) == true
    else { return nil }
    return try union.flat()
  }
}
