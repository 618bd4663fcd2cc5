import GEOS
import GeoCore
import Layers

/// People on the map: polygons with a count (output areas, LSOAs) or points with a count, used to
/// turn area shares into shares of people. Counts in a polygon are taken as spread evenly over it.
public struct PopulationLayer: Sendable {
  /// The layer's name (for reports).
  public var name: String
  /// The field the counts come from.
  public var field: String
  public var geometries: [FlatGeometry]
  public var counts: [Double]
  /// Areas of polygon features (0 for points).
  public var areas: [Double]
  let index: BoxIndex

  /// Reads the count from `field` of every feature; a value that is not a number is an error that
  /// names the feature. Empty or null values count as 0 and are listed in `blanks`.
  public init(_ layer: Layer, field: String) throws(LayerError) {
    guard layer.features.contains(where: { $0.properties[field] != nil }) else {
      let keys = layer.features.first.map { $0.properties.keys.joined(separator: ", ") } ?? "none"
      throw .badOption("\(layer.source): no feature has the population field \"\(field)\"; properties are: \(keys)")
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
    self.index = BoxIndex(geometries.map(\.boundingBox))
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
}

extension PopulationLayer {
  /// Estimates the people in each of `areas` (valid polygons in the same CRS): whole counts for
  /// population features inside an area, area-proportional shares for those cut by its boundary,
  /// counts of points inside it.
  public func estimate(in areas: [FlatGeometry], threads: Int = ParallelChunks.defaultThreadCount) throws
    -> PopulationEstimate
  {
    let population = self
    let results = try ParallelChunks.map(
      count: areas.count, threads: threads, chunkSize: 16,
      makeWorker: { (OverlapWorker(source: areas), OverlapWorker(source: population.geometries)) },
      body: { workers, i -> (Double, (x: Double, y: Double)?) in
        let (areaSide, populationSide) = workers
        defer { areaSide.forget(i) }
        let box = areas[i].boundingBox
        var total = 0.0, sx = 0.0, sy = 0.0
        let candidates = population.index.items(intersecting: box)
        guard !candidates.isEmpty else { return (0, nil) }
        let area = try areaSide.geometry(i)
        let prepared = try areaSide.prepared(i)
        for p in candidates where population.counts[p] > 0 {
          let flat = population.geometries[p]
          let count = population.counts[p]
          if flat.kind.isPuntal {
            for point in 0..<flat.pointCount where box.contains(BoundingBox(minX: flat.x(point), minY: flat.y(point), maxX: flat.x(point), maxY: flat.y(point))) {
              if try prepared.intersectsPoint(x: flat.x(point), y: flat.y(point)) {
                let share = count / Double(flat.pointCount)
                total += share
                sx += share * flat.x(point)
                sy += share * flat.y(point)
              }
            }
            continue
          }
          guard population.areas[p] > 0 else { continue }
          let geometry = try populationSide.geometry(p)
          let piece: Geometry
          if box.contains(flat.boundingBox), try prepared.contains(geometry) {
            piece = geometry
          } else {
            piece = try area.intersection(geometry).polygonalPart()
          }
          let pieceArea = try piece.area()
          guard pieceArea > 0 else { continue }
          let share = count * pieceArea / population.areas[p]
          let centre = try piece.centroid().pointCoordinates()
          total += share
          sx += share * centre.x
          sy += share * centre.y
        }
        return (total, total > 0 ? (sx / total, sy / total) : nil)
      })
    return PopulationEstimate(totals: results.map(\.0), centroids: results.map(\.1))
  }
}
