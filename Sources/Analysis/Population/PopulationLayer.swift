import GEOS
import GeoCore
import Layers
import PlanarKernel
import Synchronization

/// People on the map: polygons with a count (output areas, LSOAs) or points with a count, used to
/// turn area shares into shares of people. Counts in a polygon are taken as spread evenly over it.
public struct PopulationLayer: Sendable {
  /// The layer's name (for reports).
  public var name: String
  /// The field the counts come from.
  public var field: String
  /// The features with a count, in the working CRS.
  public var geometries: [FlatGeometry]
  /// Each feature's count (people).
  public var counts: [Double]
  /// Areas of polygon features (0 for points).
  public var areas: [Double]
  /// Bounding boxes of the features.
  public var boxes: [BoundingBox]
  let index: BoxIndex
  /// The polygons' edge bands, built by the first estimate and kept for the later ones.
  let shapes = PopulationBands()

  /// Reads the count from `field` of every feature; a value that is not a number is an error that
  /// names the feature. Empty or null values count as 0 and are listed in `blanks`.
  public init(_ layer: Layer, field: String) throws(LayerError) {
    guard layer.features.contains(where: { $0.properties[field] != nil }) else {
      let keys = layer.features.first.map { $0.properties.keys.joined(separator: ", ") } ?? "none"
      throw .badOption(
        "\(layer.source): no feature has the population field \"\(field)\"; properties are: \(keys)")
    }
    var counts: [Double] = []
    for feature in layer.features {
      let value = feature.properties[field] ?? .null
      switch value {
      case .null: counts.append(0)
      case .string(let s) where s.isEmpty: counts.append(0)
      default:
        guard let number = value.numberValue, number.isFinite, number >= 0 else {
          throw .badFeature(
            layer.source, index: feature.index, id: feature.id,
            "population field \"\(field)\" is \(value.jsonText), not a count (a number ≥ 0)")
        }
        counts.append(number)
      }
    }
    self.name = layer.name
    self.field = field
    self.geometries = layer.geometries
    self.counts = counts
    self.areas = geometries.map(\.polygonalArea)
    self.boxes = geometries.map(\.boundingBox)
    self.index = BoxIndex(boxes)
  }

  /// Total count.
  public var total: Double { counts.reduce(0, +) }
}

/// The people inside a set of areas, and where they are centred.
public struct PopulationEstimate: Sendable {
  /// People in each area.
  public var totals: [Double]
  /// The population-weighted centroid of each area (nil when nobody lives there).
  public var centroids: [(x: Double, y: Double)?]
  /// For each area, the population features that gave it people, in feature order: a piece of
  /// an area can only have people from these.
  public var sources: [[Int]]
}

