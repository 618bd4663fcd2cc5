import GeoCore
import PlanarKernel

extension PlanarArrangement {
  /// The area of the faces whose cycles `inside` picks (cycle outlines subtract the faces of the
  /// linework nested in them, see the type's doc).
  func area(where inside: (Int) -> Bool) -> Double {
    var twice = 0.0
    for cycle in 0..<cycleCount where inside(cycle) { twice += cycleDoubleArea[cycle] }
    return twice / 2
  }

  /// The region of each label as a MultiPolygon: `labels[cycle]` names the region a cycle's face
  /// belongs to (−1 for none). Rings follow the edges where the label changes, keeping the
  /// region on their left (shells counter-clockwise, holes clockwise) and turning as tightly as
  /// possible at each vertex, so a region pinched at a vertex gives rings that touch there
  /// rather than one ring crossing itself. Each hole goes to the smallest shell around it.
  func polygons(labels: [Int32]) -> [Int32: FlatGeometry] {
    var visited = [Bool](repeating: false, count: halfEdgeCount)
    var positions = [Int32](repeating: -1, count: vertexXY.count / 2)
    var rings: [Int32: [[Double]]] = [:]
    func label(_ h: Int) -> Int32 { labels[Int(cycleOf[h])] }
    func isBorder(_ h: Int, _ region: Int32) -> Bool { label(h) == region && label(h ^ 1) != region }
    for h0 in 0..<halfEdgeCount where !visited[h0] {
      let region = label(h0)
      guard region >= 0, label(h0 ^ 1) != region else { continue }
      var ring: [Int32] = []
      var h = h0
      repeat {
        visited[h] = true
        ring.append(origin[h])
        // Around h's end, clockwise from its twin, to the next edge where the region ends.
        var g = Int(next[h])
        while !isBorder(g, region) { g = Int(next[g ^ 1]) }
        h = g
      } while h != h0
      for loop in Self.simpleLoops(ring, positions: &positions) {
        // From its lowest, then leftmost, vertex, as `assemble` takes rings.
        var first = 0
        for i in 1..<loop.count {
          let v = loop[i], w = loop[first]
          if (y(v), x(v)) < (y(w), x(w)) { first = i }
        }
        var coordinates: [Double] = []
        coordinates.reserveCapacity(2 * loop.count)
        for v in loop[first...] {
          coordinates.append(x(v))
          coordinates.append(y(v))
        }
        for v in loop[..<first] {
          coordinates.append(x(v))
          coordinates.append(y(v))
        }
        rings[region, default: []].append(coordinates)
      }
    }
    var result: [Int32: FlatGeometry] = [:]
    for (region, list) in rings { result[region] = Self.assemble(list) }
    return result
  }

  /// Rings smaller than this (m²) are left out of output geometry.
  static let smallestRingArea = 1e-6

  /// A traced ring cut at every vertex it passes twice. Turning tightly splits a region pinched
  /// at a vertex, but where the ground outside pinches (a hole touching its shell at a vertex)
  /// the ring runs round the hole and back: cut there, it is the shell and the hole, touching
  /// at that vertex, as a valid polygon has them.
  /// `positions` has one entry per vertex, all −1, and is left so.
  static func simpleLoops(_ ring: [Int32], positions: inout [Int32]) -> [[Int32]] {
    var loops: [[Int32]] = []
    var path: [Int32] = []
    for v in ring {
      let start = Int(positions[Int(v)])
      if start >= 0 {
        loops.append(Array(path[start...]))
        for w in path[(start + 1)...] { positions[Int(w)] = -1 }
        path.removeSubrange((start + 1)...)
      } else {
        positions[Int(v)] = Int32(path.count)
        path.append(v)
      }
    }
    for v in path { positions[Int(v)] = -1 }
    if path.count >= 3 { loops.append(path) }
    return loops.filter { $0.count >= 3 }
  }

