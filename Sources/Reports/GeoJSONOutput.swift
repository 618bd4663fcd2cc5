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

  public init(workingCRS: String, outputCRS: String? = nil, precision: Int = 6) {
    self.workingCRS = workingCRS
    self.outputCRS = outputCRS
    self.precision = precision
  }

  /// Writes features (geometry in the working CRS, properties) to `path`.
  public func write(_ features: [(geometry: FlatGeometry?, properties: JSONObject)], to path: String) throws {
    let target = outputCRS ?? "OGC:CRS84"
    let source = try CoordinateReferenceSystem(workingCRS)
    let destination = try CoordinateReferenceSystem(target)
    let same = source.identifier != nil && source.identifier == destination.identifier
    let geometries: [FlatGeometry?]
    if same {
      geometries = features.map(\.geometry)
    } else {
      geometries = try ParallelChunks.map(
        count: features.count, chunkSize: 256, makeWorker: { try Transformer(from: source, to: destination) },
        body: { transformer, i in try features[i].geometry.map { try transformer.transformed($0) } })
    }
    let out = zip(geometries, features).map { Feature(properties: $1.properties, geometry: $0) }
    var options = GeoJSONWriter.Options(precision: precision, enforceRightHandRule: true)
    if outputCRS != nil { options.crsName = target }
    try GeoJSONWriter.write(features: out, to: path, options: options)
  }
}
