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
    #expect(Array(bytes[0..<9]) == [1, 3, 0, 0, 0, 1, 0, 0, 0])
  }
}