extension PopulationLayer {
  /// Estimates the people in each of `areas` (valid polygons in the same CRS): whole counts for
  /// population features inside an area, area-proportional shares for those cut by its boundary,
  /// counts of points inside it. Each area and population polygon are measured from their
  /// boundaries' crossings, without building their intersection (``overlap(of:_:box:with:_:proveApart:centroid:)``);
  /// a layer's own neighbours that its overlap search finds sharing no area
  /// (``overlapPartners(_:boxes:index:threads:)``) are skipped without either: they would add 0.
  /// `progress` counts the areas done.
  public func estimate(
    in areas: [FlatGeometry], threads: Int = ParallelChunks.defaultThreadCount,
    progress: ProgressCounter? = nil
  ) throws
    -> PopulationEstimate
  {
    let population = self
    // A layer estimating its own people (units that are also the population polygons) shares
    // area only between the pairs its overlap search finds: every other pair is skipped.
    let selfLayer = population.geometries == areas
    let partners =
      selfLayer
      ? try Self.overlapPartners(areas, boxes: population.boxes, index: population.index, threads: threads)
      : nil
    // A self layer meets few polygons besides its own units (its overlap partners): it builds
    // bands only for those, in each thread, rather than all of them (and keeps none).
    let bands =
      selfLayer
      ? population.shapes.built : try population.shapes.bands(of: population.geometries, threads: threads)
    let results = try ParallelChunks.map(
      count: areas.count, threads: threads, chunkSize: 16, progress: progress,
      makeWorker: {
        (ThreadGeometryCache(source: areas), ThreadGeometryCache(source: population.geometries))
      },
      body: { workers, i -> (Double, (x: Double, y: Double)?, [Int]) in
        let (areaSide, populationSide) = workers
        defer { areaSide.forget(i) }
        let box = areas[i].boundingBox
        var total = 0.0, sx = 0.0, sy = 0.0
        var sources: [Int] = []
        // A self layer's unit gets people only from itself and the polygons it overlaps (a copy
        // of it among them): no need to search the index.
        let near = partners.map { ([i] + $0[i]).sorted() } ?? population.index.items(intersecting: box)
        for p in near where population.counts[p] > 0 {
          let flat = population.geometries[p]
          let count = population.counts[p]
          if flat.kind.isPuntal {
            var found = false
            for point in 0..<flat.pointCount
            where box.contains(
              BoundingBox(minX: flat.x(point), minY: flat.y(point), maxX: flat.x(point), maxY: flat.y(point)))
            {
              if try areaSide.prepared(i).intersectsPoint(x: flat.x(point), y: flat.y(point)) {
                let share = count / Double(flat.pointCount)
                total += share
                sx += share * flat.x(point)
                sy += share * flat.y(point)
                found = true
              }
            }
            if found { sources.append(p) }
            continue
          }
          guard population.areas[p] > 0 else { continue }
          let pieceArea: Double, centre: (x: Double, y: Double)
          if flat == areas[i] {
            if let whole = PolygonMeasures.areaAndCentroid(flat) {
              (pieceArea, centre) = (whole.area, (whole.x, whole.y))
            } else {
              let piece = try populationSide.geometry(p)
              (pieceArea, centre) = (try piece.area(), try piece.centroid().pointCoordinates())
            }
          } else {
            // A self layer's partners are known to share area: no proof of disjoint interiors to
            // try.
            guard
              let shared = try population.overlap(
                of: i, areaSide, box: box, with: p, populationSide,
                bands: (selfLayer ? bands?[i] ?? nil : nil, bands?[p] ?? populationSide.bands(p)),
                proveApart: partners == nil, centroid: true),
              let centroid = shared.centroid
            else { continue }
            (pieceArea, centre) = (shared.area, centroid)
          }
          guard pieceArea > 0 else { continue }
          let share = count * pieceArea / population.areas[p]
          total += share
          sx += share * centre.x
          sy += share * centre.y
          sources.append(p)
        }
        return (total, total > 0 ? (sx / total, sy / total) : nil, sources)
      })
    return PopulationEstimate(
      totals: results.map(\.0), centroids: results.map(\.1), sources: results.map(\.2))
  }

  /// For each of `polygons`, the others it shares area with (a GEOS intersection of positive
  /// area): the layer's own overlap search (``TopologyCheck/findOverlaps``), which checks only
  /// the pairs that can overlap. Every other pair's interiors are disjoint. `index` is the
  /// boxes' index (the layer's own).
  static func overlapPartners(
    _ polygons: [FlatGeometry], boxes: [BoundingBox], index: BoxIndex, threads: Int
  ) throws -> [[Int]] {
    let overlaps = try TopologyCheck.findOverlaps(
      polygons, boxes: boxes, index: index, hasFreeEdge: SharedEdges(polygons).hasFreeEdge,
      threads: threads)
    var partners = [[Int]](repeating: [], count: polygons.count)
    for overlap in overlaps {
      partners[overlap.first].append(overlap.second)
      partners[overlap.second].append(overlap.first)
    }
    return partners
  }

