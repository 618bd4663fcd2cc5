import GEOS
import GeoCore
import PlanarKernel

/// Options of a coverage analysis (DESIGN.md §7).
public struct CoverageOptions: Sendable {
  public var radii: ReachRadii
  /// Segments per quarter circle of a buffer (GEOS's default 8).
  public var quadrantSegments: Int = 8
  public var threads: Int = ParallelChunks.defaultThreadCount

  public init(radii: ReachRadii) {
    self.radii = radii
  }
}

/// Coverage of one unit by one category of asset.
public struct CoverageRow: Sendable, Hashable {
  public var unit: Int
  public var category: String
  public var radius: Double
  public var assetsInside: Int
  public var assetsReaching: Int
  public var area: Double
  public var coveredShare: Double
  public var gapArea: Double
  public var largestGapArea: Double
  public var population: Double?
  public var populationCovered: Double?
  public var populationUncovered: Double?
  public var sharePopulationCovered: Double?
  public var assetsPerThousand: Double?
  /// Distance from the unit's population-weighted centroid (or a point on its surface) to the
  /// nearest asset of the category, and which point was used.
  public var nearest: Double?
  public var nearestFrom: String
  /// The furthest any sampled point of the unit is from an asset: an approximation (a lower
  /// bound), from the gap's maximum inscribed circle centres and the unit's vertices.
  public var farthest: Double?
}

/// The part of a unit out of reach of a category.
public struct CoverageGap: Sendable, Hashable {
  public var unit: Int
  public var category: String
  public var geometry: FlatGeometry
  public var area: Double
  public var population: Double?
}

/// Everything a coverage run produced.
public struct CoverageResult: Sendable {
  /// One row per unit × category, units in layer order, categories in `categories` order.
  public var rows: [CoverageRow]
  public var gaps: [CoverageGap]
  public var categories: [String]
  /// For each asset, the units it stands in (points) or touches (polygons).
  public var assetUnits: [[Int]]
  /// Assets in no unit.
  public var assetsOutside: [Int]
  /// Each category's reach (in `categories` order), for analyses built on this one (change).
  var reaches: [ReachUnion] = []
}

/// Computes who and what is out of reach of each category of asset.
public enum CoverageAnalysis {
  /// Runs coverage of `units` (valid polygons, working CRS) by `assets`, with people from
  /// `population` when given.
  public static func run(
    units: [FlatGeometry], assets: AssetSet, population: PopulationLayer?, options: CoverageOptions
  ) throws -> CoverageResult {
    try run(units: units, assets: assets, population: population, estimate: nil, options: options)
  }

