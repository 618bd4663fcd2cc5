/// Builds a `FlatGeometry` one coordinate, ring and part at a time (what a parser or a GEOS
/// reader does).
public struct FlatGeometryBuilder: Sendable {
  /// The geometry built so far.
  public private(set) var geometry: FlatGeometry

  /// Starts an empty geometry of `kind`; `reservingCoordinates` pre-sizes the buffer (pairs).
  public init(kind: GeometryKind, reservingCoordinates pairs: Int = 0) {
    geometry = FlatGeometry.empty(kind)
    if pairs > 0 { geometry.coordinates.reserveCapacity(2 * pairs) }
  }

  /// Appends one coordinate pair to the current ring.
  public mutating func append(x: Double, y: Double) {
    geometry.coordinates.append(x)
    geometry.coordinates.append(y)
  }

  /// Ends the current ring (even an empty one is kept only if it has coordinates).
  public mutating func closeRing() {
    geometry.ringOffsets.append(geometry.coordinates.count / 2)
  }

  /// Ends the current part.
  public mutating func closePart() {
    geometry.partOffsets.append(geometry.ringOffsets.count - 1)
  }

  /// Appends one polygon part: its rings as arrays of (x, y), the shell first.
  public mutating func appendPolygon(_ rings: [[(Double, Double)]]) {
    for ring in rings {
      for (x, y) in ring { append(x: x, y: y) }
      closeRing()
    }
    closePart()
  }

  /// Adds a member to a GeometryCollection.
  public mutating func appendMember(_ member: FlatGeometry) {
    geometry.members.append(member)
  }

  /// Number of coordinate pairs in the ring being built.
  public var pointsInOpenRing: Int { geometry.coordinates.count / 2 - geometry.ringOffsets.last! }
}

extension FlatGeometryBuilder {
  /// Appends `count` coordinate pairs written by `fill` straight into the buffer (for readers
  /// that copy a whole sequence at once, such as GEOS's `copyToBuffer`).
  public mutating func appendCoordinates(
    count: Int, _ fill: (UnsafeMutableBufferPointer<Double>) -> Void
  ) {
    let start = geometry.coordinates.count
    geometry.coordinates.append(contentsOf: repeatElement(0, count: 2 * count))
    geometry.coordinates.withUnsafeMutableBufferPointer { buffer in
      fill(UnsafeMutableBufferPointer(rebasing: buffer[start..<(start + 2 * count)]))
    }
  }
}
