import GeoCore

/// What the loader needs to know of the input geometries before it decides the working CRS,
/// read in one pass: each feature's bounding box, their extent and the counts of geometry
/// types. (Three passes over 35,000 features, each touching every geometry's buffers, cost more
/// than the coordinates they read.)
struct GeometrySummary {
  /// Each feature's bounding box; empty for a null or empty geometry.
  var boxes: [BoundingBox]
  /// The box of every feature.
  var extent = BoundingBox.empty
  /// How many features have each geometry type ("MultiPolygon", "empty Polygon", "null"), in
  /// order of first appearance.
  var types: [(type: String, count: Int)] = []

  init(_ features: [Feature]) {
    boxes = []
    boxes.reserveCapacity(features.count)
    // A type is counted under a small number (null, empty kind, kind) and named at the end.
    let kinds = GeometryKind.allCases.count
    var counts = [Int](repeating: 0, count: 1 + 2 * kinds)
    var order: [Int] = []
    features.withUnsafeBufferPointer { features in
      for index in features.indices {
        let key: Int
        if let geometry = features[index].geometry {
          let box = geometry.boundingBox
          boxes.append(box)
          extent.include(box)
          key = 1 + (geometry.isEmpty ? 0 : kinds) + Int(geometry.kind.rawValue)
        } else {
          boxes.append(.empty)
          key = 0
        }
        if counts[key] == 0 { order.append(key) }
        counts[key] += 1
      }
    }
    types = order.map { key in
      guard key > 0 else { return ("null", counts[key]) }
      let kind = GeometryKind.allCases[(key - 1) % kinds]
      return (key - 1 < kinds ? "empty \(kind)" : "\(kind)", counts[key])
    }
  }
}
