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
  public static func summarize(
    _ overlay: Overlay, side: OverlaySide, selfGeometries: [FlatGeometry], otherGeometries: [FlatGeometry],
    otherIDs: [String], populations: [Double]? = nil, options: OverlapOptions
  ) throws -> [FeatureSummary] {
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
        let fit = try buildingBlockIoU(
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
