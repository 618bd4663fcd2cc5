import GeoCore
import Testing

/// The widest texts `FixedDecimal` writes (its digits go through a fixed 24-byte buffer):
/// eighteen decimals, and scaled values just under its 64-bit limit. Expected texts from
/// Python's `'%.Nf' % value`.
@Suite struct FixedDecimalWidthTests {
  @Test func widestTexts() {
    #expect(FixedDecimal.format(0, decimals: 18) == "0.000000000000000000")
    #expect(FixedDecimal.format(-0.5, decimals: 18) == "-0.500000000000000000")
    #expect(FixedDecimal.format(8.5, decimals: 17) == "8.50000000000000000")
    #expect(FixedDecimal.format(123_456_789.987654321, decimals: 6) == "123456789.987654")
    #expect(FixedDecimal.format(999_999.9999, decimals: 3) == "1000000.000")
    // Appended after what is there; a negative that rounds to zero has no sign (FixedDecimal's
    // rule, where printf writes -0.00).
    var bytes: [UInt8] = Array("x,".utf8)
    FixedDecimal.append(-0.004, decimals: 2, to: &bytes)
    #expect(String(decoding: bytes, as: UTF8.self) == "x,0.00")
  }
}
