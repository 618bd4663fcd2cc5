import GeoCore

/// The boundaries of a polygon layer cut into arcs that neighbouring polygons share, so a
/// shared boundary is simplified once and both neighbours use the same result: simplification
/// then cannot open gaps or overlaps between them (the way TopoJSON and mapshaper work).
///
/// Vertices are matched by their exact coordinates, which is right for layers generalised as a
/// whole (ONS boundaries, PCN catchments dissolved from LSOAs): neighbours there carry
/// bit-identical vertices along the boundary they share. A ring is cut at every *junction*, a
/// vertex where the neighbouring vertices are not the same on every ring passing through it
/// (three or more rings meet, or the neighbour on one side changes); a ring with no junction
/// (an island, or an enclave and the hole around it) becomes one closed arc starting at its
/// lowest-numbered vertex, the same vertex for both rings that share it.
public struct ArcTopology: Sendable {
  /// World coordinates of every distinct vertex, interleaved x, y.
  let vertexCoordinates: [Double]
  /// Vertex ids of every arc, concatenated; arc `a` is `arcVertices[arcOffsets[a]..<arcOffsets[a+1]]`.
  let arcVertices: [Int32]
  let arcOffsets: [Int]
  /// Arc references of every ring, concatenated: `a` for arc `a` forwards, `~a` for backwards.
  let ringArcs: [Int32]
  let ringArcOffsets: [Int]
  /// The feature and the part (polygon) within the feature that each ring belongs to, and
  /// whether it is the part's shell.
  let ringFeature: [Int32]
  let ringPart: [Int32]
  let ringIsShell: [Bool]
  /// The rings of feature `f` are `featureRingOffsets[f]..<featureRingOffsets[f+1]`.
  let featureRingOffsets: [Int]
  /// The kind each feature had (Polygon or MultiPolygon; other kinds have no rings here).
  let featureKinds: [GeometryKind]

  /// Builds the topology of `polygons` (one entry per feature, in the projected working CRS).
  /// Geometries that are not polygonal contribute no rings; rings with fewer than three distinct
  /// vertices are skipped.
  public init(polygons: [FlatGeometry]) {
    var builder = ArcTopologyBuilder(expectedVertices: polygons.reduce(0) { $0 + $1.pointCount })
    for (feature, geometry) in polygons.enumerated() {
      builder.addFeature(geometry, index: feature)
    }
    builder.markJunctions()
    builder.cutArcs()
    vertexCoordinates = builder.vertexCoordinates
    arcVertices = builder.arcVertices
    arcOffsets = builder.arcOffsets
    ringArcs = builder.ringArcs
    ringArcOffsets = builder.ringArcOffsets
    ringFeature = builder.ringFeature
    ringPart = builder.ringPart
    ringIsShell = builder.ringIsShell
    featureRingOffsets = builder.featureRingOffsets
    featureKinds = polygons.map(\.kind)
  }

  /// Number of features the topology was built from.
  public var featureCount: Int { featureRingOffsets.count - 1 }
  /// Number of distinct vertices.
  public var vertexCount: Int { vertexCoordinates.count / 2 }
  /// Number of arcs; a boundary between two neighbours is one arc, however many rings use it.
  public var arcCount: Int { arcOffsets.count - 1 }
  /// Number of arc uses by rings (twice the shared arcs plus once the outer ones).
  public var arcReferenceCount: Int { ringArcs.count }

  /// For each feature, the features it shares at least one arc with (ascending, no repeats):
  /// its neighbours, for colouring categories so that no two neighbours look alike.
  public func neighbours() -> [[Int]] {
    var firstUser = [Int32](repeating: -1, count: arcCount)
    var pairs: [(Int, Int)] = []
    for ring in 0..<(ringArcOffsets.count - 1) {
      let feature = ringFeature[ring]
      for reference in ringArcs[ringArcOffsets[ring]..<ringArcOffsets[ring + 1]] {
        let arc = Int(reference >= 0 ? reference : ~reference)
        if firstUser[arc] < 0 {
          firstUser[arc] = feature
        } else if firstUser[arc] != feature {
          pairs.append((Int(firstUser[arc]), Int(feature)))
        }
      }
    }
    var result = [[Int]](repeating: [], count: featureCount)
    for (a, b) in pairs {
      result[a].append(b)
      result[b].append(a)
    }
    return result.map { Array(Set($0)).sorted() }
  }

