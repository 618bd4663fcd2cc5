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
    repeat {
      mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
      p += 1
      c = byte(at: p)
    } while ByteScanner.isDigit(c)
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
      repeat {
        mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
        p += 1
        c = byte(at: p)
      } while ByteScanner.isDigit(c)
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

  @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
}