  /// Runs coverage with the units' people already estimated (`estimate`, from `population`), so
  /// that two runs over the same units (before and after a change) estimate them once.
  static func run(
    units: [FlatGeometry], assets: AssetSet, population: PopulationLayer?, estimate: PopulationEstimate?,
    options: CoverageOptions
  ) throws -> CoverageResult {
    var clock = StageClock()
    let categories = assets.categories
    let unitAreas = units.map(\.polygonalArea)
    let unitBoxes = units.map(\.boundingBox)
    let unitIndex = BoxIndex(unitBoxes)
    let people = try estimate ?? population?.estimate(in: units, threads: options.threads)
    clock.lap("coverage: population of units")
    var rows: [CoverageRow] = []
    var gaps: [CoverageGap] = []
    var reaches: [ReachUnion] = []
    for category in categories {
      let radius = try options.radii.radius(for: category)
      let members = assets.assets(in: category).map(\.geometry)
      let reach = try ReachUnion.build(
        members, radius: radius, quadrantSegments: options.quadrantSegments, threads: options.threads)
      clock.lap("coverage: \(category) reach union (\(reach.parts.count) parts)")
      reaches.append(reach)
      let nearest = NearestAsset(members)
      let assetIndex = BoxIndex(members.map(\.boundingBox))
      let perUnit = try ParallelChunks.map(
        // Units differ a lot in cost (a sub-ICB location against a city's reach): with few units,
        // small chunks keep both threads busy to the end.
        count: units.count, threads: options.threads, chunkSize: max(1, min(16, units.count / 256)),
        makeWorker: {
          () -> (units: ThreadGeometryCache, parts: ThreadGeometryCache, assets: ThreadGeometryCache) in
          // One context per thread, shared by the three caches.
          let unitsCache = ThreadGeometryCache(source: units)
          return (
            unitsCache, ThreadGeometryCache(source: reach.pieces, context: unitsCache.context),
            ThreadGeometryCache(source: members, context: unitsCache.context)
          )
        },
        body: { workers, u -> (CoverageRow, FlatGeometry?) in
          defer { workers.units.forget(u) }
          let unit = try workers.units.geometry(u)
          let prepared = try workers.units.prepared(u)
          let box = unitBoxes[u]
          // The gap: the unit minus only the union pieces that touch it.
          var gap: FlatGeometry? = units[u]
          var gapArea = unitAreas[u]
          // Each touching part as the piece clipped to a cell holding the unit (PartQuadtree).
          let touching = reach.index.items(intersecting: box).map { reach.piece(of: $0, for: box) }
            .filter { !reach.pieces[$0].isEmpty }
          if !touching.isEmpty {
            var coveredWhole = false
            for part in touching where reach.pieceBoxes[part].contains(box) {
              if try workers.parts.prepared(part).contains(unit) {
                coveredWhole = true
                break
              }
            }
            if coveredWhole {
              gap = nil
              gapArea = 0
            } else if let assembled = assembledGap(
              units[u], box: box, bands: workers.units.bands(u), cover: touching, reach: reach,
              pieces: workers.parts)
            {
              gapArea = assembled.polygonalArea
              gap = gapArea > 0 ? assembled : nil
            } else {
              let pieces = try touching.map { try workers.parts.geometry($0) }
              let cover =
                pieces.count == 1
                ? pieces[0] : try Geometry.collection(pieces, context: workers.parts.context)
              let remainder = try unit.difference(cover).polygonalPart()
              gapArea = try remainder.area()
              gap = gapArea > 0 ? try remainder.flat() : nil
            }
          }
          let largestGapPart = gap?.polygonParts.max { $0.polygonalArea < $1.polygonalArea }
          let largestGap = largestGapPart?.polygonalArea ?? 0
          // Assets inside the unit, and assets whose reach touches it.
          var inside = 0, reaching = 0
          for a in assetIndex.items(intersecting: box.expanded(by: radius)) {
            let asset = members[a]
            let isInside: Bool
            if asset.kind == .point {
              isInside = try prepared.intersectsPoint(x: asset.x(0), y: asset.y(0))
            } else {
              isInside = try prepared.intersects(try workers.assets.geometry(a))
            }
            if isInside {
              inside += 1
              reaching += 1
            } else if asset.kind == .point {
              // Outside the unit, so its distance is to the unit's rings (no GEOS call needed).
              if units[u].distanceToLinework(x: asset.x(0), y: asset.y(0)) <= radius { reaching += 1 }
            } else if try unit.distance(to: try workers.assets.geometry(a)) <= radius {
              reaching += 1
            }
          }
          // Nearest from the people's centre (or a point on the surface), farthest sampled.
          let centre: (x: Double, y: Double)
          let centreName: String
          if let c = people?.centroids[u] ?? nil {
            centre = c
            centreName = "population_weighted_centroid"
          } else {
            centre = try unit.pointOnSurface().pointCoordinates()
            centreName = "point_on_surface"
          }
          let nearestDistance = nearest.distance(x: centre.x, y: centre.y, startingAt: radius)
          let farthest = farthestDistance(
            unit: units[u], largestGap: largestGapPart, nearest: nearest, radius: radius)
          let row = CoverageRow(
            unit: u, category: category, radius: radius, assetsInside: inside, assetsReaching: reaching,
            area: unitAreas[u], coveredShare: unitAreas[u] > 0 ? max(0, 1 - gapArea / unitAreas[u]) : 0,
            gapArea: gapArea,
            largestGapArea: largestGap, population: nil, populationCovered: nil, populationUncovered: nil,
            sharePopulationCovered: nil, assetsPerThousand: nil, nearest: nearestDistance,
            nearestFrom: centreName,
            farthest: farthest)
          return (row, gap)
        })
      clock.lap("coverage: \(category) per unit")
      var categoryRows = perUnit.map(\.0)
      let categoryGaps = perUnit.enumerated().compactMap { u, result in
        result.1.map { CoverageGap(unit: u, category: category, geometry: $0, area: categoryRows[u].gapArea) }
      }
      var finishedGaps = categoryGaps
      if let population, let people {
        let uncovered = try population.people(
          inPieces: categoryGaps.map(\.geometry), pieceAreas: categoryGaps.map(\.area),
          of: categoryGaps.map(\.unit),
          areas: units, estimate: people, threads: options.threads)
        var uncoveredByUnit = [Double](repeating: 0, count: units.count)
        for (k, gap) in categoryGaps.enumerated() {
          uncoveredByUnit[gap.unit] = uncovered[k]
          finishedGaps[k].population = uncovered[k]
        }
        for u in units.indices {
          let total = people.totals[u]
          let out = min(total, uncoveredByUnit[u])
          categoryRows[u].population = total
          categoryRows[u].populationUncovered = out
          categoryRows[u].populationCovered = total - out
          categoryRows[u].sharePopulationCovered = total > 0 ? (total - out) / total : nil
          categoryRows[u].assetsPerThousand =
            total > 0 ? Double(categoryRows[u].assetsInside) / total * 1000 : nil
        }
      }
      clock.lap("coverage: \(category) population of gaps")
      rows += categoryRows
      gaps += finishedGaps
    }
    let (assetUnits, outside) = try locate(
      assets, units: units, unitIndex: unitIndex, threads: options.threads)
    clock.lap("coverage: locate assets")
    return CoverageResult(
      rows: rows, gaps: gaps, categories: categories, assetUnits: assetUnits, assetsOutside: outside,
      reaches: reaches)
  }

