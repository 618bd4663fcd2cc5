/// Fast fixed-decimal number text for tables (CSV): `format(2.5, decimals: 3)` is `"2.500"`.
/// Rounds half away from zero on the scaled value; falls back to Swift's own printing for
/// magnitudes too large for an exact 64-bit scaled integer.
public enum FixedDecimal {
  private static let scales: [Double] = (0...18).map { pow10($0) }

  private static func pow10(_ n: Int) -> Double {
    var value = 1.0
    for _ in 0..<n { value *= 10 }
    return value
  }

  /// `value` with exactly `decimals` digits after the point (none when 0); NaN and infinities
  /// as empty text (an empty CSV cell).
  public static func format(_ value: Double, decimals: Int) -> String {
    var bytes: [UInt8] = []
    append(value, decimals: decimals, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the text of `value` to `out`.
  public static func append(_ value: Double, decimals: Int, to out: inout [UInt8]) {
    guard value.isFinite else { return }
    let d = min(max(decimals, 0), 18)
    let scaled = (abs(value) * scales[d]).rounded()
    guard scaled < 9.0e18 else {
      out.append(contentsOf: Array(String(value).utf8))
      return
    }
    var digits = UInt64(scaled)
    if value < 0 && digits != 0 { out.append(UInt8(ascii: "-")) }
    // Digits are written right to left into stack memory: an array here was a heap allocation
    // per number, most of the cost of a national crosswalk table.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
      var position = buffer.count
      var written = 0
      repeat {
        position -= 1
        buffer[position] = UInt8(ascii: "0") + UInt8(digits % 10)
        digits /= 10
        written += 1
        if written == d && d > 0 {
          position -= 1
          buffer[position] = UInt8(ascii: ".")
        }
      } while digits > 0 || written <= d
      if buffer[position] == UInt8(ascii: ".") {
        position -= 1
        buffer[position] = UInt8(ascii: "0")
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position...]))
    }
  }

  /// An integer with thousands separated by commas: 34753 → "34,753".
  public static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(c)
    }
    return n < 0 ? "-" + out : out
  }

  /// `value` rounded to `decimals` places (for JSON properties people read; tables keep fixed
  /// decimals).
  public static func rounded(_ value: Double, _ decimals: Int) -> Double {
    let scale = scales[min(max(decimals, 0), 18)]
    return (value * scale).rounded() / scale
  }
}
