import Foundation
import GeoCore
import TestSupport
import Testing

@Suite struct FixedDecimalTests {
  @Test func matchesPrintfOnKnownValues() {
    #expect(FixedDecimal.format(2.5, decimals: 3) == "2.500")
    #expect(FixedDecimal.format(0.000123, decimals: 6) == "0.000123")
    #expect(FixedDecimal.format(-0.0000001, decimals: 6) == "0.000000")
    #expect(FixedDecimal.format(-12.5, decimals: 0) == "-13")
    #expect(FixedDecimal.format(130_186_217_447.123, decimals: 2) == "130186217447.12")
    #expect(FixedDecimal.format(1, decimals: 0) == "1")
    #expect(FixedDecimal.format(.nan, decimals: 2) == "")
  }

  @Test func agreesWithPrintfOnRandomValues() {
    var generator = SeededGenerator(seed: 42)
    for _ in 0..<20_000 {
      let value = (generator.unit() - 0.5) * 2e9
      for decimals in [0, 2, 6] {
        let ours = FixedDecimal.format(value, decimals: decimals)
        let theirs = String(format: "%.\(decimals)f", value)
        // printf rounds the exact binary value; ours rounds the scaled double. They may differ
        // only in the last digit, and only when the value sits on a rounding boundary.
        if ours != theirs {
          let a = Int64(ours.replacingOccurrences(of: ".", with: ""))!
          let b = Int64(theirs.replacingOccurrences(of: ".", with: ""))!
          #expect(abs(a - b) <= 1, "\(value)")
        }
      }
    }
  }
}
