import GeoCore

/// Distances from points to the nearest asset of a category, by searching the asset index in
/// growing squares until the nearest found is closer than the square's half-width.
struct NearestAsset: Sendable {
  let assets: [FlatGeometry]
  let index: BoxIndex
  let extent: BoundingBox

  init(_ assets: [FlatGeometry]) {
    self.assets = assets
    self.index = BoxIndex(assets.map(\.boundingBox))
    self.extent = assets.reduce(into: BoundingBox.empty) { $0.include($1.boundingBox) }
  }

  /// Straight-line distance from (x, y) to the nearest asset (0 inside a polygon asset); nil
  /// when there are no assets.
  func distance(x: Double, y: Double, startingAt start: Double) -> Double? {
    guard !assets.isEmpty else { return nil }
    var half = max(start, 1)
    let reach = max(extent.width, extent.height) + abs(x - extent.minX) + abs(y - extent.minY) + 1
    while true {
      let box = BoundingBox(minX: x - half, minY: y - half, maxX: x + half, maxY: y + half)
      var best = Double.infinity
      index.forEachItem(intersecting: box) { best = min(best, Self.distance(from: (x, y), to: assets[$0])) }
      if best <= half || half > reach { return best.isFinite ? best : nil }
      // An asset found at `best` means the nearest is no further: a square a hair wider than
      // that holds it and every closer one, so one more search settles it (doubling could take
      // several).
      half = best.isFinite ? best * (1 + 1e-9) : half * 2
    }
  }

  static func distance(from point: (Double, Double), to asset: FlatGeometry) -> Double {
    if asset.kind.isPuntal {
      var best = Double.infinity
      for i in 0..<asset.pointCount {
        let dx = asset.x(i) - point.0, dy = asset.y(i) - point.1
        best = min(best, (dx * dx + dy * dy).squareRoot())
      }
      return best
    }
    if asset.kind.isPolygonal, asset.contains(x: point.0, y: point.1) { return 0 }
    return asset.distanceToLinework(x: point.0, y: point.1)
  }
}

extension FlatGeometry {
  /// Even–odd point-in-polygon test over every ring (valid polygons: shells and holes).
  public func contains(x px: Double, y py: Double) -> Bool {
    guard kind.isPolygonal else { return false }
    var inside = false
    for ring in 0..<ringCount {
      let range = pointRange(ofRing: ring)
      guard range.count >= 4 else { continue }
      var j = range.upperBound - 1
      for i in range {
        let xi = x(i), yi = y(i), xj = x(j), yj = y(j)
        if (yi > py) != (yj > py), px < (xj - xi) * (py - yi) / (yj - yi) + xi { inside.toggle() }
        j = i
      }
    }
    return inside
  }
}
