import Dispatch
import GEOS
import GeoCore
import PlanarKernel
import Synchronization

/// Options of a coverage analysis (DESIGN.md §7).
public struct CoverageOptions: Sendable {
  /// How far each category reaches.
  public var radii: ReachRadii
  /// Segments per quarter circle of a buffer (GEOS's default 8).
  public var quadrantSegments: Int = 8
  /// Threads for the reach union and the per-unit work.
  public var threads: Int = ParallelChunks.defaultThreadCount

  /// Options with `radii` and the defaults for the rest.
  public init(radii: ReachRadii) {
    self.radii = radii
  }
}

/// Coverage of one unit by one category of asset.
public struct CoverageRow: Sendable, Hashable {
  /// The unit's position in the area layer.
  public var unit: Int
  /// The asset category.
  public var category: String
  /// The category's reach in metres.
  public var radius: Double
  /// Assets of the category standing in (points) or touching (polygons) the unit.
  public var assetsInside: Int
  /// Assets whose reach touches the unit, those inside included.
  public var assetsReaching: Int
  /// The unit's area (m²).
  public var area: Double
  /// The share of the unit's area within reach: 1 − gap area / area.
  public var coveredShare: Double
  /// The area of the unit out of reach (m²).
  public var gapArea: Double
  /// The area of the largest separate part of the gap (m²).
  public var largestGapArea: Double
  /// People in the unit, when a population was given.
  public var population: Double?
  /// People in the unit within reach.
  public var populationCovered: Double?
  /// People in the unit's gap (at most the unit's people).
  public var populationUncovered: Double?
  /// The share of the unit's people within reach; nil for a unit with nobody.
  public var sharePopulationCovered: Double?
  /// Assets inside the unit per 1,000 of its people; nil for a unit with nobody.
  public var assetsPerThousand: Double?
  /// Distance from the unit's population-weighted centroid (or a point on its surface) to the
  /// nearest asset of the category, and which point was used.
  public var nearest: Double?
  /// Which point `nearest` was measured from: "population_weighted_centroid" or "point_on_surface".
  public var nearestFrom: String
  /// The furthest any sampled point of the unit is from an asset: an approximation (a lower
  /// bound), from the gap's maximum inscribed circle centres and the unit's vertices.
  public var farthest: Double?
}

/// The part of a unit out of reach of a category.
public struct CoverageGap: Sendable, Hashable {
  /// The unit's position in the area layer.
  public var unit: Int
  /// The asset category it is out of reach of.
  public var category: String
  /// The gap's polygons, in the working CRS.
  public var geometry: FlatGeometry
  /// The gap's area (m²).
  public var area: Double
  /// People in the gap, when a population was given.
  public var population: Double?
}

/// Everything a coverage run produced.
public struct CoverageResult: Sendable {
  /// One row per unit × category, units in layer order, categories in `categories` order.
  public var rows: [CoverageRow]
  /// Every gap with area, by category then unit.
  public var gaps: [CoverageGap]
  /// The asset categories, in first-seen order.
  public var categories: [String]
  /// For each asset, the units it stands in (points) or touches (polygons).
  public var assetUnits: [[Int]]
  /// Assets in no unit.
  public var assetsOutside: [Int]
  /// Each category's reach (in `categories` order), for analyses built on this one (change).
  var reaches: [ReachUnion] = []
  /// What the reaches were built from, so another run can tell whether it may take them.
  var reachKeys: [ReachKey] = []

  /// The reach of each category, to hand to a run over other units with the same assets and
  /// options (a study's next area layer), which then skips building the unions again.
  public var reachUnions: CoverageReaches { CoverageReaches(keys: reachKeys, unions: reaches) }
}

/// The union of each category's reach, built by one coverage run (`CoverageResult.reachUnions`)
/// for another over the same assets: a run takes a category's union only when the category, its
/// assets' count, the radius and the segments per quarter circle all match, and builds it
/// otherwise.
public struct CoverageReaches: Sendable {
  let keys: [ReachKey]
  let unions: [ReachUnion]

  func union(for key: ReachKey) -> ReachUnion? {
    keys.firstIndex(of: key).map { unions[$0] }
  }
}

