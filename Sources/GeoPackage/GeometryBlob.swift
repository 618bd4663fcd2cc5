import GeoCore

/// The GeoPackage binary geometry (GeoPackage 1.3 §2.1.3): the `GP` header (version, flags,
/// srs_id, an xy envelope) followed by standard WKB.
enum GeometryBlob {
  /// Appends the blob of `geometry` (whose bounding box is `box`) in `srsID` to `out` (cleared first). Points carry no
  /// envelope (their envelope is the point); empty geometries are flagged empty.
  static func encode(_ geometry: FlatGeometry, srsID: Int32, box: BoundingBox, into out: inout [UInt8]) {
    out.removeAll(keepingCapacity: true)
    let empty = geometry.isEmpty || box.isEmpty
    let envelope = !empty && geometry.kind != .point
    // Bit 0: little-endian header; bits 1-3: envelope kind (1 = minx, maxx, miny, maxy); bit 4: empty.
    let flags: UInt8 = 1 | (envelope ? 0b10 : 0) | (empty ? 0b1_0000 : 0)
    out.append(contentsOf: [0x47, 0x50, 0, flags])
    withUnsafeBytes(of: srsID.littleEndian) { out.append(contentsOf: $0) }
    if envelope {
      WellKnownBinary.appendDouble(box.minX, to: &out)
      WellKnownBinary.appendDouble(box.maxX, to: &out)
      WellKnownBinary.appendDouble(box.minY, to: &out)
      WellKnownBinary.appendDouble(box.maxY, to: &out)
    }
    WellKnownBinary.append(geometry, to: &out)
  }

  /// What a blob's header says.
  struct Header {
    var srsID: Int32
    var isEmpty: Bool
    /// Where the WKB starts.
    var wkbOffset: Int
  }

  /// Reads the header, checking the magic, version and envelope kind.
  static func header(_ bytes: UnsafeRawBufferPointer) throws(WellKnownBinaryReader.Failure) -> Header {
    guard bytes.count >= 8 else {
      throw .init(reason: "\(bytes.count) bytes, shorter than a GeoPackage geometry header")
    }
    guard bytes[0] == 0x47, bytes[1] == 0x50 else {
      throw .init(reason: "no GeoPackage geometry header (the blob does not start with \"GP\")")
    }
    let flags = bytes[3]
    let little = flags & 1 == 1
    let raw = bytes.loadUnaligned(fromByteOffset: 4, as: Int32.self)
    let srsID = little ? Int32(littleEndian: raw) : Int32(bigEndian: raw)
    let envelopeBytes: Int
    switch (flags >> 1) & 0b111 {
    case 0: envelopeBytes = 0
    case 1: envelopeBytes = 32
    case 2, 3: envelopeBytes = 48
    case 4: envelopeBytes = 64
    default: throw .init(reason: "envelope indicator \((flags >> 1) & 0b111) is not defined")
    }
    guard bytes.count >= 8 + envelopeBytes else { throw .init(reason: "the blob ends inside its envelope") }
    return Header(srsID: srsID, isEmpty: flags & 0b1_0000 != 0, wkbOffset: 8 + envelopeBytes)
  }

  /// Reads a whole blob into a geometry; `droppedDimensions` is set when Z or M was dropped.
  static func decode(_ bytes: UnsafeRawBufferPointer, droppedDimensions: inout Bool)
    throws(WellKnownBinaryReader.Failure) -> FlatGeometry
  {
    let head = try header(bytes)
    var reader = WellKnownBinaryReader(bytes, offset: head.wkbOffset)
    let geometry = try reader.readGeometry()
    if reader.droppedDimensions { droppedDimensions = true }
    return geometry
  }
}
