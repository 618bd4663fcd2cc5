/// A geometry as flat, `Sendable` buffers (GeoArrow-like): the value that crosses threads and
/// modules. GEOS objects are built from it and read back into it in one copy per coordinate
/// sequence.
///
/// Layout: a geometry is a list of *parts*; each part is a list of *rings* (coordinate
/// sequences); each ring is a run of interleaved `x, y` pairs in `coordinates`.
/// - Point: one part of one ring of one coordinate. MultiPoint: one part per point.
/// - LineString: one part of one ring. MultiLineString: one part per line.
/// - Polygon: one part whose first ring is the shell and the rest holes. MultiPolygon: one part
///   per polygon.
/// - GeometryCollection: no coordinates of its own; its members are in `members`.
/// An empty geometry has no parts.
public struct FlatGeometry: Sendable, Hashable {
  /// The geometry type.
  public var kind: GeometryKind
  /// Interleaved x, y (lon, lat or easting, northing).
  public var coordinates: [Double]
  /// Ring `r` covers coordinate pairs `ringOffsets[r] ..< ringOffsets[r + 1]`; starts with 0.
  public var ringOffsets: [Int]
  /// Part `p` covers rings `partOffsets[p] ..< partOffsets[p + 1]`; starts with 0.
  public var partOffsets: [Int]
  /// Members of a GeometryCollection; empty for every other kind.
  public var members: [FlatGeometry]

  /// Creates a geometry from its buffers. The offsets must be consistent (see the type's doc).
  public init(
    kind: GeometryKind, coordinates: [Double], ringOffsets: [Int], partOffsets: [Int],
    members: [FlatGeometry] = []
  ) {
    self.kind = kind
    self.coordinates = coordinates
    self.ringOffsets = ringOffsets
    self.partOffsets = partOffsets
    self.members = members
  }

  /// An empty geometry of the given kind.
  public static func empty(_ kind: GeometryKind) -> FlatGeometry {
    FlatGeometry(kind: kind, coordinates: [], ringOffsets: [0], partOffsets: [0])
  }

  /// A single point.
  public static func point(x: Double, y: Double) -> FlatGeometry {
    FlatGeometry(kind: .point, coordinates: [x, y], ringOffsets: [0, 1], partOffsets: [0, 1])
  }

  /// A polygon from rings given as arrays of (x, y); the first ring is the shell.
  public static func polygon(_ rings: [[(Double, Double)]]) -> FlatGeometry {
    var builder = FlatGeometryBuilder(kind: .polygon)
    builder.appendPolygon(rings)
    return builder.geometry
  }

  /// A multipolygon from polygons given as their rings (each polygon's first ring is its shell).
  public static func multiPolygon(_ polygons: [[[(Double, Double)]]]) -> FlatGeometry {
    var builder = FlatGeometryBuilder(kind: .multiPolygon)
    for rings in polygons { builder.appendPolygon(rings) }
    return builder.geometry
  }

  /// One MultiPolygon holding every part of `polygonals` (Polygons and MultiPolygons), in order.
  public static func multiPolygon(joining polygonals: [FlatGeometry]) -> FlatGeometry {
    var builder = FlatGeometryBuilder(
      kind: .multiPolygon, reservingCoordinates: polygonals.reduce(0) { $0 + $1.pointCount })
    for geometry in polygonals where geometry.kind.isPolygonal {
      for part in 0..<geometry.partCount {
        for ring in geometry.ringRange(ofPart: part) {
          for point in geometry.pointRange(ofRing: ring) {
            builder.append(x: geometry.x(point), y: geometry.y(point))
          }
          builder.closeRing()
        }
        builder.closePart()
      }
    }
    return builder.geometry
  }

  /// Number of coordinate pairs.
  public var pointCount: Int { coordinates.count / 2 }
  /// Number of rings (coordinate sequences).
  public var ringCount: Int { ringOffsets.count - 1 }
  /// Number of parts.
  public var partCount: Int { partOffsets.count - 1 }

  /// True when there is nothing to draw or measure.
  public var isEmpty: Bool {
    kind == .geometryCollection ? members.allSatisfy(\.isEmpty) : coordinates.isEmpty
  }

  /// The coordinate-pair range of ring `ring`.
  public func pointRange(ofRing ring: Int) -> Range<Int> { ringOffsets[ring]..<ringOffsets[ring + 1] }
  /// The ring range of part `part`.
  public func ringRange(ofPart part: Int) -> Range<Int> { partOffsets[part]..<partOffsets[part + 1] }

  /// The box of one ring's vertices.
  public func boundingBox(ofRing ring: Int) -> BoundingBox {
    var box = BoundingBox.empty
    for i in pointRange(ofRing: ring) { box.include(x: x(i), y: y(i)) }
    return box
  }

  /// x of coordinate pair `i`.
  @inlinable public func x(_ i: Int) -> Double { coordinates[2 * i] }
  /// y of coordinate pair `i`.
  @inlinable public func y(_ i: Int) -> Double { coordinates[2 * i + 1] }

  /// The bounding box of every coordinate (members included).
  public var boundingBox: BoundingBox {
    var box = BoundingBox.empty
    coordinates.withUnsafeBufferPointer { c in
      var i = 0
      while i + 1 < c.count {
        box.include(x: c[i], y: c[i + 1])
        i += 2
      }
    }
    for member in members { box.include(member.boundingBox) }
    return box
  }

  /// Twice the signed area of ring `ring` (shoelace): positive when counter-clockwise.
  public func signedDoubleArea(ofRing ring: Int) -> Double {
    let range = pointRange(ofRing: ring)
    guard range.count >= 3 else { return 0 }
    var sum = 0.0
    coordinates.withUnsafeBufferPointer { c in
      // Translate to the first point to keep the products small (fewer rounding errors).
      let x0 = c[2 * range.lowerBound]
      let y0 = c[2 * range.lowerBound + 1]
      var px = 0.0
      var py = 0.0
      for i in range.dropFirst() {
        let x = c[2 * i] - x0
        let y = c[2 * i + 1] - y0
        sum += px * y - x * py
        px = x
        py = y
      }
    }
    return sum
  }

  /// Applies `transform` to every coordinate pair, in place (members included).
  public mutating func mapCoordinates(_ transform: (inout Double, inout Double) -> Void) {
    coordinates.withUnsafeMutableBufferPointer { c in
      var i = 0
      while i + 1 < c.count {
        transform(&c[i], &c[i + 1])
        i += 2
      }
    }
    for m in members.indices { members[m].mapCoordinates(transform) }
  }
}
