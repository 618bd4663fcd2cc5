import Foundation
import GeoCore
import Reports
import Testing

/// GeoJSON output written a block at a time.
@Suite struct GeoJSONOutputTests {
  /// More features than one block: the file is one valid collection with every feature once, in
  /// order, the blocks joined by the same separator as the features within a block.
  @Test func featuresAcrossBlocksAreWrittenOnceInOrder() throws {
    let count = 8192 + 3
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nbhd-geojson-output-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("points.geojson").path
    try GeoJSONOutput(workingCRS: "OGC:CRS84").write(count: count, threads: 2, to: path) { k in
      (FlatGeometry.point(x: Double(k), y: -1), ["k": .number(Double(k))])
    }
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.hasPrefix("{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\""))
    #expect(text.hasSuffix("}\n]}\n"))
    #expect(text.components(separatedBy: ",\n{\"type\":\"Feature\"").count == count)
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let features = try #require(json["features"] as? [[String: Any]])
    #expect(features.count == count)
    let ks = features.map { ($0["properties"] as? [String: Any])?["k"] as? Int }
    #expect(ks == (0..<count).map { $0 })
    let last = try #require(features.last?["geometry"] as? [String: Any])
    #expect(last["coordinates"] as? [Double] == [Double(count - 1), -1])
  }
}
