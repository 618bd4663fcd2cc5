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
    let done = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.numberWidth) { buffer in
      guard let start = write(value, before: Self.numberWidth, in: buffer) else { return false }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<Self.numberWidth]))
      return true
    }
    if !done { appendUncommon(value, to: &out) }
  }

  /// Appends a position `[x,y]`, preceded by a comma when `comma`: the same bytes as appending
  /// the pieces one by one, laid out right to left in one small buffer and appended at once
  /// (one capacity check per position instead of one per byte), which is most of the writing.
  @inline(__always)
  func appendPosition(_ x: Double, _ y: Double, comma: Bool, to out: inout [UInt8]) {
    let width = 2 * Self.numberWidth + 4
    let done = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: width) { buffer in
      buffer[width - 1] = UInt8(ascii: "]")
      guard let yStart = write(y, before: width - 1, in: buffer) else { return false }
      buffer[yStart - 1] = UInt8(ascii: ",")
      guard var start = write(x, before: yStart - 1, in: buffer) else { return false }
      start -= 1
      buffer[start] = UInt8(ascii: "[")
      if comma {
        start -= 1
        buffer[start] = UInt8(ascii: ",")
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<width]))
      return true
    }
    if !done {
      if comma { out.append(UInt8(ascii: ",")) }
      out.append(UInt8(ascii: "["))
      append(x, to: &out)
      out.append(UInt8(ascii: ","))
      append(y, to: &out)
      out.append(UInt8(ascii: "]"))
    }
  }

  /// Room for one number of the integer path: 16 integer digits (below `integerLimit`), a
  /// point, 15 decimals and a sign.
  private static let numberWidth = 36

  /// Writes `value` right to left so that it ends just before `end`, and returns where it
  /// starts; nil (nothing written) for a value the integer path cannot write exactly. The
  /// fraction is written as exactly `precision` digits less its trailing zeros, so leading zeros
  /// stay (0.05 -> "05"); zero, -0 and tiny negatives are "0", never "-0".
  @inline(__always)
  private func write(_ value: Double, before end: Int, in buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
    let scaled = (value * scale).rounded()
    guard abs(scaled) < Self.integerLimit else { return nil }  // also false for NaN and infinities
    var n = Int64(scaled)
    var start = end
    let negative = n < 0
    if negative { n = -n }
    var fraction = n % divisor
    if fraction != 0 {
      var digits = precision
      while fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
      }
      let fractionStart = start - digits
      while start > fractionStart {
        start -= 1
        buffer[start] = UInt8(truncatingIfNeeded: fraction % 10) &+ 0x30
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
    return start
  }

  /// A value outside the integer path: `null` when not finite, else Swift's shortest text.
  private func appendUncommon(_ value: Double, to out: inout [UInt8]) {
    if value.isFinite {
      out.append(contentsOf: value.description.utf8)
    } else {
      out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
    }
  }
}
