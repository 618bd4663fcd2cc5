#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Correctly rounded conversion of `mantissa × 10^exponent` to the nearest Double (ties to even),
/// the result `strtod` gives. Two exact fast paths cover nearly every number in real files; the
/// caller falls back to `strtod` when they return `nil`.
enum DecimalToDouble {
  /// Exact powers of ten that a Double represents (10^22 is the largest).
  private static let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  /// The nearest Double to `mantissa × 10^exponent`, or `nil` when the fast algorithms cannot
  /// prove the rounding (the caller then asks `strtod`). May return `.infinity` for overflow.
  @inline(__always)
  static func convert(mantissa: UInt64, exponent: Int) -> Double? {
    if mantissa == 0 { return 0 }
    // Clinger: both operands are exact Doubles, so one IEEE multiply or divide rounds correctly.
    if mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
      return exactPowersOfTen.withUnsafeBufferPointer { powers in
        exponent >= 0 ? Double(mantissa) * powers[exponent] : Double(mantissa) / powers[-exponent]
      }
    }
    return eiselLemire(mantissa: mantissa, exponent: exponent)
  }

  /// Eisel–Lemire: multiply the normalised mantissa by a 128-bit approximation of 5^exponent and
  /// keep the top 54 bits (53 for the significand plus a rounding bit). The table entry is off
  /// by less than one unit, so the 192-bit product is off by less than the mantissa `w`; when no
  /// rounding boundary lies within that distance the rounding is certain, otherwise give up.
  static func eiselLemire(mantissa: UInt64, exponent q: Int) -> Double? {
    if q < PowersOfFive.minimumExponent { return 0 }  // below half the smallest subnormal
    if q > PowersOfFive.maximumExponent { return .infinity }
    let leadingZeros = mantissa.leadingZeroBitCount
    let w = mantissa << UInt64(leadingZeros)
    let index = 2 * (q - PowersOfFive.minimumExponent)
    let (tableHigh, tableLow) = PowersOfFive.table.withUnsafeBufferPointer { ($0[index], $0[index + 1]) }

    // 192-bit product w × (tableHigh·2^64 + tableLow) = high·2^128 + middle·2^64 + low.
    let (productHigh, productHighLow) = w.multipliedFullWidth(by: tableHigh)
    let (productLowHigh, low) = w.multipliedFullWidth(by: tableLow)
    let (middle, carry) = productHighLow.addingReportingOverflow(productLowHigh)
    let high = productHigh &+ (carry ? 1 : 0)

    let upperBit = Int(high >> 63)
    let shift = UInt64(upperBit + 9)
    let belowMask: UInt64 = (1 << shift) - 1
    var significand = high >> shift  // 54 bits: the 53-bit significand and the rounding bit

    // The table is exact for 0 <= q <= 55 (5^55 < 2^128); there the product is the true value.
    let exact = q >= 0 && q <= 55
    let belowHigh = high & belowMask
    if !exact {
      // True value lies within (P - w, P + w): is a multiple of 2^(128+shift) within reach?
      let nearLowerBoundary = belowHigh == 0 && middle == 0 && low < w
      let nearUpperBoundary =
        belowHigh == belowMask && middle == UInt64.max && low.addingReportingOverflow(w).overflow
      if nearLowerBoundary || nearUpperBoundary { return nil }
    }

    // Binary exponent of the result (biased): floor(q·log2 10) + upperBit - leadingZeros + 1086.
    // (217706·q) >> 16 equals floor(q·log2 10) on the table's range (checked by the generator).
    var biasedExponent = ((217706 * q) >> 16) + upperBit - leadingZeros + 1086
    if biasedExponent <= 0 { return nil }  // subnormal: rare, and strtod gets it right

    if significand & 1 == 1 {
      // Round bit set: round up unless exactly halfway, where ties go to the even significand.
      let sticky = !exact || belowHigh != 0 || middle != 0 || low != 0
      if sticky || significand & 2 != 0 { significand += 1 }
    }
    significand >>= 1
    if significand >= 1 << 53 {
      significand >>= 1
      biasedExponent += 1
    }
    if biasedExponent >= 0x7FF { return .infinity }
    let bits = UInt64(biasedExponent) << 52 | (significand & ((1 << 52) - 1))
    return Double(bitPattern: bits)
  }

  /// Asks the C library, for numbers the fast paths leave (more than 19 significant digits,
  /// subnormals, near-ties). `text` is the JSON number's bytes; they are copied so they can be
  /// NUL-terminated.
  static func strtodFallback(_ text: UnsafeBufferPointer<UInt8>) -> Double {
    var copy = [CChar](repeating: 0, count: text.count + 1)
    for i in 0..<text.count { copy[i] = CChar(bitPattern: text[i]) }
    return copy.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
  }
}
