/// A JSON string literal located in the input: its content bytes (between the quotes) and whether
/// they contain escapes that need decoding.
struct RawString {
  var start: Int
  var end: Int
  var hasEscapes: Bool
}

extension ByteScanner {
  /// Scans the string literal at the cursor, checking its escapes, and leaves the cursor after
  /// the closing quote. Nothing is copied: plain keys are compared in place.
  @inline(__always)
  mutating func scanString(context: @autoclosure () -> String) throws(ParseFailure) -> RawString {
    guard byte(at: pos) == UInt8(ascii: "\"") else { throw unexpected(expected: "a string \(context())") }
    let start = pos + 1
    var p = start
    var hasEscapes = false
    while p < count {
      // Skip eight plain bytes at a time (no quote, backslash or control character), then jump
      // straight to the first special byte of the word.
      while p + 8 <= count {
        let word = UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
        let special = ByteScanner.specialStringBytes(word)
        if special != 0 {
          p += special.trailingZeroBitCount >> 3
          break
        }
        p += 8
      }
      guard p < count else { break }
      let c = base[p]
      if c == UInt8(ascii: "\"") {
        pos = p + 1
        return RawString(start: start, end: p, hasEscapes: hasEscapes)
      }
      if c == UInt8(ascii: "\\") {
        hasEscapes = true
        let e = byte(at: p + 1)
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
          UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          p += 2
        case UInt8(ascii: "u"):
          for k in 2..<6 where ByteScanner.hexValue(byte(at: p + k)) == nil {
            if p + k >= count { break }
            throw failure(
              .malformedJSON, "invalid \\u escape in a string \(context()): expected 4 hex digits", at: p)
          }
          p += 6
        case 0 where p + 1 >= count:
          p += 1
        default:
          throw failure(
            .malformedJSON, "invalid escape \\\(Unicode.Scalar(e)) in a string \(context())", at: p)
        }
        continue
      }
      if c >= 0x80 {
        guard let length = ByteScanner.utf8SequenceLength(base, at: p, count: count) else {
          throw failure(
            .malformedJSON,
            "invalid UTF-8 (byte 0x\(String(c, radix: 16, uppercase: true))) in a string \(context()): "
              + "GeoJSON must be UTF-8 (RFC 7946); save the file as UTF-8", at: p)
        }
        p += length
        continue
      }
      if c < 0x20 {
        throw failure(
          .malformedJSON,
          "control character (byte 0x\(String(c, radix: 16))) inside a string \(context()): "
            + "line breaks and tabs must be escaped", at: p)
      }
      p += 1
    }
    pos = count
    throw failure(.unexpectedEnd, "unexpected end of input inside a string \(context())", at: start - 1)
  }

  /// High bits set for the bytes of `word` (first byte lowest) that are `"`, `\\`, below 0x20
  /// or above 0x7F (checked as UTF-8). Uses the "has a zero byte" test
  /// (`(x - 0x01..) & ~x & 0x80..`): borrows can flag bytes after a real match, never before it,
  /// so the lowest flag is always right.
  @inline(__always)
  static func specialStringBytes(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let quote = word ^ (ones &* 0x22)
    let backslash = word ^ (ones &* 0x5C)
    let hasQuote = (quote &- ones) & ~quote
    let hasBackslash = (backslash &- ones) & ~backslash
    let hasControl = (word &- ones &* 0x20) & ~word
    return (hasQuote | hasBackslash | hasControl | word) & highs
  }

  /// The length of the well-formed UTF-8 sequence starting at `p` (a byte above 0x7F), or nil
  /// when it is not one (a Latin-1 byte, a stray continuation byte, an overlong form, a
  /// surrogate, a truncated sequence): the Unicode "maximal subpart" rules.
  static func utf8SequenceLength(_ base: UnsafePointer<UInt8>, at p: Int, count: Int) -> Int? {
    func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
      p + k < count && range.contains(base[p + k])
    }
    switch base[p] {
    case 0xC2...0xDF: return continuation(1) ? 2 : nil
    case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : nil
    case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : nil
    case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : nil
    case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : nil
    case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : nil
    case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : nil
    default: return nil
    }
  }

  /// The decoded text of a scanned string (its UTF-8 already checked). Lone surrogate escapes
  /// (`\\uD800`) become U+FFFD.
  func makeString(_ raw: RawString) -> String {
    let bytes = UnsafeBufferPointer(start: base + raw.start, count: raw.end - raw.start)
    guard raw.hasEscapes else { return String(decoding: bytes, as: UTF8.self) }
    var decoded: [UInt8] = []
    decoded.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      let c = bytes[i]
      guard c == UInt8(ascii: "\\"), i + 1 < bytes.count else {
        decoded.append(c)
        i += 1
        continue
      }
      let e = bytes[i + 1]
      i += 2
      switch e {
      case UInt8(ascii: "b"): decoded.append(0x08)
      case UInt8(ascii: "f"): decoded.append(0x0C)
      case UInt8(ascii: "n"): decoded.append(0x0A)
      case UInt8(ascii: "r"): decoded.append(0x0D)
      case UInt8(ascii: "t"): decoded.append(0x09)
      case UInt8(ascii: "u"):
        var unit = ByteScanner.hex4(bytes, at: i)
        i += 4
        if (0xD800..<0xDC00).contains(unit) {
          // A high surrogate pairs with an immediately following \uDC00-\uDFFF.
          if i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
            let next = ByteScanner.hex4(bytes, at: i + 2)
            if (0xDC00..<0xE000).contains(next) {
              unit = 0x10000 + ((unit - 0xD800) << 10) + (next - 0xDC00)
              i += 6
            } else {
              unit = 0xFFFD
            }
          } else {
            unit = 0xFFFD
          }
        } else if (0xDC00..<0xE000).contains(unit) {
          unit = 0xFFFD
        }
        let scalar = Unicode.Scalar(unit) ?? "\u{FFFD}"
        decoded.append(contentsOf: String(Character(scalar)).utf8)
      default: decoded.append(e)  // \" \\ \/
      }
    }
    return String(decoding: decoded, as: UTF8.self)
  }

  /// True when the scanned string is exactly `literal` (the literal has no characters that
  /// need escaping, so escaped input is decoded first).
  @inline(__always)
  func rawString(_ raw: RawString, equals literal: StaticString) -> Bool {
    if raw.hasEscapes { return makeString(raw) == literal.description }
    return raw.end - raw.start == literal.utf8CodeUnitCount && matches(literal, at: raw.start)
  }

  /// True when the scanned string is exactly `string`.
  @inline(__always)
  func rawString(_ raw: RawString, equals string: String) -> Bool {
    if raw.hasEscapes { return makeString(raw) == string }
    var string = string
    return string.withUTF8 { utf8 in
      guard utf8.count == raw.end - raw.start else { return false }
      guard let p = utf8.baseAddress else { return true }
      for i in 0..<utf8.count where p[i] != base[raw.start + i] { return false }
      return true
    }
  }

  static func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(c - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(c - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  /// Four hex digits at `i` (already validated by `scanString`; missing digits read as 0).
  private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
    var value: UInt32 = 0
    for k in i..<(i + 4) {
      value = value << 4 | (k < bytes.count ? hexValue(bytes[k]) ?? 0 : 0)
    }
    return value
  }
}
