import GeoCore

/// The edges a layer's features share with a neighbour: an edge drawn once by each of two
/// features, in opposite directions once both are turned to keep their interior on the left
/// (so one feature lies on each side). Gaps and overlaps can only border the other, free
/// edges, so a gap search need union only the features that have some.
struct SharedEdges: Sendable {
  /// An edge by its ends, lower (x, y) first.
  struct Key: Hashable, Comparable, Sendable {
    var x0: Double, y0: Double, x1: Double, y1: Double

    /// The key of the edge from (ax, ay) to (bx, by), and its direction (+1 when it runs from
    /// the key's first end).
    static func of(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> (key: Key, direction: Int32) {
      (ax, ay) < (bx, by)
        ? (Key(x0: ax, y0: ay, x1: bx, y1: by), 1) : (Key(x0: bx, y0: by, x1: ax, y1: ay), -1)
    }

    static func < (a: Key, b: Key) -> Bool { (a.x0, a.y0, a.x1, a.y1) < (b.x0, b.y0, b.x1, b.y1) }
  }

  /// One feature's drawing of an edge.
  private struct Drawing {
    var key: Key
    var direction: Int32
    var feature: Int32
  }

  /// The shared edges, ascending (each once).
  private let shared: [Key]
  /// For each feature, whether some edge of it is not shared (or it is not a polygon).
  let hasFreeEdge: [Bool]

  /// Every edge of every feature, sorted so the drawings of one edge sit together: an array
  /// and a sort hold about half the memory of a hash table of the national layers' half a
  /// million edges, and need no second pass over the features to find the free ones.
  init(_ geometries: [FlatGeometry]) {
    var drawings: [Drawing] = []
    drawings.reserveCapacity(geometries.reduce(0) { $0 + $1.pointCount })
    var free = [Bool](repeating: false, count: geometries.count)
    for (f, geometry) in geometries.enumerated() {
      if !geometry.kind.isPolygonal || !geometry.members.isEmpty { free[f] = true }
      Self.forEachEdge(geometry) { key, direction in
        drawings.append(Drawing(key: key, direction: direction, feature: Int32(f)))
      }
    }
    drawings.sort { $0.key < $1.key }
    var shared: [Key] = []
    shared.reserveCapacity(drawings.count / 2)
    var start = 0
    while start < drawings.count {
      let key = drawings[start].key
      var end = start + 1, direction = drawings[start].direction
      while end < drawings.count && drawings[end].key == key {
        direction += drawings[end].direction
        end += 1
      }
      if end - start == 2 && direction == 0 {
        shared.append(key)
      } else {
        for k in start..<end { free[Int(drawings[k].feature)] = true }
      }
      start = end
    }
    self.shared = shared
    hasFreeEdge = free
  }

  /// Whether the segment from (ax, ay) to (bx, by), either way round, is a shared edge: drawn by
  /// exactly two features, one on each side.
  func isShared(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Bool {
    let key = Key.of(ax, ay, bx, by).key
    var low = 0, high = shared.count
    while low < high {
      let middle = (low + high) / 2
      if shared[middle] < key { low = middle + 1 } else { high = middle }
    }
    return low < shared.count && shared[low] == key
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
