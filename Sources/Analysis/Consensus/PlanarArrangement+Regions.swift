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
    var rings: [Int32: [[Double]]] = [:]
    func label(_ h: Int) -> Int32 { labels[Int(cycleOf[h])] }
    func isBorder(_ h: Int, _ region: Int32) -> Bool { label(h) == region && label(h ^ 1) != region }
    for h0 in 0..<halfEdgeCount where !visited[h0] {
      let region = label(h0)
      guard region >= 0, label(h0 ^ 1) != region else { continue }
      var ring: [Double] = []
      var h = h0
      repeat {
        visited[h] = true
        let v = origin[h]
        ring.append(x(v))
        ring.append(y(v))
        // Around h's end, clockwise from its twin, to the next edge where the region ends.
        var g = Int(next[h])
        while !isBorder(g, region) { g = Int(next[g ^ 1]) }
        h = g
      } while h != h0
      rings[region, default: []].append(ring)
    }
    var result: [Int32: FlatGeometry] = [:]
    for (region, list) in rings { result[region] = Self.assemble(list) }
    return result
  }

  /// Shells (counter-clockwise) and holes (clockwise) as one MultiPolygon, each ring starting at
  /// its lowest-then-leftmost vertex and the polygons in that vertex's order, so the output
  /// does not depend on how edges were numbered.
  static func assemble(_ rings: [[Double]]) -> FlatGeometry {
    var shells: [(ring: [Double], area: Double, box: BoundingBox)] = []
    var holes: [(ring: [Double], box: BoundingBox)] = []
    for ring in rings {
      let canonical = canonicalRing(ring)
      let area = doubleArea(canonical)
      let box = boxOf(canonical)
      if area > 0 {
        shells.append((canonical, area, box))
      } else if area < 0 {
        holes.append((canonical, box))
      }
    }
    var holesOf = [[Int]](repeating: [], count: shells.count)
    for (h, hole) in holes.enumerated() {
      var best: Int?
      for (s, shell) in shells.enumerated() where shell.box.contains(hole.box) {
        if let b = best, shells[b].area <= shell.area { continue }
        if ringContains(shell.ring, anyPointOf: hole.ring) { best = s }
      }
      if let best { holesOf[best].append(h) }
    }
    let order = shells.indices.sorted { a, b in
      let ra = shells[a].ring, rb = shells[b].ring
      return (ra[1], ra[0]) < (rb[1], rb[0])
    }
    var builder = FlatGeometryBuilder(kind: .multiPolygon)
    for s in order {
      appendRing(shells[s].ring, to: &builder)
      let ordered = holesOf[s].sorted { a, b in
        (holes[a].ring[1], holes[a].ring[0]) < (holes[b].ring[1], holes[b].ring[0])
      }
      for h in ordered { appendRing(holes[h].ring, to: &builder) }
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
  private static func canonicalRing(_ ring: [Double]) -> [Double] {
    let n = ring.count / 2
    var first = 0
    for i in 1..<n where (ring[2 * i + 1], ring[2 * i]) < (ring[2 * first + 1], ring[2 * first]) { first = i }
    if first == 0 { return ring }
    return Array(ring[(2 * first)...] + ring[..<(2 * first)])
  }

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
