import GeoCore

/// Reads WKB (ISO and extended, either byte order) into a `FlatGeometry`, bounds-checked at
/// every read: a damaged blob is an error, never a crash. Z and M values are dropped (the reader
/// says so through `droppedDimensions`).
struct WellKnownBinaryReader {
  private let bytes: UnsafeRawBufferPointer
  private var offset: Int
  /// True once a Z or M coordinate has been dropped.
  private(set) var droppedDimensions = false

  /// Why a blob could not be read.
  struct Failure: Error {
    var reason: String
  }

  init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
    self.bytes = bytes
    self.offset = offset
  }

  /// Reads one geometry, which must end exactly at the end of the blob.
  mutating func readGeometry() throws(Failure) -> FlatGeometry {
    var geometry = try readAny(depth: 0)
    if offset != bytes.count { throw Failure(reason: "\(bytes.count - offset) bytes after the geometry") }
    if geometry.kind == .point, geometry.pointCount == 1, geometry.x(0).isNaN, geometry.y(0).isNaN {
      geometry = .empty(.point)
    }
    return geometry
  }

  private struct Header {
    var littleEndian: Bool
    var kind: GeometryKind
    var dimensions: Int
  }

  private mutating func readHeader() throws(Failure) -> Header {
    let order = try byte()
    guard order <= 1 else {
      throw Failure(reason: "byte-order mark \(order) at byte \(offset - 1) (not 0 or 1)")
    }
    let little = order == 1
    let raw = try uint32(little)
    var code = raw & 0x0FFF_FFFF
    var dimensions = 2
    // Extended WKB flags the extra dimensions in the high bits; ISO adds 1000 (Z), 2000 (M), 3000.
    if raw & 0x8000_0000 != 0 { dimensions += 1 }
    if raw & 0x4000_0000 != 0 { dimensions += 1 }
    switch code / 1000 {
    case 0: break
    case 1, 2: dimensions += 1
    case 3: dimensions += 2
    default: throw Failure(reason: "unknown WKB geometry type \(raw)")
    }
    code %= 1000
    let kind: GeometryKind
    switch code {
    case 1: kind = .point
    case 2: kind = .lineString
    case 3: kind = .polygon
    case 4: kind = .multiPoint
    case 5: kind = .multiLineString
    case 6: kind = .multiPolygon
    case 7: kind = .geometryCollection
    default:
      throw Failure(reason: "WKB geometry type \(raw) (curves, surfaces and TINs are not supported)")
    }
    if dimensions > 2 { droppedDimensions = true }
    return Header(littleEndian: little, kind: kind, dimensions: dimensions)
  }

  private mutating func readAny(depth: Int) throws(Failure) -> FlatGeometry {
    guard depth < 32 else { throw Failure(reason: "geometry collections nested more than 32 deep") }
    let header = try readHeader()
    var builder = FlatGeometryBuilder(kind: header.kind)
    switch header.kind {
    case .point:
      try points(1, header, into: &builder)
      builder.closeRing()
      builder.closePart()
    case .lineString:
      try ring(header, into: &builder)
      builder.closePart()
    case .polygon:
      try polygonRings(header, into: &builder)
      builder.closePart()
    case .multiPoint, .multiLineString, .multiPolygon:
      let count = try counted(header, minimumBytes: 9)
      let member: GeometryKind =
        header.kind == .multiPoint ? .point : header.kind == .multiLineString ? .lineString : .polygon
      for _ in 0..<count {
        let inner = try readHeader()
        guard inner.kind == member else {
          throw Failure(reason: "a \(header.kind) holds a \(inner.kind)")
        }
        switch member {
        case .point:
          try points(1, inner, into: &builder)
          builder.closeRing()
        case .lineString: try ring(inner, into: &builder)
        default: try polygonRings(inner, into: &builder)
        }
        builder.closePart()
      }
    case .geometryCollection:
      let count = try counted(header, minimumBytes: 9)
      for _ in 0..<count { builder.appendMember(try readAny(depth: depth + 1)) }
    }
    return builder.geometry
  }

  private mutating func polygonRings(_ header: Header, into builder: inout FlatGeometryBuilder)
    throws(Failure)
  {
    let count = try counted(header, minimumBytes: 4)
    for _ in 0..<count { try ring(header, into: &builder) }
  }

  private mutating func ring(_ header: Header, into builder: inout FlatGeometryBuilder) throws(Failure) {
    let count = try counted(header, minimumBytes: 8 * header.dimensions)
    try points(count, header, into: &builder)
    builder.closeRing()
  }

  /// A count, checked against the bytes left so a damaged count cannot ask for gigabytes.
  private mutating func counted(_ header: Header, minimumBytes: Int) throws(Failure) -> Int {
    let count = Int(try uint32(header.littleEndian))
    guard count <= (bytes.count - offset) / minimumBytes else {
      throw Failure(reason: "count \(count) at byte \(offset - 4) runs past the end of the blob")
    }
    return count
  }

  private mutating func points(_ count: Int, _ header: Header, into builder: inout FlatGeometryBuilder)
    throws(Failure)
  {
    let stride = 8 * header.dimensions
    guard count * stride <= bytes.count - offset else {
      throw Failure(reason: "coordinates run past the end of the blob at byte \(offset)")
    }
    let base = bytes.baseAddress! + offset
    #if _endian(little)
      let native = header.littleEndian
    #else
      let native = !header.littleEndian
    #endif
    if native && header.dimensions == 2 {
      builder.appendCoordinates(count: count) { target in
        UnsafeMutableRawBufferPointer(target).copyMemory(
          from: UnsafeRawBufferPointer(start: base, count: 16 * count))
      }
    } else {
      for i in 0..<count {
        let bitsX = base.loadUnaligned(fromByteOffset: i * stride, as: UInt64.self)
        let bitsY = base.loadUnaligned(fromByteOffset: i * stride + 8, as: UInt64.self)
        let x = Double(
          bitPattern: header.littleEndian ? UInt64(littleEndian: bitsX) : UInt64(bigEndian: bitsX))
        let y = Double(
          bitPattern: header.littleEndian ? UInt64(littleEndian: bitsY) : UInt64(bigEndian: bitsY))
        builder.append(x: x, y: y)
      }
    }
    offset += count * stride
  }

  private mutating func byte() throws(Failure) -> UInt8 {
    guard offset < bytes.count else { throw Failure(reason: "the blob ends early at byte \(offset)") }
    defer { offset += 1 }
    return bytes[offset]
  }

  private mutating func uint32(_ little: Bool) throws(Failure) -> UInt32 {
    guard bytes.count - offset >= 4 else { throw Failure(reason: "the blob ends early at byte \(offset)") }
    let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
    offset += 4
    return little ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)
  }
}