  /// Every arc simplified once with Douglas–Peucker at `tolerance`, after `transform` (for
  /// example the projection onto the page, with the tolerance in pixels). Arc end points are
  /// junctions and are always kept, so rings rebuilt from the result still meet exactly.
  public func simplifiedArcs(
    tolerance: Double, transform: (Double, Double) -> (Double, Double) = { ($0, $1) }
  ) -> SimplifiedArcs {
    // Transform each vertex once, not once per arc that uses it.
    var transformed = [Double](repeating: 0, count: vertexCoordinates.count)
    for v in 0..<vertexCount {
      let (x, y) = transform(vertexCoordinates[2 * v], vertexCoordinates[2 * v + 1])
      transformed[2 * v] = x
      transformed[2 * v + 1] = y
    }
    var points: [Double] = []
    var offsets = [0]
    offsets.reserveCapacity(arcCount + 1)
    var arcCoordinates: [Double] = []
    var kept: [Int] = []
    for arc in 0..<arcCount {
      arcCoordinates.removeAll(keepingCapacity: true)
      for vertex in arcVertices[arcOffsets[arc]..<arcOffsets[arc + 1]] {
        arcCoordinates.append(transformed[2 * Int(vertex)])
        arcCoordinates.append(transformed[2 * Int(vertex) + 1])
      }
      kept.removeAll(keepingCapacity: true)
      arcCoordinates.withUnsafeBufferPointer { buffer in
        Simplify.douglasPeucker(buffer, range: 0..<(buffer.count / 2), tolerance: tolerance, into: &kept)
      }
      for index in kept {
        points.append(arcCoordinates[2 * index])
        points.append(arcCoordinates[2 * index + 1])
      }
      offsets.append(points.count / 2)
    }
    return SimplifiedArcs(coordinates: points, offsets: offsets)
  }

  /// Calls `body` with each ring of `feature` rebuilt from `arcs` (closed: the last point
  /// repeats the first), with its part index and whether it is a shell.
  func forEachRing(
    ofFeature feature: Int, arcs: SimplifiedArcs,
    _ body: (_ ring: [Double], _ part: Int, _ isShell: Bool) -> Void
  ) {
    var ring: [Double] = []
    for r in featureRingOffsets[feature]..<featureRingOffsets[feature + 1] {
      ring.removeAll(keepingCapacity: true)
      for (position, reference) in ringArcs[ringArcOffsets[r]..<ringArcOffsets[r + 1]].enumerated() {
        let arc = Int(reference >= 0 ? reference : ~reference)
        let range = arcs.offsets[arc]..<arcs.offsets[arc + 1]
        // Each arc starts where the previous one ended: skip that repeated node.
        let skip = position == 0 ? 0 : 1
        if reference >= 0 {
          for i in range.dropFirst(skip) {
            ring.append(arcs.coordinates[2 * i])
            ring.append(arcs.coordinates[2 * i + 1])
          }
        } else {
          for i in range.reversed().dropFirst(skip) {
            ring.append(arcs.coordinates[2 * i])
            ring.append(arcs.coordinates[2 * i + 1])
          }
        }
      }
      body(ring, Int(ringPart[r]), ringIsShell[r])
    }
  }

  /// The features rebuilt from simplified arcs, as polygons in the arcs' coordinates. Rings
  /// that collapsed to fewer than four positions are left out, and so is a polygon whose shell
  /// collapsed (with its holes).
  public func polygons(from arcs: SimplifiedArcs) -> [FlatGeometry] {
    (0..<featureCount).map { feature in
      var builder = FlatGeometryBuilder(kind: featureKinds[feature] == .polygon ? .polygon : .multiPolygon)
      var currentPart = -1
      var partHasShell = false
      forEachRing(ofFeature: feature, arcs: arcs) { ring, part, isShell in
        if part != currentPart {
          if partHasShell { builder.closePart() }
          currentPart = part
          partHasShell = false
        }
        guard ring.count >= 8 else { return }
        if isShell {
          partHasShell = true
        } else if !partHasShell {
          return
        }
        for i in stride(from: 0, to: ring.count, by: 2) { builder.append(x: ring[i], y: ring[i + 1]) }
        builder.closeRing()
      }
      if partHasShell { builder.closePart() }
      var geometry = builder.geometry
      if geometry.kind == .polygon && geometry.partCount > 1 { geometry.kind = .multiPolygon }
      return geometry
    }
  }
}

/// Arcs after simplification: the kept points of arc `a` are
/// `coordinates[2 * offsets[a] ..< 2 * offsets[a + 1]]` (interleaved x, y).
public struct SimplifiedArcs: Sendable {
  /// Interleaved x, y of every kept point of every arc.
  public let coordinates: [Double]
  /// Arc `a` covers points `offsets[a]..<offsets[a + 1]`.
  public let offsets: [Int]

  /// Total number of points kept.
  public var pointCount: Int { coordinates.count / 2 }
}
