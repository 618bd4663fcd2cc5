import Foundation
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
  /// The format of the layer files; a GeoPackage keeps the working CRS unless `outputCRS` is
  /// given and full precision unless `geoPackagePrecision` is.
  public var format: LayerFormat = .geoJSON
  /// Decimal places in a GeoPackage; nil keeps full precision.
  public var geoPackagePrecision: Int?

  /// Output from `workingCRS` to `outputCRS` (nil: RFC 7946) at `precision` decimals.
  public init(workingCRS: String, outputCRS: String? = nil, precision: Int = 6) {
    self.workingCRS = workingCRS
    self.outputCRS = outputCRS
    self.precision = precision
  }

  /// `base` with the format's extension (`pieces` → `pieces.geojson` or `pieces.gpkg`).
  public func fileName(_ base: String) -> String { "\(base).\(format.fileExtension)" }

  /// Writes features (geometry in the working CRS, properties) to `path`.
  public func write(_ features: [(geometry: FlatGeometry?, properties: JSONObject)], to path: String) throws {
    try write(count: features.count, to: path) { features[$0] }
  }

  /// How many features are encoded at once by `write(count:threads:to:feature:)`.
  static let blockSize = 8192

  /// Writes `count` features, the k-th made by `feature(k)`, to `path`. Making, reprojecting
  /// (`OutputFeatures.made`) and encoding run in parallel; the bytes are the same whatever the
  /// thread count.
  public func write(
    count: Int, threads: Int = ParallelChunks.defaultThreadCount, to path: String,
    feature: @Sendable (Int) -> (geometry: FlatGeometry?, properties: JSONObject)
  ) throws {
    if format == .geoPackage || LayerFormat(fileName: path) == .geoPackage {
      let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
      try GeoPackageOutput(workingCRS: workingCRS, outputCRS: outputCRS, precision: geoPackagePrecision)
        .write(count: count, name: name, to: path, feature: feature)
      return
    }
    let target = outputCRS ?? "OGC:CRS84"
    let source = try CoordinateReferenceSystem.resolved(workingCRS)
    let destination = try CoordinateReferenceSystem.resolved(target)
    let same = source.identifier != nil && source.identifier == destination.identifier
    var options = GeoJSONWriter.Options(precision: precision, enforceRightHandRule: true)
    if outputCRS != nil { options.crsName = target }
    let writer = GeoJSONWriter(options: options)
    let recipe = same ? nil : try TransformerRecipe.best(from: source, to: destination)
    // Encoded a block at a time and written as it goes, so a national layer's features are
    // never all held at once.
    do {
      try AtomicFile.write(to: path) { emit in
        var out: [UInt8] = []
        writer.beginCollection(in: &out)
        var start = 0
        while start < count {
          let block = start..<min(count, start + Self.blockSize)
          let features = try OutputFeatures.made(block, threads: threads, recipe: recipe, feature)
          let encoded = try ParallelChunks.map(
            count: features.count, threads: threads, chunkSize: 256, makeWorker: {},
            body: { _, k in
              writer.encodeFeature(
                Feature(properties: features[k].properties, geometry: features[k].geometry))
            })
          for (k, bytes) in encoded.enumerated() {
            GeoJSONWriter.append(encodedFeature: bytes, at: block.lowerBound + k, to: &out)
          }
          try emit(out)
          out.removeAll(keepingCapacity: true)
          start = block.upperBound
        }
        GeoJSONWriter.endCollection(in: &out)
        try emit(out)
      }
    } catch let error as AtomicFile.WriteError {
      throw GeoJSONError.writeFailed(path: path, reason: error.reason)
    }
  }
}
