import GeoCore

/// What happened to an asset between the two dates.
public enum AssetStatus: String, Sendable, Hashable, CaseIterable {
  /// In the before file only, with no asset of its category left within the moved distance.
  case closed
  /// In the before file only, with an after asset of its category within the moved distance
  /// (inclusive): most often two practices merged into one at the same site.
  case mergedAtSite = "merged_at_site"
  /// In the after file only.
  case opened
  /// In both, more than the moved distance apart.
  case moved
  /// In both, within the moved distance.
  case stayed

  /// Closed or merged: the asset is gone from the after file.
  public var isGone: Bool { self == .closed || self == .mergedAtSite }
}

/// How before and after assets were paired.
public enum AssetMatchingMethod: Sendable, Hashable {
  /// By a field present and unique (per category) in both vintages.
  case identifier(field: String)
  /// By location (no usable id field): the reasons the candidate fields could not be used.
  case location(reasons: [String])
}

/// One asset's fate: where it was (`before`, a position in the before set) and where it is
/// (`after`), and the distance between the two (moved, stayed), or for a merged asset the
/// distance to the nearest after asset.
public struct AssetChange: Sendable, Hashable {
  /// The asset's category.
  public var category: String
  /// Its id (the matching field's value, or the loader's id).
  public var id: String
  /// Its name, when the file has one.
  public var name: String?
  /// What happened to it.
  public var status: AssetStatus
  /// Its position in the before asset set (nil for an opened asset).
  public var before: Int?
  /// Its position in the after asset set (nil for a gone asset).
  public var after: Int?
  /// Metres between its two positions (moved, stayed), or to the nearest after asset (merged).
  public var distance: Double?
  /// For gone assets: the ground only it reached (its reach less the other before assets' reach
  /// and less the reach after), its area and people.
  public var soleReachArea: Double?
  /// People in the sole reach (with a population layer).
  public var soleReachPopulation: Double?
  /// For gone assets: how many other before assets of its category stood at exactly the same
  /// spot (they share its reach, so none of them has any reach alone).
  public var sharesSpotWith: Int = 0

  /// Whether the asset stood in the before set and is gone: the ones whose sole reach is
  /// measured.
  var needsSoleReach: Bool { status.isGone && before != nil }
}

/// Pairs the assets of one category across the two dates.
enum AssetMatching {
  /// The point an asset is measured from: a point asset's point, a polygon's area centroid
  /// (its first vertex when it has no area).
  static func location(of asset: FlatGeometry) -> (x: Double, y: Double) {
    guard asset.kind.isPolygonal else { return (asset.x(0), asset.y(0)) }
    var a = 0.0, cx = 0.0, cy = 0.0
    for ring in 0..<asset.ringCount {
      let range = asset.pointRange(ofRing: ring)
      guard range.count >= 2 else { continue }
      let ox = asset.x(range.lowerBound), oy = asset.y(range.lowerBound)
      for i in range.dropLast() {
        let x0 = asset.x(i) - ox, y0 = asset.y(i) - oy, x1 = asset.x(i + 1) - ox, y1 = asset.y(i + 1) - oy
        let cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross + 3 * ox * cross
        cy += (y0 + y1) * cross + 3 * oy * cross
      }
    }
    guard a != 0 else { return (asset.x(0), asset.y(0)) }
    return (cx / (3 * a), cy / (3 * a))
  }

  static func distance(_ a: FlatGeometry, _ b: FlatGeometry) -> Double {
    let p = location(of: a), q = location(of: b)
    return ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
  }

  /// Matches `before` and `after` (the assets of one category, in input order) by `keys` when
  /// given (the id of each asset, unique on each side), otherwise by location. Rows come in
  /// before order, then the opened assets in after order.
  static func match(
    category: String, before: [AssetSet.Asset], after: [AssetSet.Asset], beforePositions: [Int],
    afterPositions: [Int], keys: (before: [String], after: [String])?, movedDistance: Double
  ) -> [AssetChange] {
    var partner = [Int?](repeating: nil, count: before.count)
    var taken = [Bool](repeating: false, count: after.count)
    if let keys {
      // Keys are unique (ChangeAnalysis.identifier checks); the first wins if they were not.
      let afterByKey = Dictionary(
        keys.after.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
      for (b, key) in keys.before.enumerated() {
        if let a = afterByKey[key] {
          partner[b] = a
          taken[a] = true
        }
      }
    } else {
      // Closest pairs first, one to one; ties by before then after input order.
      let index = BoxIndex(after.map(\.geometry.boundingBox))
      var pairs: [(distance: Double, b: Int, a: Int)] = []
      for (b, asset) in before.enumerated() {
        // Locations lie inside their boxes, so a partner's box meets this one grown by the distance.
        for a in index.items(intersecting: asset.geometry.boundingBox.expanded(by: movedDistance)) {
          let d = distance(asset.geometry, after[a].geometry)
          if d <= movedDistance { pairs.append((d, b, a)) }
        }
      }
      pairs.sort { ($0.distance, $0.b, $0.a) < ($1.distance, $1.b, $1.a) }
      for pair in pairs where partner[pair.b] == nil && !taken[pair.a] {
        partner[pair.b] = pair.a
        taken[pair.a] = true
      }
    }
    let nearestAfter = NearestAsset(after.map(\.geometry))
    var rows: [AssetChange] = []
    for (b, asset) in before.enumerated() {
      var row = AssetChange(
        category: category, id: asset.id, name: asset.name, status: .stayed, before: beforePositions[b])
      if let a = partner[b] {
        let d = distance(asset.geometry, after[a].geometry)
        row.after = afterPositions[a]
        row.distance = d
        row.status = d > movedDistance ? .moved : .stayed
      } else {
        let p = location(of: asset.geometry)
        let d = nearestAfter.distance(x: p.x, y: p.y, startingAt: movedDistance)
        row.status = (d.map { $0 <= movedDistance } ?? false) ? .mergedAtSite : .closed
        row.distance = row.status == .mergedAtSite ? d : nil
      }
      rows.append(row)
    }
    for (a, asset) in after.enumerated() where !taken[a] {
      rows.append(
        AssetChange(
          category: category, id: asset.id, name: asset.name, status: .opened, after: afterPositions[a]))
    }
    return rows
  }
}
