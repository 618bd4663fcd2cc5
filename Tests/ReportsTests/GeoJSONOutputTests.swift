import Foundation
import GeoCore
import PROJ
import Reports
import TestSupport
import Testing

/// GeoJSON output written a block at a time.
@Suite struct GeoJSONOutputTests {
  /// More features than one block: the file is one valid collection with every feature once, in
  /// order, the blocks joined by the same separator as the features within a block.
  @Test func featuresAcrossBlocksAreWrittenOnceInOrder() throws {
    let count = 8192 + 3
    let directory = try Scratch.folder("nbhd-geojson-output")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/points.geojson"
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

  /// Reprojected output, where neighbouring features share vertices and each distinct vertex is
  /// reprojected once per block: every feature holds exactly the coordinates PROJ gives for it
  /// alone, across the block boundary and around features without geometry.
  @Test func sharedVerticesAreReprojectedAsEachFeatureAlone() throws {
    let count = 8192 + 40
    @Sendable func square(_ k: Int) -> FlatGeometry? {
      guard k % 1000 != 7 else { return nil }
      let (x, y) = (400_000 + 10 * Double(k % 60), 300_000 + 10 * Double(k / 60))
      return .polygon([[(x, y), (x + 10, y), (x + 10, y + 10), (x, y + 10), (x, y)]])
    }
    let directory = try Scratch.folder("nbhd-geojson-output")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/squares.geojson"
    try GeoJSONOutput(workingCRS: "EPSG:27700").write(count: count, threads: 2, to: path) { k in
      (square(k), ["k": .number(Double(k))])
    }
    let recipe = try TransformerRecipe.best(
      from: try CoordinateReferenceSystem.resolved("EPSG:27700"),
      to: try CoordinateReferenceSystem.resolved("OGC:CRS84"))
    let alone = try Transformer(recipe)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    let features = try #require(json["features"] as? [[String: Any]])
    #expect(features.count == count)
    func key(_ x: Double, _ y: Double) -> String { String(format: "%.6f %.6f", x, y) }
    var checked = 0
    for (k, feature) in features.enumerated() {
      guard let geometry = square(k) else {
        #expect(feature["geometry"] is NSNull)
        continue
      }
      let expected = try alone.transformed(geometry)
      let wanted = Set((0..<expected.pointCount).map { key(expected.x($0), expected.y($0)) })
      let written = try #require(
        ((feature["geometry"] as? [String: Any])?["coordinates"] as? [[[Double]]])?.first)
      #expect(Set(written.map { key($0[0], $0[1]) }) == wanted, "feature \(k)")
      checked += 1
    }
    #expect(checked == count - 9)
    // EPSG:27700 (400000, 300000) is (-2.0014331, 52.5977924) by pyproj 3.7.2 (the same
    // Helmert operation, no grid).
    let first = try #require(
      ((features[0]["geometry"] as? [String: Any])?["coordinates"] as? [[[Double]]])?.first?.first)
    #expect(abs(first[0] - -2.001433) < 1.5e-6 && abs(first[1] - 52.597792) < 1.5e-6)
  }
}
