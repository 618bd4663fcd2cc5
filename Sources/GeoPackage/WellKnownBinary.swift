import GeoCore

/// ISO well-known binary (WKB) written straight from a `FlatGeometry`'s buffers and read straight
/// back into them, little-endian, two dimensions. The flat layout (parts of rings of interleaved
/// x, y) is WKB's own nesting, so each ring is one count and one copy of its coordinates: no
/// intermediate GEOS geometry per feature.
enum WellKnownBinary {
  /// The WKB type code of a kind (1 Point … 7 GeometryCollection).
  static func typeCode(_ kind: GeometryKind) -> UInt32 {
    switch kind {
    case .point: 1
    case .lineString: 2
    case .polygon: 3
    case .multiPoint: 4
    case .multiLineString: 5
    case .multiPolygon: 6
    case .geometryCollection: 7
    }
  }

  /// Appends the WKB of `geometry` to `out`.
  static func append(_ geometry: FlatGeometry, to out: inout [UInt8]) {
    header(typeCode(geometry.kind), to: &out)
    switch geometry.kind {
    case .point:
      if geometry.pointCount == 0 {
        // An empty point is written as NaN, NaN (the GeoPackage and GDAL convention).
        appendDouble(.nan, to: &out)
        appendDouble(.nan, to: &out)
      } else {
        appendPoints(geometry, 0..<1, to: &out)
      }
    case .lineString:
      if geometry.ringCount == 0 {
        appendCount(0, to: &out)
      } else {
        ring(geometry, 0, to: &out)
      }
    case .polygon:
      if geometry.partCount == 0 {
        appendCount(0, to: &out)
      } else {
        rings(geometry, part: 0, to: &out)
      }
    case .multiPoint:
      appendCount(geometry.partCount, to: &out)
      for part in 0..<geometry.partCount {
        header(1, to: &out)
        let first = geometry.ringOffsets[geometry.partOffsets[part]]
        appendPoints(geometry, first..<(first + 1), to: &out)
      }
    case .multiLineString:
      appendCount(geometry.partCount, to: &out)
      for part in 0..<geometry.partCount {
        header(2, to: &out)
        ring(geometry, geometry.partOffsets[part], to: &out)
      }
    case .multiPolygon:
      appendCount(geometry.partCount, to: &out)
      for part in 0..<geometry.partCount {
        header(3, to: &out)
        rings(geometry, part: part, to: &out)
      }
    case .geometryCollection:
      appendCount(geometry.members.count, to: &out)
      for member in geometry.members { append(member, to: &out) }
    }
  }

  private static func header(_ code: UInt32, to out: inout [UInt8]) {
    out.append(1)  // little-endian
    appendCount(Int(code), to: &out)
  }

  private static func rings(_ geometry: FlatGeometry, part: Int, to out: inout [UInt8]) {
    let range = geometry.ringRange(ofPart: part)
    appendCount(range.count, to: &out)
    for r in range { ring(geometry, r, to: &out) }
  }

  private static func ring(_ geometry: FlatGeometry, _ r: Int, to out: inout [UInt8]) {
    let points = geometry.pointRange(ofRing: r)
    appendCount(points.count, to: &out)
    appendPoints(geometry, points, to: &out)
  }

  /// Copies the coordinates of pairs `points` (already little-endian on every host Swift runs
  /// on that nbhd supports; swapped otherwise).
  private static func appendPoints(_ geometry: FlatGeometry, _ points: Range<Int>, to out: inout [UInt8]) {
    geometry.coordinates.withUnsafeBufferPointer { c in
      let slice = UnsafeBufferPointer(rebasing: c[(2 * points.lowerBound)..<(2 * points.upperBound)])
      #if _endian(little)
        out.append(contentsOf: UnsafeRawBufferPointer(slice))
      #else
        for value in slice { appendDouble(value, to: &out) }
      #endif
    }
  }

  static func appendCount(_ value: Int, to out: inout [UInt8]) {
    withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { out.append(contentsOf: $0) }
  }

  static func appendDouble(_ value: Double, to out: inout [UInt8]) {
    withUnsafeBytes(of: value.bitPattern.littleEndian) { out.append(contentsOf: $0) }
  }
}