/// What a category's reach union depends on besides the assets' positions.
struct ReachKey: Sendable, Hashable {
  var category: String
  var assets: Int
  var radius: Double
  var quadrantSegments: Int
}

/// Computes who and what is out of reach of each category of asset.
public enum CoverageAnalysis {
  /// Runs coverage of `units` (valid polygons, working CRS) by `assets`, with people from
  /// `population` when given: for each category, the union of the assets' reach, then each unit
  /// against it in parallel, then the people in the gaps. `progress` hears of each stage.
  /// `knownPeople` is an estimate of the people in `units` from `population` already made (a
  /// study estimates each layer once), used instead of estimating again. `knownReaches` are the
  /// reach unions of an earlier run over the same `assets` (a study's other area layer): they
  /// depend on the assets, not on the units.
  public static func run(
    units: [FlatGeometry], assets: AssetSet, population: PopulationLayer?, options: CoverageOptions,
    progress: WorkProgress = .silent, knownPeople: PopulationEstimate? = nil,
    knownReaches: CoverageReaches? = nil
  ) throws -> CoverageResult {
    try run(
      units: units, assets: assets, population: population, estimate: knownPeople, options: options,
      knownReaches: knownReaches, progress: progress)
  }

  /// Runs coverage with the units' people already estimated (`estimate`, from `population`), so
  /// that two runs over the same units (before and after a change) estimate them once. A run that
  /// needs only the gaps, their people and the nearest distances (change) skips the rest
  /// (`extras` false: assets inside and reaching, farthest distances, where each asset stands).
  static func run(
    units: [FlatGeometry], assets: AssetSet, population: PopulationLayer?, estimate: PopulationEstimate?,
    options: CoverageOptions, extras: Bool = true, knownReaches: CoverageReaches? = nil,
    progress: WorkProgress = .silent
  ) throws -> CoverageResult {
    var clock = StageClock()
    let categories = assets.categories
    let layer = UnitLayer(units)
    let radii = try categories.map { try options.radii.radius(for: $0) }
    let memberLists = categories.map { assets.assets(in: $0).map(\.geometry) }
    let keys = categories.indices.map {
      ReachKey(
        category: categories[$0], assets: memberLists[$0].count, radius: radii[$0],
        quadrantSegments: options.quadrantSegments)
    }
    let reachOf: @Sendable (Int) throws -> ReachUnion = { c in
      if let known = knownReaches?.union(for: keys[c]) { return known }
      let members = memberLists[c]
      return try progress.stage("reach of \(categories[c])", total: members.count, unit: "assets") {
        counter in
        let reach = try ReachUnion.build(
          members, radius: radii[c], quadrantSegments: options.quadrantSegments, threads: options.threads)
        counter.advance(by: members.count)
        return reach
      }
    }
    // The reaches do not depend on the people: with people still to estimate, both are worked
    // out at once, so the union's lulls (one city's merge left to one thread) are filled.
    var reaches: [ReachUnion]
    let people: PopulationEstimate?
    if let population, estimate == nil {
      let both = try Concurrently.run(
        threads: options.threads,
        other: {
          try progress.stage("people in the units", total: units.count, unit: "units") { counter in
            try population.estimate(in: units, threads: options.threads, progress: counter)
          }
        }, here: { try categories.indices.map(reachOf) })
      (people, reaches) = (both.other, both.here)
      clock.lap(
        "coverage: population of units with the reach unions ("
          + reaches.map { "\($0.parts.count) parts" }.joined(separator: ", ") + ")")
    } else {
      people = estimate
      reaches = []
      for c in categories.indices {
        reaches.append(try reachOf(c))
        clock.lap("coverage: \(categories[c]) reach union (\(reaches[c].parts.count) parts)")
      }
    }
    var rows: [CoverageRow] = []
    var gaps: [CoverageGap] = []
    for (c, category) in categories.enumerated() {
      let radius = radii[c], members = memberLists[c], reach = reaches[c]
      let pass = CategoryPass(
        category: category, radius: radius, members: members, reach: reach, units: layer, people: people,
        extras: extras)
      let perUnit = try progress.stage(
        "units against the reach of \(category)", total: units.count, unit: "units"
      ) {
        counter in
        try ParallelChunks.map(
          // Units differ a lot in cost (a sub-ICB location against a city's reach): with few units,
          // small chunks keep both threads busy to the end.
          count: units.count, threads: options.threads, chunkSize: max(1, min(16, units.count / 256)),
          progress: counter,
          makeWorker: { pass.makeCaches() },
          body: { caches, u in try pass.cover(unit: u, caches: caches) })
      }
      clock.lap("coverage: \(category) per unit")
      var categoryRows = perUnit.map(\.row)
      var categoryGaps = perUnit.enumerated().compactMap { u, result in
        result.gap.map {
          CoverageGap(unit: u, category: category, geometry: $0, area: categoryRows[u].gapArea)
        }
      }
      if let population, let people {
        try progress.stage("people out of reach of \(category)", total: categoryGaps.count, unit: "gaps") {
          counter in
          try count(
            population, estimate: people, inGaps: &categoryGaps, rows: &categoryRows, units: units,
            threads: options.threads, progress: counter)
        }
      }
      clock.lap("coverage: \(category) population of gaps")
      rows += categoryRows
      gaps += categoryGaps
    }
    var (assetUnits, outside): ([[Int]], [Int]) = ([], [])
    if extras {
      (assetUnits, outside) = try locate(
        assets, units: units, unitIndex: layer.index, threads: options.threads)
      clock.lap("coverage: locate assets")
    }
    return CoverageResult(
      rows: rows, gaps: gaps, categories: categories, assetUnits: assetUnits, assetsOutside: outside,
      reaches: reaches, reachKeys: keys)
  }

