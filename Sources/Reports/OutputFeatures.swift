import GeoCore
import PROJ

/// Features made for an output layer and put in its CRS, for the GeoJSON and GeoPackage writers.
enum OutputFeatures {
  /// Features `range` made by `feature` (in parallel chunks) and reprojected by `recipe` (as they
  /// are when nil), each distinct coordinate once: neighbouring features share their boundaries
  /// (a national crosswalk's pieces hold each vertex 2.7 times), and PROJ's inverse projection
  /// is most of the cost of writing a layer. PROJ reprojects each point on its own, so every
  /// feature gets the coordinates it would get alone.
  static func made(
    _ range: Range<Int>, threads: Int, recipe: TransformerRecipe?,
    _ feature: @Sendable (Int) -> (geometry: FlatGeometry?, properties: JSONObject)
  ) throws -> [(geometry: FlatGeometry?, properties: JSONObject)] {
    var features = try ParallelChunks.map(
      count: range.count, threads: threads, chunkSize: 256, makeWorker: {},
      body: { _, k in feature(range.lowerBound + k) })
    guard let recipe else { return features }
    var coordinates: [Double] = []
    coordinates.reserveCapacity(features.reduce(0) { $0 + ($1.geometry?.coordinates.count ?? 0) })
    for feature in features { coordinates += feature.geometry?.coordinates ?? [] }
    try recipe.transformDistinct(&coordinates, threads: threads)
    var offset = 0
    for k in features.indices {
      guard let count = features[k].geometry?.coordinates.count else { continue }
      features[k].geometry!.coordinates = Array(coordinates[offset..<(offset + count)])
      offset += count
    }
    return features
  }
}
