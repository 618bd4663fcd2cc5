import Foundation
import GeoCore
import GeoJSON
import Layers
import PROJ
import TestSupport
import Testing

/// The loader reprojects a layer's coordinates in one batch (each shared vertex once, on every
/// thread): each feature must come out exactly as reprojecting it alone would make it, and a
/// feature PROJ cannot reproject must still be named with its own counts.
@Suite struct BatchReprojectionTests {
  /// Two lon/lat squares sharing an edge near Manchester, a null geometry, and a MultiPolygon
  /// whose first part repeats the first square: most vertices occur more than once.
  static let text = """
    {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"code": "A"}, "geometry": {"type": "Polygon", "coordinates":
      [[[-2.35, 53.44], [-2.34, 53.44], [-2.34, 53.45], [-2.35, 53.45], [-2.35, 53.44]]]}},
    {"type": "Feature", "properties": {"code": "B"}, "geometry": {"type": "Polygon", "coordinates":
      [[[-2.34, 53.44], [-2.33, 53.44], [-2.33, 53.45], [-2.34, 53.45], [-2.34, 53.44]]]}},
    {"type": "Feature", "properties": {"code": "C"}, "geometry": null},
    {"type": "Feature", "properties": {"code": "D"}, "geometry": {"type": "MultiPolygon", "coordinates":
      [[[[-2.35, 53.44], [-2.34, 53.44], [-2.34, 53.45], [-2.35, 53.45], [-2.35, 53.44]]],
       [[[-2.30, 53.44], [-2.29, 53.44], [-2.29, 53.45], [-2.30, 53.44]]]]}}
    ]}
    """

  static func write(_ text: String, name: String) throws -> String {
    let path = NSTemporaryDirectory() + "nbhd-batch-reprojection-\(name)-\(getpid()).geojson"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test("each feature equals its own reprojection to the last bit", arguments: [1, 2])
  func sameAsOneFeatureAtATime(threads: Int) throws {
    let path = try Self.write(Self.text, name: "same-\(threads)")
    defer { try? FileManager.default.removeItem(atPath: path) }
    var options = LoadOptions()
    options.threads = threads
    options.idField = "code"
    let layer = try LayerLoader.load(path, options: options)
    #expect(layer.crs == "EPSG:27700")
    #expect(layer.features.map(\.id) == ["A", "B", "D"])
    let input = try GeoJSONReader.read(contentsOf: path)
    let transformer = try Transformer(from: .wgs84LonLat, to: .britishNationalGrid)
    for feature in layer.features {
      let alone = try transformer.transformed(try #require(input.features[feature.index].geometry))
      #expect(feature.geometry.coordinates.map(\.bitPattern) == alone.coordinates.map(\.bitPattern))
      #expect(feature.geometry.ringOffsets == alone.ringOffsets)
      #expect(feature.geometry.partOffsets == alone.partOffsets)
    }
    // Independently of PROJ's batch: (-2.35, 53.44) is at easting 376847.626 (ErrorTests).
    #expect(abs(layer.features[0].geometry.coordinates[0] - 376847.626247) < 0.001)
    #expect(layer.features[2].geometry.coordinates[0] == layer.features[0].geometry.coordinates[0])
  }

  @Test("a feature PROJ cannot reproject is named with its own coordinate counts", arguments: [1, 2])
  func failingFeatureIsNamed(threads: Int) throws {
    // An orthographic view of lon 0 cannot show lon 170: feature 1's third vertex fails.
    let text = Self.text.replacing("[-2.33, 53.45], [-2.34, 53.45]", with: "[170, 10], [-2.34, 53.45]")
    let path = try Self.write(text, name: "fail-\(threads)")
    defer { try? FileManager.default.removeItem(atPath: path) }
    var options = LoadOptions()
    options.threads = threads
    options.idField = "code"
    options.workingCRS = "+proj=ortho +lat_0=0 +lon_0=0 +ellps=WGS84"
    #expect {
      try LayerLoader.load(path, options: options)
    } throws: { error in
      let message = "\(error)"
      return message.contains("feature 1 (id \"B\"): cannot reproject")
        && message.contains("cannot reproject: 1 of 5 coordinates")
        && message.contains("x=170.0, y=10.0")
    }
  }
}
