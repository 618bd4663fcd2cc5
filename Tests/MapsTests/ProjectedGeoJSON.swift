import Foundation
import GeoCore

/// A test-only reader for GeoJSON already projected to EPSG:27700 by
/// tools/prepare_map_fixtures.py (the project's own reader lives in another module and is not a
/// dependency of Maps). Foundation's JSONSerialization is slow but plenty for fixtures.
struct ProjectedFeature {
  var properties: [String: Any]
  var geometry: FlatGeometry

  func string(_ key: String) -> String? {
    switch properties[key] {
    case let s as String: s
    case let n as NSNumber: n.stringValue
    default: nil
    }
  }

  func number(_ key: String) -> Double? {
    (properties[key] as? NSNumber)?.doubleValue
  }
}

enum ProjectedGeoJSON {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures/maps")

  static func read(_ path: String) throws -> [ProjectedFeature] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let features = root["features"] as? [[String: Any]]
    else { throw Failure(description: "\(path): not a FeatureCollection") }
    return try features.enumerated().map { index, feature in
      guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String,
        let coordinates = geometry["coordinates"]
      else { throw Failure(description: "\(path): feature \(index) has no geometry") }
      return ProjectedFeature(
        properties: feature["properties"] as? [String: Any] ?? [:],
        geometry: try flat(type: type, coordinates: coordinates, path: path, index: index))
    }
  }

  private static func flat(type: String, coordinates: Any, path: String, index: Int) throws -> FlatGeometry {
    func position(_ value: Any) throws -> (Double, Double) {
      guard let pair = value as? [NSNumber], pair.count >= 2 else {
        throw Failure(description: "\(path): feature \(index) has a bad position")
      }
      return (pair[0].doubleValue, pair[1].doubleValue)
    }
    func rings(_ value: Any) throws -> [[(Double, Double)]] {
      guard let rings = value as? [[Any]] else {
        throw Failure(description: "\(path): feature \(index) has bad rings")
      }
      return try rings.map { try $0.map(position) }
    }
    switch type {
    case "Point":
      let (x, y) = try position(coordinates)
      return .point(x: x, y: y)
    case "Polygon":
      return .polygon(try rings(coordinates))
    case "MultiPolygon":
      guard let polygons = coordinates as? [Any] else {
        throw Failure(description: "\(path): bad MultiPolygon")
      }
      return .multiPolygon(try polygons.map { try rings($0) })
    default:
      throw Failure(description: "\(path): feature \(index): \(type) is not supported by the fixture reader")
    }
  }

  /// The Trafford wards extract (5 wards around Altrincham, full resolution, EPSG:27700).
  static func traffordSouthWards() throws -> [ProjectedFeature] {
    try read(fixtures.appendingPathComponent("trafford_wards23_south_27700.geojson").path)
  }
}
