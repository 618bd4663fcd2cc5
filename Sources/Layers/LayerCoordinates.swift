import GeoCore
import PROJ

/// Every coordinate of a layer's geometries in one flat buffer, so the layer is reprojected in
/// one batch (each distinct vertex once, on every thread: see
/// `TransformerRecipe.transformDistinct`) instead of one small PROJ call per feature, and each
/// geometry then takes its reprojected coordinates back.
struct LayerCoordinates: Sendable {
  /// Where entry `k`'s coordinates start in `values`, or -1 when it has no geometry here.
  private(set) var starts: [Int]
  /// Interleaved x, y of every geometry in entry order; a geometry's own coordinates come
  /// before those of its members (depth first).
  var values: [Double]

  /// The coordinates of `geometry(k)` for `k` in `0..<count` (nil: nothing to reproject).
  init(count: Int, geometry: (Int) -> FlatGeometry?) {
    starts = [Int](repeating: -1, count: count)
    values = []
    var total = 0
    for k in 0..<count {
      if let flat = geometry(k) { total += Self.valueCount(flat) }
    }
    values.reserveCapacity(total)
    for k in 0..<count {
      guard let flat = geometry(k) else { continue }
      starts[k] = values.count
      Self.append(flat, to: &values)
    }
  }

  /// The coordinates of the features at `positions` (all when nil) that the loader will
  /// reproject: those with a geometry that is not empty and is of the `expected` type.
  static func reprojected(_ features: [Feature], positions: [Int]?, expected: ExpectedGeometry)
    -> LayerCoordinates
  {
    features.withUnsafeBufferPointer { features in
      LayerCoordinates(count: positions?.count ?? features.count) { k in
        let geometry = features[positions?[k] ?? k].geometry
        return PreparedFeatures.exclusion(of: geometry, expected: expected) == nil ? geometry : nil
      }
    }
  }

  /// Replaces the coordinates of `geometry`, entry `k`'s geometry as given to `init`, with those
  /// now in `values`.
  func place(into geometry: inout FlatGeometry, at k: Int) {
    var start = starts[k]
    precondition(start >= 0, "entry \(k) has no coordinates here")
    place(into: &geometry, from: &start)
  }

  private func place(into geometry: inout FlatGeometry, from start: inout Int) {
    let end = start + geometry.coordinates.count
    geometry.coordinates = Array(values[start..<end])
    start = end
    for index in geometry.members.indices { place(into: &geometry.members[index], from: &start) }
  }

  private static func valueCount(_ geometry: FlatGeometry) -> Int {
    geometry.members.reduce(geometry.coordinates.count) { $0 + valueCount($1) }
  }

  private static func append(_ geometry: FlatGeometry, to values: inout [Double]) {
    values.append(contentsOf: geometry.coordinates)
    for member in geometry.members { append(member, to: &values) }
  }
}
