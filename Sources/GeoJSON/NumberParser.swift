extension ByteScanner {
  /// Parses the JSON number at the cursor (RFC 8259 grammar: no `+`, no leading zeros, no
  /// `NaN`/`Infinity`, no hex) into the correctly rounded Double. `context` names where the
  /// number is, for error messages (`in "coordinates"`).
  @inline(__always)
  mutating func parseNumber(context: @autoclosure () -> String) throws(ParseFailure) -> Double {
    let start = pos
    var p = pos
    let negative = byte(at: p) == UInt8(ascii: "-")
    if negative { p += 1 }

    // Fast scan: accumulate every digit (wrapping) and count them; only when there are more
    // than 19 digits is the exact count of significant digits (without leading zeros) needed.
    var mantissa: UInt64 = 0
    var c = byte(at: p)
    let integerStart = p
    guard ByteScanner.isDigit(c) else {
      pos = start
      throw unexpected(expected: "a number \(context())")
    }
    while let eight = eightDigits(at: p) {
      mantissa = mantissa &* 100_000_000 &+ eight
      p += 8
    }
    c = byte(at: p)
    while ByteScanner.isDigit(c) {
      mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
      p += 1
      c = byte(at: p)
    }
    let integerDigits = p - integerStart
    if integerDigits > 1 && base[integerStart] == UInt8(ascii: "0") {
      throw failure(.invalidNumber, "a JSON number cannot have leading zeros \(context())", at: start)
    }
    var fractionDigits = 0
    if c == UInt8(ascii: ".") {
      p += 1
      let fractionStart = p
      c = byte(at: p)
      guard ByteScanner.isDigit(c) else {
        throw failure(.invalidNumber, "expected a digit after the decimal point \(context())", at: p)
      }
      while let eight = eightDigits(at: p) {
        mantissa = mantissa &* 100_000_000 &+ eight
        p += 8
      }
      c = byte(at: p)
      while ByteScanner.isDigit(c) {
        mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
        p += 1
        c = byte(at: p)
      }
      fractionDigits = p - fractionStart
    }
    var exponent = -fractionDigits
    var exact = integerDigits + fractionDigits <= 19
    if !exact {
      // Leading zeros (as in 0.000000000000000000123) are not significant: recount without them.
      var first = integerStart
      while first < p && (base[first] == UInt8(ascii: "0") || base[first] == UInt8(ascii: ".")) { first += 1 }
      let significant = (p - first) - (fractionDigits > 0 && first < p - fractionDigits ? 1 : 0)
      exact = significant <= 19
    }

    c = byte(at: p)
    if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
      p += 1
      var exponentNegative = false
      c = byte(at: p)
      if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
        exponentNegative = c == UInt8(ascii: "-")
        p += 1
        c = byte(at: p)
      }
      guard ByteScanner.isDigit(c) else {
        throw failure(.invalidNumber, "expected a digit in the exponent \(context())", at: p)
      }
      var value = 0
      repeat {
        // Saturate: anything this large is out of range (or zero) anyway.
        if value < 1_000_000 { value = value * 10 + Int(c &- 0x30) }
        p += 1
        c = byte(at: p)
      } while ByteScanner.isDigit(c)
      exponent += exponentNegative ? -value : value
    }

    if p < count && !ByteScanner.isDelimiter(base[p]) {
      throw failure(.invalidNumber, "malformed number \(describeToken(at: start)) \(context())", at: start)
    }
    pos = p

    var magnitude: Double
    if !exact {
      magnitude = DecimalToDouble.strtodFallback(
        UnsafeBufferPointer(start: base + start + (negative ? 1 : 0), count: p - start - (negative ? 1 : 0)))
    } else if let fast = DecimalToDouble.convert(mantissa: mantissa, exponent: exponent) {
      magnitude = fast
    } else {
      magnitude = DecimalToDouble.strtodFallback(
        UnsafeBufferPointer(start: base + start + (negative ? 1 : 0), count: p - start - (negative ? 1 : 0)))
    }
    if magnitude.isInfinite {
      throw failure(
        .numberOutOfRange,
        "number out of range \(describeToken(at: start)) \(context()): too large for a Double",
        at: start)
    }
    return negative ? -magnitude : magnitude
  }

  /// The value of eight ASCII digits at `offset`, or nil when fewer than eight digits follow.
  /// Coordinates have 15-17 digits, so doing eight per step halves the digit loop.
  @inline(__always)
  func eightDigits(at offset: Int) -> UInt64? {
    guard offset + 8 <= count else { return nil }
    let word = UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    // Every byte has high nibble 3, and adding 6 keeps it 3 (so the low nibble is at most 9).
    let highNibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
    guard
      (word & highNibbles) | (((word &+ 0x0606_0606_0606_0606) & highNibbles) >> 4) == 0x3333_3333_3333_3333
    else { return nil }
    // Digit values, first digit in the lowest byte; fold pairs, then quads, then the halves.
    var v = word &- 0x3030_3030_3030_3030
    v = (v &* 10 &+ (v >> 8)) & 0x00FF_00FF_00FF_00FF
    v = (v &* 100 &+ (v >> 16)) & 0x0000_FFFF_0000_FFFF
    v = (v &* 10_000 &+ (v >> 32)) & 0xFFFF_FFFF
    return v
  }

  @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
}