  /// Puts people into the gaps and the rows of one category: those out of reach in each unit, and
  /// the shares and asset rates that follow.
  static func count(
    _ population: PopulationLayer, estimate people: PopulationEstimate, inGaps gaps: inout [CoverageGap],
    rows: inout [CoverageRow], units: [FlatGeometry], threads: Int, progress: ProgressCounter? = nil
  ) throws {
    let uncovered = try population.people(
      inPieces: gaps.map(\.geometry), pieceAreas: gaps.map(\.area), of: gaps.map(\.unit),
      areas: units, estimate: people, threads: threads, progress: progress)
    var uncoveredByUnit = [Double](repeating: 0, count: units.count)
    for k in gaps.indices {
      uncoveredByUnit[gaps[k].unit] = uncovered[k]
      gaps[k].population = uncovered[k]
    }
    for u in units.indices {
      let total = people.totals[u]
      let out = min(total, uncoveredByUnit[u])
      rows[u].population = total
      rows[u].populationUncovered = out
      rows[u].populationCovered = total - out
      rows[u].sharePopulationCovered = total > 0 ? (total - out) / total : nil
      rows[u].assetsPerThousand = total > 0 ? Double(rows[u].assetsInside) / total * 1000 : nil
    }
  }

  /// The unit less its cover assembled from the exact crossings (PolygonDifference), or nil to
  /// leave it to GEOS's overlay: a unit too long for the validity proof, or one with many pieces
  /// of reach inside its box (a sub-ICB location less its towns), whose gap has too many holes.
  static func assembledGap(
    _ unit: FlatGeometry, box: BoundingBox, bands: EdgeBands?, cover: [Int], reach: ReachUnion,
    pieces: ThreadGeometryCache, joined: JoinedBands
  ) -> FlatGeometry? {
    guard unit.pointCount < PolygonDifference.maximumEdges, let bands,
      cover.count(where: { box.contains(reach.pieceBoxes[$0]) }) <= 8
    else { return nil }
    let minus = cover.count == 1 ? pieces.bands(cover[0]) : joined.bands(of: cover, in: pieces)
    return minus.flatMap { PolygonDifference.of(bands, minus: $0) }
  }

  /// One thread's edge bands of several reach pieces taken as one cover, by the pieces'
  /// positions: neighbouring units mostly meet the same pieces, and building the bands again
  /// for each took a sixth of the units' time. A cover's bands are joined from its pieces' own
  /// (kept by the thread's cache of the pieces), which also answer for them: banding a city's
  /// piece again for each cover it was in took a quarter of the units' time.
  final class JoinedBands {
    private var made: [[Int]: EdgeBands?] = [:]

