/// Formats coordinates with at most `precision` decimals and no trailing zeros (`51.52`, not
/// `51.520000`), without Foundation: the value is scaled to an integer and printed digit by
/// digit. Magnitudes too large for that fall back to Swift's shortest round-trip text.
struct CoordinateFormatter {
  let precision: Int
  private let scale: Double
  private let divisor: Int64

  /// Above this the scaled value no longer fits the integer path exactly.
  private static let integerLimit = 9.0e15

  init(precision: Int) {
    self.precision = min(max(precision, 0), 15)
    var divisor: Int64 = 1
    for _ in 0..<self.precision { divisor *= 10 }
    self.divisor = divisor
    self.scale = Double(divisor)
  }

  /// Appends `value` as a JSON number; a non-finite value (never produced by the reader) is
  /// written as `null` so the output stays valid JSON.
  @inline(__always)
  func append(_ value: Double, to out: inout [UInt8]) {
    guard value.isFinite else {
      out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
      return
    }
    let scaled = (value * scale).rounded()
    guard abs(scaled) < Self.integerLimit else {
      out.append(contentsOf: value.description.utf8)
      return
    }
    var n = Int64(scaled)
    if n == 0 {
      out.append(UInt8(ascii: "0"))  // also for -0 and tiny negatives: never "-0"
      return
    }
    let negative = n < 0
    if negative { n = -n }
    let precision = self.precision
    let divisor = self.divisor
    // The whole number is laid out right to left in one small buffer and appended at once (one
    // capacity check per coordinate instead of one per digit): the fraction as exactly
    // `precision` digits with its trailing zeros then dropped, a point, the integer part, a sign.
    // 16 integer digits (below `integerLimit`) + point + 15 decimals + sign fit in 40 bytes.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
      let end = 40
      var start = 40
      var fraction = n % divisor
      if fraction != 0 {
        var digits = precision
        while fraction % 10 == 0 {
          fraction /= 10
          digits -= 1
        }
        // `digits` decimals remain; leading zeros of the fraction (0.05 -> "05") are kept.
        start = end - digits
        var i = end
        while i > start {
          i -= 1
          buffer[i] = UInt8(truncatingIfNeeded: fraction % 10) &+ 0x30
          fraction /= 10
        }
        start -= 1
        buffer[start] = UInt8(ascii: ".")
      }
      var integerPart = n / divisor
      repeat {
        start -= 1
        buffer[start] = UInt8(truncatingIfNeeded: integerPart % 10) &+ 0x30
        integerPart /= 10
      } while integerPart > 0
      if negative {
        start -= 1
        buffer[start] = UInt8(ascii: "-")
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<end]))
    }
  }

  /// Appends the decimal digits of a non-negative integer.
  @inline(__always)
  static func appendDigits(of value: Int64, to out: inout [UInt8]) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
      var v = value
      var i = 20
      repeat {
        i -= 1
        buffer[i] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
        v /= 10
      } while v > 0
      out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<20]))
    }
  }
}