  /// Shells (counter-clockwise) and holes (clockwise) as one MultiPolygon, the polygons in the
  /// order of their rings' first vertices, so the output does not depend on how edges were
  /// numbered. Each ring comes starting at its lowest-then-leftmost vertex (`polygons` traces
  /// them so).
  static func assemble(_ rings: [[Double]]) -> FlatGeometry {
    // Rings, areas, boxes and first vertices side by side, so the search for each hole's shell
    // and the sorts touch plain numbers (a tuple holding the ring retained it at every step).
    var shells: [[Double]] = [], shellAreas: [Double] = [], shellBoxes: [BoundingBox] = []
    var holes: [[Double]] = [], holeBoxes: [BoundingBox] = []
    for ring in rings {
      let area = doubleArea(ring)
      // Rings under a square millimetre are noding dust where three or more lines nearly meet
      // (a face of a few square nanometres given the wrong side): left out of the geometry,
      // which keeps it valid; areas are summed over faces and do not change.
      guard abs(area) >= 2 * Self.smallestRingArea else { continue }
      if area > 0 {
        shells.append(ring)
        shellAreas.append(area)
        shellBoxes.append(boxOf(ring))
      } else {
        holes.append(ring)
        holeBoxes.append(boxOf(ring))
      }
    }
    var holesOf = [[Int]](repeating: [], count: shells.count)
    for h in holes.indices {
      var best: Int?
      let box = holeBoxes[h]
      for s in shells.indices where shellBoxes[s].contains(box) {
        if let b = best, shellAreas[b] <= shellAreas[s] { continue }
        if ringContains(shells[s], anyPointOf: holes[h]) { best = s }
      }
      if let best { holesOf[best].append(h) }
    }
    let shellStarts = shells.map { ($0[1], $0[0]) }, holeStarts = holes.map { ($0[1], $0[0]) }
    let order = shells.indices.sorted { shellStarts[$0] < shellStarts[$1] }
    var builder = FlatGeometryBuilder(kind: .multiPolygon)
    for s in order {
      appendRing(shells[s], to: &builder)
      let ordered = holesOf[s].count > 1 ? holesOf[s].sorted { holeStarts[$0] < holeStarts[$1] } : holesOf[s]
      for h in ordered { appendRing(holes[h], to: &builder) }
      builder.closePart()
    }
    return builder.geometry
  }

  private static func appendRing(_ ring: [Double], to builder: inout FlatGeometryBuilder) {
    for i in stride(from: 0, to: ring.count, by: 2) { builder.append(x: ring[i], y: ring[i + 1]) }
    builder.append(x: ring[0], y: ring[1])
    builder.closeRing()
  }

  /// The ring (open: first vertex not repeated) rotated to start at its lowest, then leftmost,
  /// vertex.
  private static func doubleArea(_ ring: [Double]) -> Double {
    let n = ring.count / 2
    var sum = 0.0
    for i in 0..<n {
      let j = (i + 1) % n
      sum += ring[2 * i] * ring[2 * j + 1] - ring[2 * j] * ring[2 * i + 1]
    }
    return sum
  }

  private static func boxOf(_ ring: [Double]) -> BoundingBox {
    var box = BoundingBox.empty
    for i in stride(from: 0, to: ring.count, by: 2) {
      box.include(BoundingBox(minX: ring[i], minY: ring[i + 1], maxX: ring[i], maxY: ring[i + 1]))
    }
    return box
  }

  /// Whether `shell` holds the first vertex of `ring` that is not on its boundary (a hole may
  /// touch its shell at a vertex), by an even–odd ray test with exact turn signs.
  private static func ringContains(_ shell: [Double], anyPointOf ring: [Double]) -> Bool {
    for i in stride(from: 0, to: ring.count, by: 2) {
      if let inside = ringContains(shell, ring[i], ring[i + 1]) { return inside }
    }
    return false
  }

  /// True inside, false outside, nil on the boundary.
  static func ringContains(_ ring: [Double], _ px: Double, _ py: Double) -> Bool? {
    let n = ring.count / 2
    var inside = false
    for i in 0..<n {
      let j = (i + 1) % n
      let ax = ring[2 * i], ay = ring[2 * i + 1], bx = ring[2 * j], by = ring[2 * j + 1]
      if (ax == px && ay == py) { return nil }
      let (lowX, lowY, highX, highY) = ay < by ? (ax, ay, bx, by) : (bx, by, ax, ay)
      if lowY == highY {
        if py == lowY && min(lowX, highX) <= px && px <= max(lowX, highX) { return nil }
        continue
      }
      guard lowY <= py, py <= highY else { continue }
      let turn = ExactOrientation.sign(lowX, lowY, highX, highY, px, py)
      if turn == 0 { return nil }
      // Half-open in y so a vertex on the ray is counted once.
      if turn > 0 && py < highY { inside.toggle() }
    }
    return inside
  }
}