    /// The bands of `cover`'s pieces joined into one multipolygon.
    func bands(of cover: [Int], in pieces: ThreadGeometryCache) -> EdgeBands? {
      if let found = made[cover] { return found }
      // A bounded cache: a thread moves on through the layer and rarely comes back.
      if made.count >= 256 { made.removeAll(keepingCapacity: true) }
      let parts = cover.compactMap { pieces.bands($0) }
      let built = parts.count == cover.count ? EdgeBands(joining: parts) : nil
      made[cover] = built
      return built
    }
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

  /// Whether the point (x, y) touches `unit`: decided exactly on the flat polygon (no GEOS
  /// geometry to build), with `prepared` (only made when needed) for anything not polygonal.
  static func intersects(
    _ unit: FlatGeometry, x: Double, y: Double, orElse prepared: @autoclosure () throws -> PreparedGeometry
  ) throws -> Bool {
    unit.kind.isPolygonal
      ? PointLocation.intersects(unit, x: x, y: y) : try prepared().intersectsPoint(x: x, y: y)
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
            hit = try CoverageAnalysis.intersects(
              units[u], x: asset.x(0), y: asset.y(0), orElse: workers.0.prepared(u))
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

/// The units of a coverage run with what every category needs of them: areas, boxes and an
/// index of the boxes.
struct UnitLayer: Sendable {
  let geometries: [FlatGeometry]
  let areas: [Double]
  let boxes: [BoundingBox]
  let index: BoxIndex

  init(_ geometries: [FlatGeometry]) {
    self.geometries = geometries
    areas = geometries.map(\.polygonalArea)
    boxes = geometries.map(\.boundingBox)
    index = BoxIndex(boxes)
  }
}

/// One category's coverage of every unit: its reach, its assets, and the steps that measure one
/// unit against them (run in parallel, each thread with its own caches). A class, so the
/// per-unit steps share it by reference instead of copying (and retaining) its dozen arrays on
/// every call.
final class CategoryPass: Sendable {
  let category: String
  let radius: Double
  let members: [FlatGeometry]
  let reach: ReachUnion
  let units: UnitLayer
  let people: PopulationEstimate?
  let nearest: NearestAsset
  let assetIndex: BoxIndex
  /// Whether rows count the assets inside and reaching and estimate the farthest distance.
  let extras: Bool

  init(
    category: String, radius: Double, members: [FlatGeometry], reach: ReachUnion, units: UnitLayer,
    people: PopulationEstimate?, extras: Bool = true
  ) {
    (self.category, self.radius, self.members, self.reach, self.units, self.people, self.extras) =
      (category, radius, members, reach, units, people, extras)
    nearest = NearestAsset(members)
    assetIndex = BoxIndex(members.map(\.boundingBox))
  }

  /// One thread's caches of the units, the reach's pieces and the assets, sharing one context.
  struct Caches {
    let units: ThreadGeometryCache
    let parts: ThreadGeometryCache
    let assets: ThreadGeometryCache
    let joined = CoverageAnalysis.JoinedBands()
  }

  func makeCaches() -> Caches {
    let unitsCache = ThreadGeometryCache(source: units.geometries)
    return Caches(
      units: unitsCache, parts: ThreadGeometryCache(source: reach.pieces, context: unitsCache.context),
      assets: ThreadGeometryCache(source: members, context: unitsCache.context))
  }

  /// Unit `u`'s row and its gap (nil when the reach covers it).
  func cover(unit u: Int, caches: Caches) throws -> (row: CoverageRow, gap: FlatGeometry?) {
    defer { caches.units.forget(u) }
    let (gap, gapArea) = try self.gap(of: u, caches: caches)
    let largestGapPart = gap?.polygonParts.max { $0.polygonalArea < $1.polygonalArea }
    let (inside, reaching) = extras ? try assetsInsideAndReaching(u, caches: caches) : (0, 0)
    let (centre, centreName) = try centre(of: u, caches: caches)
    let area = units.areas[u]
    let row = CoverageRow(
      unit: u, category: category, radius: radius, assetsInside: inside, assetsReaching: reaching,
      area: area, coveredShare: area > 0 ? max(0, 1 - gapArea / area) : 0, gapArea: gapArea,
      largestGapArea: largestGapPart?.polygonalArea ?? 0, population: nil, populationCovered: nil,
      populationUncovered: nil, sharePopulationCovered: nil, assetsPerThousand: nil,
      nearest: nearest.distance(x: centre.x, y: centre.y, startingAt: radius), nearestFrom: centreName,
      farthest: extras
        ? CoverageAnalysis.farthestDistance(
          unit: units.geometries[u], largestGap: largestGapPart, nearest: nearest, radius: radius) : nil)
    return (row, gap)
  }

  /// The unit minus only the reach's pieces that touch it, and its area: assembled from the
  /// exact crossings where that is proved valid (nothing when the pieces cover the unit), else
  /// nothing when one piece contains the unit by GEOS's test, else GEOS's difference. The
  /// crossings come first: most units inside the reach are settled without copying them into
  /// GEOS.
  func gap(of u: Int, caches: Caches) throws -> (geometry: FlatGeometry?, area: Double) {
    let box = units.boxes[u]
    // Each touching part as the piece clipped to a cell holding the unit (PartQuadtree).
    let touching = reach.index.items(intersecting: box).map { reach.piece(of: $0, for: box) }
      .filter { !reach.pieces[$0].isEmpty }
    guard !touching.isEmpty else { return (units.geometries[u], units.areas[u]) }
    if let assembled = CoverageAnalysis.assembledGap(
      units.geometries[u], box: box, bands: caches.units.bands(u), cover: touching, reach: reach,
      pieces: caches.parts, joined: caches.joined)
    {
      let area = assembled.polygonalArea
      return (area > 0 ? assembled : nil, area)
    }
    let unit = try caches.units.geometry(u)
    for part in touching where reach.pieceBoxes[part].contains(box) {
      if try caches.parts.prepared(part).contains(unit) { return (nil, 0) }
    }
    let pieces = try touching.map { try caches.parts.geometry($0) }
    let cover = pieces.count == 1 ? pieces[0] : try Geometry.collection(pieces, context: caches.parts.context)
    let remainder = try unit.difference(cover).polygonalPart()
    let area = try remainder.area()
    return (area > 0 ? try remainder.flat() : nil, area)
  }

  /// Assets inside the unit, and assets whose reach touches it.
  func assetsInsideAndReaching(_ u: Int, caches: Caches) throws -> (inside: Int, reaching: Int) {
    var inside = 0, reaching = 0
    let near = units.boxes[u].expanded(by: radius)
    if let grid = nearest.grid, units.geometries[u].kind.isPolygonal {
      // Only points (the usual case): read them off the grid, with no index search to sort.
      let unit = units.geometries[u]
      grid.forEachPoint(in: near) { x, y in
        if PointLocation.intersects(unit, x: x, y: y) {
          inside += 1
          reaching += 1
        } else if unit.distanceToLinework(x: x, y: y) <= radius {
          reaching += 1
        }
      }
      return (inside, reaching)
    }
    for a in assetIndex.items(intersecting: near) {
      let asset = members[a]
      let isInside: Bool
      if asset.kind == .point {
        isInside = try CoverageAnalysis.intersects(
          units.geometries[u], x: asset.x(0), y: asset.y(0), orElse: caches.units.prepared(u))
      } else {
        isInside = try caches.units.prepared(u).intersects(try caches.assets.geometry(a))
      }
      if isInside {
        inside += 1
        reaching += 1
      } else if asset.kind == .point {
        // Outside the unit, so its distance is to the unit's rings (no GEOS call needed).
        if units.geometries[u].distanceToLinework(x: asset.x(0), y: asset.y(0)) <= radius { reaching += 1 }
      } else if try caches.units.geometry(u).distance(to: try caches.assets.geometry(a)) <= radius {
        reaching += 1
      }
    }
    return (inside, reaching)
  }

  /// Where the nearest asset is measured from: the people's centre, or a point on the surface.
  func centre(of u: Int, caches: Caches) throws -> (point: (x: Double, y: Double), name: String) {
    if let c = people?.centroids[u] ?? nil { return (c, "population_weighted_centroid") }
    let point =
      try PolygonMeasures.pointOnSurface(units.geometries[u])
      ?? caches.units.geometry(u).pointOnSurface().pointCoordinates()
    return (point, "point_on_surface")
  }
}
