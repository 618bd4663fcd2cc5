import GEOS
import GeoCore
import PlanarKernel

/// Per-feature summaries of an overlay, for either layer (DESIGN.md §4).
public enum MismatchAnalysis {
  /// Summarises every feature of `side`.
  /// - Parameters:
  ///   - selfGeometries/otherGeometries: the two layers' geometries, `side`'s first.
  ///   - otherIDs: the other layer's ids (ties for best go to the smaller id).
  ///   - populations: the people in each feature of `side`, when a population layer is used.
  ///   - otherOverlaps: every pair of the other layer's features that share area (its topology
  ///     check's overlaps), when known. Building blocks none of which overlap another then have
  ///     the union area and the share inside the feature as plain sums of areas already measured,
  ///     and no union is built.
  public static func summarize(
    _ overlay: Overlay, side: OverlaySide, selfGeometries: [FlatGeometry], otherGeometries: [FlatGeometry],
    otherIDs: [String], populations: [Double]? = nil, options: OverlapOptions,
    otherOverlaps: [TopologyReport.Overlap]? = nil
  ) throws -> [FeatureSummary] {
    let overlapping = otherOverlaps.map { OverlapPartners($0) }
    let grouped = overlay.piecesBySelf(side, featureCount: selfGeometries.count)
    let areas = side == .a ? overlay.areasA : overlay.areasB
    let otherAreas = side == .a ? overlay.areasB : overlay.areasA
    let τ = options.tolerance
    let usePopulation = populations != nil
    let keepHausdorff = options.computeHausdorff

    struct Worker {
      let selfSide: ThreadGeometryCache
      let otherSide: ThreadGeometryCache
      /// Linework indexes of the other layer's units met so far (each is best for many features).
      var otherLinework: [Int: LineworkIndex] = [:]
    }
    return try ParallelChunks.map(
      count: selfGeometries.count, threads: options.threads, chunkSize: 32,
      makeWorker: {
        let selfSide = ThreadGeometryCache(source: selfGeometries)
        return Worker(selfSide: selfSide, otherSide: ThreadGeometryCache(source: otherGeometries))
      },
      body: { worker, i -> FeatureSummary in
        defer { worker.selfSide.forget(i) }
        let pieces = grouped[i]
        let solid = pieces.filter { !$0.isSliver }
        let ranked = solid.isEmpty ? pieces : solid
        let best = ranked.min { lhs, rhs in
          lhs.shareOfSelf != rhs.shareOfSelf
            ? lhs.shareOfSelf > rhs.shareOfSelf : otherIDs[lhs.other] < otherIDs[rhs.other]
        }
        let uncovered = max(0, 1 - pieces.reduce(0) { $0 + $1.shareOfSelf })
        let mismatch = MismatchClass.classify(
          best: best.map { ($0.shareOfSelf, $0.shareOfOther) },
          parts: solid.map { ($0.shareOfSelf, $0.shareOfOther) }, uncoveredShare: uncovered, tolerance: τ)
        var hausdorff: Double?
        if keepHausdorff, let best {
          let other = worker.otherLinework[best.other] ?? LineworkIndex(otherGeometries[best.other])
          worker.otherLinework[best.other] = other
          hausdorff = DiscreteHausdorff.distance(LineworkIndex(selfGeometries[i]), other)
        }
        let blocks = pieces.filter {
          ($0.populationShareOfOther.flatMap { usePopulation ? $0 : nil } ?? $0.shareOfOther) >= 0.5
        }
        let fit =
          try overlapping.flatMap {
            blockIoUBySums(
              blocks, selfIndex: i, selfArea: areas[i], otherAreas: otherAreas, $0, worker: worker.selfSide)
          }
          ?? buildingBlockIoU(
            blocks, selfIndex: i, selfArea: areas[i], otherAreas: otherAreas, worker: worker.selfSide,
            others: worker.otherSide)
        let slivers = pieces.filter(\.isSliver)
        return FeatureSummary(
          feature: i, area: areas[i], population: populations?[i], best: best?.other,
          bestShare: best?.shareOfSelf ?? 0, bestShareOfOther: best?.shareOfOther ?? 0, parts: solid.count,
          slivers: slivers.count, sliverArea: slivers.reduce(0) { $0 + $1.area }, uncoveredShare: uncovered,
          hausdorff: hausdorff, mismatchClass: mismatch, buildingBlocks: blocks.map(\.other),
          buildingBlockIoU: fit)
      })
  }

