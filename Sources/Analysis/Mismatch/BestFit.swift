import GEOS
import GeoCore
import PlanarKernel

/// Best-fit lookups from one layer to another as ONS and NHS make them (DESIGN.md §4).
public enum BestFit {
  /// How a row of a lookup was made.
  public enum Method: String, Sendable {
    /// The unit containing the feature's population-weighted centroid.
    case populationWeightedCentroid = "population_weighted_centroid"
    /// The unit containing a point on the feature's surface (no population given).
    case pointOnSurface = "point_on_surface"
    /// The unit with the largest share of the feature's area.
    case largestAreaOverlap = "largest_area_overlap"
    /// The unit with the largest share of the feature's people.
    case largestPopulationOverlap = "largest_population_overlap"
  }

  /// For each feature of A: the B unit containing its population-weighted centroid (or a point
  /// on its surface when `centroids` has none), nil when no unit contains it. Ties on a shared
  /// boundary go to the first unit in B's order.
  public static func byCentroid(
    a: [FlatGeometry], b: [FlatGeometry], centroids: [(x: Double, y: Double)?]?, threads: Int
  ) throws -> [(unit: Int?, method: Method)] {
    let index = BoxIndex(b.map(\.boundingBox))
    return try ParallelChunks.map(
      count: a.count, threads: threads, chunkSize: 64,
      makeWorker: { (ThreadGeometryCache(source: a), ThreadGeometryCache(source: b)) },
      body: { workers, i -> (unit: Int?, method: Method) in
        let (aSide, bSide) = workers
        defer { aSide.forget(i) }
        let point: (x: Double, y: Double)
        let method: Method
        if let centre = centroids?[i] ?? nil {
          point = centre
          method = .populationWeightedCentroid
        } else {
          point =
            try PolygonMeasures.pointOnSurface(a[i]) ?? aSide.geometry(i).pointOnSurface().pointCoordinates()
          method = .pointOnSurface
        }
        let box = BoundingBox(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y)
        for j in index.items(intersecting: box) where try Self.intersects(j, bSide, x: point.x, y: point.y) {
          return (j, method)
        }
        return (nil, method)
      })
  }

  /// Whether the point touches polygon `j`: decided on its edge bands, exactly, unless the point
  /// lies on (or level with a vertex of) its boundary, which GEOS's prepared test settles.
  static func intersects(_ j: Int, _ side: ThreadGeometryCache, x: Double, y: Double) throws -> Bool {
    if let bands = side.bands(j) {
      var tie = false
      let inside = bands.contains(x: x, y: y, shift: 1, tie: &tie)
      if !tie { return inside }
    }
    return try side.prepared(j).intersectsPoint(x: x, y: y)
  }
}
