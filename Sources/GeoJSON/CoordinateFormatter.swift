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
    if n < 0 {
      out.append(UInt8(ascii: "-"))
      n = -n
    }
    let integerPart = n / divisor
    var fraction = n % divisor
    Self.appendDigits(of: integerPart, to: &out)
    if fraction != 0 {
      var digits = precision
      while fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
      }
      out.append(UInt8(ascii: "."))
      // Leading zeros of the fraction (0.05 -> "05").
      var width = 1
      var probe = fraction
      while probe >= 10 {
        probe /= 10
        width += 1
      }
      for _ in width..<digits { out.append(UInt8(ascii: "0")) }
      Self.appendDigits(of: fraction, to: &out)
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
