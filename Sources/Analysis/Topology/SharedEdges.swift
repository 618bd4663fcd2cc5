import GeoCore

/// The edges a layer's features share with a neighbour: an edge drawn once by each of two
/// features, in opposite directions once both are turned to keep their interior on the left
/// (so one feature lies on each side). Gaps and overlaps can only border the other, free
/// edges, so a gap search need union only the features that have some.
struct SharedEdges {
  /// An edge by its ends, lower (x, y) first.
  struct Key: Hashable {
    var x0: Double, y0: Double, x1: Double, y1: Double

    /// The key of the edge from (ax, ay) to (bx, by), and its direction (+1 when it runs from
    /// the key's first end).
    static func of(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> (key: Key, direction: Int32) {
      (ax, ay) < (bx, by)
        ? (Key(x0: ax, y0: ay, x1: bx, y1: by), 1) : (Key(x0: bx, y0: by, x1: ax, y1: ay), -1)
    }
  }

  /// How many features draw an edge, and the sum of their directions (+1 lower end first).
  struct Tally {
    var count: Int32 = 0
    var direction: Int32 = 0

    mutating func add(_ direction: Int32) {
      count += 1
      self.direction += direction
    }
  }

  private var tally: [Key: Tally] = [:]
  /// For each feature, whether some edge of it is not shared (or it is not a polygon).
  private(set) var hasFreeEdge: [Bool] = []

  init(_ geometries: [FlatGeometry], threads: Int) throws {
    tally.reserveCapacity(geometries.reduce(0) { $0 + $1.pointCount })
    for geometry in geometries {
      Self.forEachEdge(geometry) { key, direction in tally[key, default: Tally()].add(direction) }
    }
    let counts = tally
    hasFreeEdge = try ParallelChunks.map(
      count: geometries.count, threads: threads, chunkSize: 256, makeWorker: {}
    ) { _, f in
      let geometry = geometries[f]
      guard geometry.kind.isPolygonal, geometry.members.isEmpty else { return true }
      var free = false
      Self.forEachEdge(geometry) { key, _ in
        if !free && !Self.isShared(counts[key]) { free = true }
      }
      return free
    }
  }

  /// Whether the edge is drawn by exactly two features, one on each side.
  private static func isShared(_ entry: Tally?) -> Bool {
    guard let entry else { return false }
    return entry.count == 2 && entry.direction == 0
  }

  /// Whether the segment from (ax, ay) to (bx, by), either way round, is a shared edge.
  func isShared(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Bool {
    Self.isShared(tally[Key.of(ax, ay, bx, by).key])
  }

  /// Every edge of a polygonal geometry, turned so its interior lies on the left, as its key
  /// and direction (+1 when it runs from the key's first end).
  private static func forEachEdge(_ geometry: FlatGeometry, _ body: (Key, Int32) -> Void) {
    guard geometry.kind.isPolygonal else { return }
    for part in 0..<geometry.partCount {
      let rings = geometry.ringRange(ofPart: part)
      for ring in rings {
        let interiorLeft = (ring == rings.lowerBound) == (geometry.signedDoubleArea(ofRing: ring) > 0)
        let points = geometry.pointRange(ofRing: ring)
        for i in points.lowerBound..<max(points.lowerBound, points.upperBound - 1) {
          var (ax, ay, bx, by) = (geometry.x(i), geometry.y(i), geometry.x(i + 1), geometry.y(i + 1))
          if ax == bx && ay == by { continue }
          if !interiorLeft { (ax, ay, bx, by) = (bx, by, ax, ay) }
          let edge = Key.of(ax, ay, bx, by)
          body(edge.key, edge.direction)
        }
      }
    }
  }
}