  /// People in pieces of areas already estimated: `pieces[k]` (area `pieceAreas[k]`) lies inside
  /// `areas[owners[k]]`, whose estimate is `estimate`. Only that area's sources can put people in
  /// a piece; a source that *is* the area (the same polygon: the population layer is the area
  /// layer) gives `count × pieceArea / area` with no intersection, which is exact because the
  /// piece lies inside it. Other sources are intersected as in ``estimate(in:threads:progress:)``.
  /// `progress` counts the pieces done.
  public func people(
    inPieces pieces: [FlatGeometry], pieceAreas: [Double], of owners: [Int], areas: [FlatGeometry],
    estimate: PopulationEstimate, threads: Int = ParallelChunks.defaultThreadCount,
    progress: ProgressCounter? = nil
  ) throws -> [Double] {
    let population = self
    // Gaps of a self layer's units (whose estimate built no bands) take each thread's own.
    let bands = shapes.built
    return try ParallelChunks.map(
      count: pieces.count, threads: threads, chunkSize: 64, progress: progress,
      makeWorker: {
        (ThreadGeometryCache(source: pieces), ThreadGeometryCache(source: population.geometries))
      },
      body: { workers, k -> Double in
        let (pieceSide, populationSide) = workers
        defer { pieceSide.forget(k) }
        let owner = owners[k]
        let pieceBox = pieces[k].boundingBox
        var total = 0.0
        for p in estimate.sources[owner] {
          let flat = population.geometries[p]
          let count = population.counts[p]
          if flat.kind.isPuntal {
            for point in 0..<flat.pointCount
            where try pieceSide.prepared(k).intersectsPoint(x: flat.x(point), y: flat.y(point)) {
              total += count / Double(flat.pointCount)
            }
          } else if flat == areas[owner] {
            total += count * pieceAreas[k] / population.areas[p]
          } else if let shared = try population.overlap(
            of: k, pieceSide, box: pieceBox, with: p, populationSide,
            bands: (nil, bands?[p] ?? populationSide.bands(p)),
            proveApart: false,
            centroid: false),
            shared.area > 0
          {
            total += count * shared.area / population.areas[p]
          }
        }
        return total
      })
  }
}

extension PopulationLayer {
  /// The area (and, when `centroid`, the centroid) of `areaSide`'s feature `i` ∩ population
  /// polygon `p`; nil when their interiors do not meet.
  ///
  /// Measured from the boundaries' crossings (``PolygonIntersection``) over edge bands: `bands`
  /// holds the population polygon's, built once for the layer, and the area's when it is a
  /// population polygon too (else the area's come from `areaSide`). What the crossings leave open goes to GEOS as before: an area within rounding
  /// of 0 (neighbours along a shared edge, hair-thin slivers) is first tried for a proof that the
  /// interiors are disjoint (when `proveApart`: not already tried, and worth trying), then
  /// intersected, so every such pair gets exactly GEOS's answer; so does a geometry the bands
  /// cannot hold (a geometry collection).
  func overlap(
    of i: Int, _ areaSide: ThreadGeometryCache, box: BoundingBox, with p: Int,
    _ populationSide: ThreadGeometryCache, bands: (area: EdgeBands?, population: EdgeBands?),
    proveApart: Bool,
    centroid: Bool
  ) throws -> (area: Double, centroid: (x: Double, y: Double)?)? {
    // Boxes that share at most an edge hold polygons that share no area.
    guard boxes[p].overlapsWithArea(box) else { return nil }
    if let own = bands.area ?? areaSide.bands(i), let other = bands.population {
      let measured = PolygonIntersection.measure(own, other, tracingBoundary: false)
      if measured.area == 0 { return nil }  // a sum of exactly 0: the interiors do not meet
      if measured.area > measured.roundingBound { return (measured.area, measured.centroid) }
    }
    if proveApart, InteriorsDisjoint.proven(areaSide.source[i], geometries[p], boxes: (box, boxes[p])) {
      return nil
    }
    let piece = try areaSide.geometry(i).intersection(try populationSide.geometry(p)).polygonalPart()
    let area = try piece.area()
    guard area > 0 else { return nil }
    return (area, centroid ? try piece.centroid().pointCoordinates() : nil)
  }
}

/// The edge bands of a population layer's polygons (nil for points), built once, in parallel, by
/// the first estimate that needs them, and shared by every thread and every later estimate: each
/// polygon meets many areas (its neighbours, the pieces and gaps inside them). Held for the
/// layer's life (about 35 MB for England's 33,755 LSOAs): building them for each estimate instead
/// cost more time than the estimate saved on the smaller calls.
final class PopulationBands: Sendable {
  private let store = Mutex<[EdgeBands?]?>(nil)

  /// The bands, when an estimate has built them.
  var built: [EdgeBands?]? { store.withLock { $0 } }

  /// The bands of `geometries` (the layer's own, the same on every call).
  func bands(of geometries: [FlatGeometry], threads: Int) throws -> [EdgeBands?] {
    try store.withLock { built in
      if let built { return built }
      let made = try ParallelChunks.map(
        count: geometries.count, threads: threads, chunkSize: 256, makeWorker: {}
      ) { _, p in EdgeBands(geometries[p]) }
      built = made
      return made
    }
  }
}
