import GeoCore

/// The three passes that build an `ArcTopology`: number the vertices and rings, find the
/// junctions, cut every ring into arcs (reusing an arc already cut from a neighbour's ring).
struct ArcTopologyBuilder {
  private var index: PairIndex
  private(set) var vertexCoordinates: [Double] = []
  /// Vertex ids of every ring without the closing repeat (and without consecutive repeats).
  private var ringVertices: [Int32] = []
  private var ringVertexOffsets = [0]
  private(set) var ringFeature: [Int32] = []
  private(set) var ringPart: [Int32] = []
  private(set) var ringIsShell: [Bool] = []
  private(set) var featureRingOffsets = [0]
  private var isJunction: [Bool] = []

  private(set) var arcVertices: [Int32] = []
  private(set) var arcOffsets = [0]
  private(set) var ringArcs: [Int32] = []
  private(set) var ringArcOffsets = [0]

  init(expectedVertices: Int) {
    index = PairIndex(expected: expectedVertices / 2 + 16)
    vertexCoordinates.reserveCapacity(expectedVertices)
    ringVertices.reserveCapacity(expectedVertices)
  }

  /// Numbers the vertices of every ring of one feature.
  mutating func addFeature(_ geometry: FlatGeometry, index feature: Int) {
    defer { featureRingOffsets.append(ringFeature.count) }
    guard geometry.kind.isPolygonal else { return }
    for part in 0..<geometry.partCount {
      for (position, ring) in geometry.ringRange(ofPart: part).enumerated() {
        let start = ringVertices.count
        for i in geometry.pointRange(ofRing: ring) {
          let id = vertexID(x: geometry.x(i), y: geometry.y(i))
          if ringVertices.count == start || ringVertices[ringVertices.count - 1] != id {
            ringVertices.append(id)
          }
        }
        if ringVertices.count - start > 1 && ringVertices[start] == ringVertices[ringVertices.count - 1] {
          ringVertices.removeLast()
        }
        guard ringVertices.count - start >= 3 else {
          ringVertices.removeSubrange(start...)
          continue
        }
        ringVertexOffsets.append(ringVertices.count)
        ringFeature.append(Int32(feature))
        ringPart.append(Int32(part))
        ringIsShell.append(position == 0)
      }
    }
  }

  private mutating func vertexID(x: Double, y: Double) -> Int32 {
    // Adding 0 turns -0.0 into +0.0, so the two zeros hash alike.
    let x = x + 0, y = y + 0
    let next = Int32(vertexCoordinates.count / 2)
    let id = index.value(x.bitPattern, y.bitPattern) { next }
    if id == next {
      vertexCoordinates.append(x)
      vertexCoordinates.append(y)
    }
    return id
  }

  private var ringCount: Int { ringVertexOffsets.count - 1 }

  /// A vertex is a junction when the pair of vertices around it differs between two of its
  /// uses (three or more rings meet there, the neighbour changes, or a ring touches itself).
  mutating func markJunctions() {
    let vertexCount = vertexCoordinates.count / 2
    var neighbourLow = [Int32](repeating: -1, count: vertexCount)
    var neighbourHigh = [Int32](repeating: -1, count: vertexCount)
    isJunction = [Bool](repeating: false, count: vertexCount)
    for ring in 0..<ringCount {
      let start = ringVertexOffsets[ring], end = ringVertexOffsets[ring + 1]
      let count = end - start
      for k in 0..<count {
        let vertex = Int(ringVertices[start + k])
        let previous = ringVertices[start + (k + count - 1) % count]
        let next = ringVertices[start + (k + 1) % count]
        let low = min(previous, next), high = max(previous, next)
        if neighbourLow[vertex] < 0 {
          neighbourLow[vertex] = low
          neighbourHigh[vertex] = high
        } else if neighbourLow[vertex] != low || neighbourHigh[vertex] != high {
          isJunction[vertex] = true
        }
      }
    }
  }

  /// Cuts every ring at its junctions; an arc already cut from another ring (found by its
  /// first directed edge, in either direction) is referenced instead of stored again.
  mutating func cutArcs() {
    var arcsByFirstEdge = PairIndex(expected: ringVertices.count / 4 + 16)
    var arc: [Int32] = []
    for ring in 0..<ringCount {
      let start = ringVertexOffsets[ring], end = ringVertexOffsets[ring + 1]
      let count = end - start
      var first = -1
      for k in 0..<count where isJunction[Int(ringVertices[start + k])] {
        first = k
        break
      }
      if first < 0 {
        // No junction: start at the lowest id, which a ring sharing every vertex also picks.
        first = 0
        for k in 1..<count where ringVertices[start + k] < ringVertices[start + first] { first = k }
        isJunction[Int(ringVertices[start + first])] = true
      }
      arc.removeAll(keepingCapacity: true)
      arc.append(ringVertices[start + first])
      for step in 1...count {
        let vertex = ringVertices[start + (first + step) % count]
        arc.append(vertex)
        if isJunction[Int(vertex)] || step == count {
          ringArcs.append(reference(for: arc, index: &arcsByFirstEdge))
          arc.removeAll(keepingCapacity: true)
          arc.append(vertex)
        }
      }
      ringArcOffsets.append(ringArcs.count)
    }
  }

  private mutating func reference(for arc: [Int32], index: inout PairIndex) -> Int32 {
    let key = UInt64(UInt32(bitPattern: arc[0]))
    let second = UInt64(UInt32(bitPattern: arc[1]))
    if let existing = index.value(key, second) {
      // Values above Int32.max / 2 encode a backwards use (see below).
      return existing > Int32.max / 2 ? ~(Int32.max - existing) : existing
    }
    let id = Int32(arcOffsets.count - 1)
    arcVertices.append(contentsOf: arc)
    arcOffsets.append(arcVertices.count)
    index.insert(key, second, value: id)
    let last = UInt64(UInt32(bitPattern: arc[arc.count - 1]))
    let beforeLast = UInt64(UInt32(bitPattern: arc[arc.count - 2]))
    // `~id` is negative, and PairIndex treats negative values as empty slots: store it shifted.
    index.insert(last, beforeLast, value: Int32.max - id)
    return id
  }
}