  /// The unit less its cover assembled from the exact crossings (PolygonDifference), or nil to
  /// leave it to GEOS's overlay: a unit too long for the validity proof, or one with many pieces
  /// of reach inside its box (a sub-ICB location less its towns), whose gap has too many holes.
  static func assembledGap(
    _ unit: FlatGeometry, box: BoundingBox, bands: EdgeBands?, cover: [Int], reach: ReachUnion,
    pieces: ThreadGeometryCache
  ) -> FlatGeometry? {
    guard unit.pointCount < PolygonDifference.maximumEdges, let bands,
      cover.count(where: { box.contains(reach.pieceBoxes[$0]) }) <= 8
    else { return nil }
    let joined =
      cover.count == 1
      ? pieces.bands(cover[0]) : EdgeBands(.multiPolygon(joining: cover.map { reach.pieces[$0] }))
    return joined.flatMap { PolygonDifference.of(bands, minus: $0) }
  }

  /// The distance to the nearest asset from the deepest point found in the gap's largest part
  /// and from the unit's vertices, whichever is furthest: a lower bound on the true farthest
  /// distance, exact when the farthest point is one of those.
  static func farthestDistance(
    unit: FlatGeometry, largestGap: FlatGeometry?, nearest: NearestAsset, radius: Double
  )
    -> Double?
  {
    var best: Double?
    if let part = largestGap,
      let deepest = InscribedWidthProbe.deepestPoint(in: part),
      let d = nearest.distance(x: deepest.x, y: deepest.y, startingAt: radius)
    {
      best = d
    }
    // Nearest distances change no faster than the points move (d(v) ≤ d(w) + |v − w|): a vertex
    // whose bound cannot beat the best so far is skipped, and the others search the asset index
    // once, in a square that must hold their nearest asset.
    let step = max(1, unit.pointCount / 200)
    var last: (x: Double, y: Double, distance: Double)?
    for i in stride(from: 0, to: unit.pointCount, by: step) {
      let x = unit.x(i), y = unit.y(i)
      var start = radius
      if let last {
        let bound = last.distance + ((x - last.x) * (x - last.x) + (y - last.y) * (y - last.y)).squareRoot()
        if let best, bound <= best { continue }
        start = bound
      }
      guard let d = nearest.distance(x: x, y: y, startingAt: start) else { continue }
      best = max(best ?? 0, d)
      last = (x, y, d)
    }
    return best
  }

  /// Which units each asset stands in (points) or touches (polygons); assets in none.
  static func locate(_ assets: AssetSet, units: [FlatGeometry], unitIndex: BoxIndex, threads: Int) throws
    -> ([[Int]], [Int])
  {
    let geometries = assets.assets.map(\.geometry)
    let located = try ParallelChunks.map(
      count: geometries.count, threads: threads, chunkSize: 64,
      makeWorker: {
        let unitsCache = ThreadGeometryCache(source: units)
        return (unitsCache, ThreadGeometryCache(source: geometries, context: unitsCache.context))
      },
      body: { workers, a -> [Int] in
        let asset = geometries[a]
        var found: [Int] = []
        for u in unitIndex.items(intersecting: asset.boundingBox) {
          let hit: Bool
          if asset.kind == .point {
            hit = try workers.0.prepared(u).intersectsPoint(x: asset.x(0), y: asset.y(0))
          } else {
            hit = try workers.0.prepared(u).intersects(try workers.1.geometry(a))
          }
          if hit { found.append(u) }
        }
        return found
      })
    return (located, located.indices.filter { located[$0].isEmpty })
  }
}
