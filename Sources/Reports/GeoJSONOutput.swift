import GeoCore
import GeoJSON
import PROJ

/// Writes result layers as GeoJSON: RFC 7946 WGS84 lon/lat by default, or a projected CRS with
/// a `crs` member for QGIS (DESIGN.md §8). Atomic, like every output.
public struct GeoJSONOutput: Sendable {
  /// The CRS the geometries are in (the working CRS).
  public var workingCRS: String
  /// The CRS to write: nil for RFC 7946 WGS84.
  public var outputCRS: String?
  /// Decimal places (default 6 for degrees; 2 is centimetres in a projected CRS).
  public var precision: Int

  /// Output from `workingCRS` to `outputCRS` (nil: RFC 7946) at `precision` decimals.
  public init(workingCRS: String, outputCRS: String? = nil, precision: Int = 6) {
    self.workingCRS = workingCRS
    self.outputCRS = outputCRS
    self.precision = precision
  }

  /// Writes features (geometry in the working CRS, properties) to `path`.
  public func write(_ features: [(geometry: FlatGeometry?, properties: JSONObject)], to path: String) throws {
    try write(count: features.count, to: path) { features[$0] }
  }

  /// Writes `count` features, the k-th made by `feature(k)`, to `path`. Making, reprojecting
  /// and encoding run in parallel chunks (each thread with its own PROJ transformer); the bytes
  /// are the same whatever the thread count.
  public func write(
    count: Int, threads: Int = ParallelChunks.defaultThreadCount, to path: String,
    feature: @Sendable (Int) -> (geometry: FlatGeometry?, properties: JSONObject)
  ) throws {
    let target = outputCRS ?? "OGC:CRS84"
    let source = try CoordinateReferenceSystem(workingCRS)
    let destination = try CoordinateReferenceSystem(target)
    let same = source.identifier != nil && source.identifier == destination.identifier
    var options = GeoJSONWriter.Options(precision: precision, enforceRightHandRule: true)
    if outputCRS != nil { options.crsName = target }
    let writer = GeoJSONWriter(options: options)
    let recipe = same ? nil : try TransformerRecipe.best(from: source, to: destination)
    let encoded = try ParallelChunks.map(
      count: count, threads: threads, chunkSize: 256,
      makeWorker: { try recipe.map { try Transformer($0) } },
      body: { transformer, i in
        let (geometry, properties) = feature(i)
        let output = try geometry.map { try transformer?.transformed($0) ?? $0 }
        return writer.encodeFeature(Feature(properties: properties, geometry: output))
      })
    try GeoJSONWriter.write(encoded: writer.encode(encodedFeatures: encoded), to: path)
  }
}
