import GeoCore
import Testing

@testable import GeoPackage

@Suite struct WellKnownBinaryTests {
  @Test func polygonBytesMatchTheStandardLayout() {
    let square = FlatGeometry.polygon([[(0, 0), (1, 0), (1, 1), (0, 0)]])
    var bytes: [UInt8] = []
    WellKnownBinary.append(square, to: &bytes)
    // 1 byte order + 4 type + 4 ring count + 4 point count + 4 points x 16 bytes.
    #expect(bytes.count == 1 + 4 + 4 + 4 + 64)
    #expect(Array(bytes[0..<13]) == [1, 3, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0])
  }

  /// Big-endian POINT Z (ISO type 1001) 1 2 3: Z dropped and flagged.
  @Test func readsBigEndianAndDropsZ() throws {
    var bytes: [UInt8] = [0, 0, 0, 0x03, 0xE9]
    for value in [1.0, 2.0, 3.0] { withUnsafeBytes(of: value.bitPattern.bigEndian) { bytes += $0 } }
    var reader = bytes.withUnsafeBytes { WellKnownBinaryReader($0) }
    let geometry = try bytes.withUnsafeBytes { raw in
      reader = WellKnownBinaryReader(raw)
      return try reader.readGeometry()
    }
    #expect(geometry.kind == .point)
    #expect(geometry.coordinates == [1, 2])
    #expect(reader.droppedDimensions)
  }

  @Test func damagedBlobsAreErrorsNotCrashes() {
    let square = FlatGeometry.polygon([[(0, 0), (1, 0), (1, 1), (0, 0)]])
    var blob: [UInt8] = []
    GeometryBlob.encode(square, srsID: 27700, box: square.boundingBox, into: &blob)
    // Every truncation fails cleanly.
    for length in 0..<blob.count {
      let cut = Array(blob[0..<length])
      var dropped = false
      #expect(throws: WellKnownBinaryReader.Failure.self) {
        try cut.withUnsafeBytes { try GeometryBlob.decode($0, droppedDimensions: &dropped) }
      }
    }
    // A ring count of 2^32-1 is refused before any allocation.
    var huge = blob
    huge[8 + 32 + 5] = 0xFF
    huge[8 + 32 + 6] = 0xFF
    huge[8 + 32 + 7] = 0xFF
    huge[8 + 32 + 8] = 0xFF
    var dropped = false
    #expect(throws: WellKnownBinaryReader.Failure.self) {
      try huge.withUnsafeBytes { try GeometryBlob.decode($0, droppedDimensions: &dropped) }
    }
  }

  /// The header: magic GP, version 0, flags 0b011 (little-endian, xy envelope), srs_id, then
  /// minx, maxx, miny, maxy.
  @Test func headerCarriesTheEnvelope() throws {
    let line = FlatGeometry(
      kind: .lineString, coordinates: [3, 4, -1, 9], ringOffsets: [0, 2], partOffsets: [0, 1])
    var blob: [UInt8] = []
    GeometryBlob.encode(line, srsID: 27700, box: line.boundingBox, into: &blob)
    #expect(Array(blob[0..<4]) == [0x47, 0x50, 0, 0b011])
    let envelope = blob.withUnsafeBytes { raw in
      (0..<4).map {
        Double(
          bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 + 8 * $0, as: UInt64.self)))
      }
    }
    #expect(envelope == [-1, 3, 4, 9])
    var dropped = false
    let back = try blob.withUnsafeBytes { try GeometryBlob.decode($0, droppedDimensions: &dropped) }
    #expect(back == line)
  }
}
