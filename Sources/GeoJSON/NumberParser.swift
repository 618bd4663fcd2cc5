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
    p = scanDigits(from: p, into: &mantissa)
    c = byte(at: p)
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
      p = scanDigits(from: p, into: &mantissa)
      c = byte(at: p)
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

    let fast = exact ? DecimalToDouble.convert(mantissa: mantissa, exponent: exponent) : nil
    let magnitude =
      fast
      ?? DecimalToDouble.strtodFallback(
        UnsafeBufferPointer(start: base + start + (negative ? 1 : 0), count: p - start - (negative ? 1 : 0)))
    if magnitude.isInfinite {
      throw failure(
        .numberOutOfRange,
        "number out of range \(describeToken(at: start)) \(context()): too large for a Double",
        at: start)
    }
    return negative ? -magnitude : magnitude
  }

  /// Accumulates the run of digits at `start` into `mantissa` (wrapping: the caller only trusts
  /// it for up to 19 digits) and returns the offset after the run.
  @inline(__always)
  func scanDigits(from start: Int, into mantissa: inout UInt64) -> Int {
    var p = start
    while let (value, length) = digitRun(at: p) {
      mantissa = mantissa &* ByteScanner.powerOfTen(length) &+ value
      p += length
      if length < 8 { return p }
    }
    // Within 8 bytes of the end of the input: one digit at a time.
    var c = byte(at: p)
    while ByteScanner.isDigit(c) {
      mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
      p += 1
      c = byte(at: p)
    }
    return p
  }

  /// The value and length of the run of up to eight ASCII digits at `offset`, read as one word
  /// (coordinates have 15-17 digits: two steps instead of a loop per digit); nil when fewer
  /// than eight bytes remain.
  @inline(__always)
  func digitRun(at offset: Int) -> (value: UInt64, length: Int)? {
    guard offset + 8 <= count else { return nil }
    let word = UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    // A byte is a digit when its high nibble is 3 and adding 6 keeps it 3 (low nibble <= 9);
    // `notDigit` has a zero byte exactly for the digits. Carries only run towards later bytes,
    // which never changes where the first non-digit is.
    let highNibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
    let notDigit =
      ((word & highNibbles) | (((word &+ 0x0606_0606_0606_0606) & highNibbles) >> 4)) ^ 0x3333_3333_3333_3333
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let nonzero = (((notDigit & low7) &+ low7) | notDigit) & 0x8080_8080_8080_8080
    let length = nonzero == 0 ? 8 : nonzero.trailingZeroBitCount >> 3
    if length == 0 { return (0, 0) }
    // Digit values with the first digit in the lowest byte; shifting the run to the top turns
    // the bytes after it into leading zeros. Then fold pairs, quads and halves.
    var v = (word &- 0x3030_3030_3030_3030) << UInt64(8 * (8 - length))
    v = (v &* 10 &+ (v >> 8)) & 0x00FF_00FF_00FF_00FF
    v = (v &* 100 &+ (v >> 16)) & 0x0000_FFFF_0000_FFFF
    v = (v &* 10_000 &+ (v >> 32)) & 0xFFFF_FFFF
    return (v, length)
  }

  @inline(__always)
  static func powerOfTen(_ n: Int) -> UInt64 {
    switch n {
    case 0: 1
    case 1: 10
    case 2: 100
    case 3: 1000
    case 4: 10_000
    case 5: 100_000
    case 6: 1_000_000
    case 7: 10_000_000
    default: 100_000_000
    }
  }

  @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
}