  /// IoU between a feature and the union of its building blocks: with one block it is that
  /// piece's IoU; with several the union is computed (the blocks may overlap each other).
  static func buildingBlockIoU(
    _ blocks: [PieceView], selfIndex: Int, selfArea: Double, otherAreas: [Double],
    worker: ThreadGeometryCache,
    others: ThreadGeometryCache
  ) throws -> Double {
    guard !blocks.isEmpty else { return 0 }
    if blocks.count == 1 {
      let block = blocks[0]
      let otherArea = block.area / block.shareOfOther
      return block.area / (selfArea + otherArea - block.area)
    }
    let parts = try blocks.map { try others.geometry($0.other) }
    let collection = try Geometry.collection(parts, context: others.context)
    let total = blocks.reduce(0) { $0 + otherAreas[$1.other] }
    let union = try collection.coverageUnionIfExact(totalArea: total) ?? collection.unaryUnion()
    let feature = try worker.geometry(selfIndex).clone(into: others.context)
    let inside = try feature.intersection(union).area()
    let unionArea = try union.area()
    return inside / (selfArea + unionArea - inside)
  }

  /// IoU between a feature and the union of several building blocks, from areas already
  /// measured, when the layer's overlapping pairs are known (`overlapping`): disjoint blocks'
  /// union has the sum of their areas, and its part inside the feature the sum of the feature's
  /// pieces with them. Blocks that overlap pairwise, with no area shared by three, take off each
  /// shared part once (inclusion–exclusion), and its part inside the feature, measured exactly.
  /// Nil for fewer than two blocks, or when three blocks may share area (`buildingBlockIoU`
  /// builds the union then).
  static func blockIoUBySums(
    _ blocks: [PieceView], selfIndex: Int, selfArea: Double, otherAreas: [Double],
    _ overlapping: OverlapPartners,
    worker: ThreadGeometryCache
  ) -> Double? {
    guard blocks.count > 1, let shared = overlapping.sharedParts(among: blocks.map(\.other)) else {
      return nil
    }
    var inside = blocks.reduce(0) { $0 + $1.area }
    var unionArea = blocks.reduce(0) { $0 + otherAreas[$1.other] }
    if !shared.isEmpty {
      guard let feature = worker.bands(selfIndex) else { return nil }
      var overlapArea = 0.0, overlapInside = 0.0
      for part in shared {
        guard let bands = EdgeBands(part.geometry) else { return nil }
        overlapArea += part.area
        overlapInside += PolygonIntersection.measure(feature, bands).area
      }
      unionArea -= overlapArea
      inside -= overlapInside
    }
    return inside / (selfArea + unionArea - inside)
  }

  /// Layer-pair figures: counts per class and the coterminosity index (area-weighted mean best
  /// share, 1 for identical geographies).
  public static func pairSummary(_ summaries: [FeatureSummary]) -> PairSummary {
    var counts: [MismatchClass: Int] = [:]
    var weighted = 0.0
    var total = 0.0
    for s in summaries {
      counts[s.mismatchClass, default: 0] += 1
      weighted += s.area * s.bestShare
      total += s.area
    }
    return PairSummary(
      classCounts: MismatchClass.allCases.map { ($0, counts[$0] ?? 0) },
      coterminosityIndex: total > 0 ? weighted / total : 0,
      sliverArea: summaries.reduce(0) { $0 + $1.sliverArea })
  }
}

/// Figures for one layer of a pair.
public struct PairSummary: Sendable {
  /// Features per class, in the order of `MismatchClass.allCases`.
  public var classCounts: [(MismatchClass, Int)]
  /// Area-weighted mean best share (1 = identical geographies).
  public var coterminosityIndex: Double
  /// Total area of sliver pieces (m²).
  public var sliverArea: Double

  /// The count for one class.
  public func count(_ mismatchClass: MismatchClass) -> Int {
    classCounts.first { $0.0 == mismatchClass }?.1 ?? 0
  }
}

/// For each feature of a layer, the features it overlaps (from a topology check).
struct OverlapPartners {
  private let overlaps: [TopologyReport.Overlap]
  /// For each feature that overlaps some other, the other and the overlap's position.
  private var partners: [Int: [(other: Int, overlap: Int)]] = [:]

  init(_ overlaps: [TopologyReport.Overlap]) {
    self.overlaps = overlaps
    for (k, overlap) in overlaps.enumerated() where overlap.area > 0 {
      partners[overlap.first, default: []].append((overlap.second, k))
      partners[overlap.second, default: []].append((overlap.first, k))
    }
  }

  /// The overlaps between two of `features`, or nil when some three of them overlap each other
  /// pairwise (and so may share area).
  func sharedParts(among features: [Int]) -> [TopologyReport.Overlap]? {
    guard !partners.isEmpty else { return [] }
    let members = Set(features)
    var found: [TopologyReport.Overlap] = []
    for i in features {
      for (j, k) in partners[i] ?? [] where i < j && members.contains(j) {
        let third = partners[i]!.contains { p in
          p.other != j && members.contains(p.other) && partners[j]!.contains { $0.other == p.other }
        }
        if third { return nil }
        found.append(overlaps[k])
      }
    }
    return found
  }
}
