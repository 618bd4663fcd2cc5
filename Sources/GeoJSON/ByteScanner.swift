/// A cursor over the raw bytes of a JSON document. Every read is bounds-checked: past the end it
/// sees a 0 byte, which no JSON token starts with, so loops stop there without extra tests.
struct ByteScanner {
  let base: UnsafePointer<UInt8>
  let count: Int
  var pos: Int

  init(_ bytes: UnsafeRawBufferPointer) {
    // An empty buffer may have a nil base address; point at a constant byte instead so `base`
    // is never optional (nothing is read from it because `count` is 0).
    if let address = bytes.baseAddress {
      base = address.assumingMemoryBound(to: UInt8.self)
    } else {
      base = ByteScanner.emptyByte
    }
    count = bytes.count
    pos = 0
  }

  // Never written after initialisation, so sharing it between threads is safe.
  nonisolated(unsafe) private static let emptyByte: UnsafePointer<UInt8> = {
    let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return UnsafePointer(pointer)
  }()

  @inline(__always) var isAtEnd: Bool { pos >= count }

  /// The byte at `offset`, or 0 past the end.
  @inline(__always) func byte(at offset: Int) -> UInt8 {
    offset < count ? base[offset] : 0
  }

  /// The byte at the cursor, or 0 at the end.
  @inline(__always) var current: UInt8 { byte(at: pos) }

  @inline(__always) mutating func skipWhitespace() {
    while pos < count {
      let c = base[pos]
      // Space is by far the most common; test it first.
      if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 } else { return }
    }
  }

  /// Skips a UTF-8 byte-order mark at the start (RFC 8259 lets parsers ignore it).
  mutating func skipByteOrderMark() {
    if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { pos = 3 }
  }

  /// Consumes `byte` if it is next (after whitespace).
  @inline(__always) mutating func consume(_ byte: UInt8) -> Bool {
    skipWhitespace()
    if pos < count && base[pos] == byte {
      pos += 1
      return true
    }
    return false
  }

  /// True when the bytes at `offset` spell `literal`.
  func matches(_ literal: StaticString, at offset: Int) -> Bool {
    let n = literal.utf8CodeUnitCount
    guard offset >= 0, n <= count - offset else { return false }
    let p = literal.utf8Start
    for i in 0..<n where base[offset + i] != p[i] { return false }
    return true
  }

  // MARK: Errors

  /// An error at `offset` (the cursor by default).
  func failure(_ problem: GeoJSONDiagnostic.Problem, _ message: String, at offset: Int? = nil) -> ParseFailure
  {
    ParseFailure(offset: offset ?? min(pos, count), problem: problem, message: message)
  }

  /// An error for an unexpected token at the cursor: says what was expected and what was found,
  /// and classifies the end of input and non-JSON numbers specially.
  func unexpected(expected: String) -> ParseFailure {
    if pos >= count {
      return failure(.unexpectedEnd, "unexpected end of input: expected \(expected)")
    }
    let c = base[pos]
    if c == UInt8(ascii: "N") || c == UInt8(ascii: "I")
      || (c == UInt8(ascii: "-")
        && (byte(at: pos + 1) == UInt8(ascii: "I") || byte(at: pos + 1) == UInt8(ascii: "N")))
    {
      return failure(
        .invalidNumber,
        "found \(describeToken()) where \(expected) was expected: NaN and Infinity are not JSON numbers")
    }
    if c == UInt8(ascii: "+") {
      return failure(.invalidNumber, "found \(describeToken()): a JSON number cannot start with '+'")
    }
    return failure(.malformedJSON, "expected \(expected), found \(describeToken())")
  }

  /// A short human description of the token at `offset`: `an object`, `an array`, the text of a
  /// string, number or word (cut short when long), or `the end of the input`.
  func describeToken(at offset: Int? = nil) -> String {
    let start = offset ?? pos
    guard start < count else { return "the end of the input" }
    let c = base[start]
    if c == UInt8(ascii: "{") { return "an object" }
    if c == UInt8(ascii: "[") { return "an array" }
    var end = start + 1
    let limit = min(count, start + 40)
    if c == UInt8(ascii: "\"") {
      while end < limit {
        let b = base[end]
        end += 1
        if b == UInt8(ascii: "\"") && base[end - 2] != UInt8(ascii: "\\") { break }
      }
    } else {
      while end < limit && !ByteScanner.isDelimiter(base[end]) { end += 1 }
    }
    // Binary or mis-encoded bytes would print as replacement characters: name the byte instead.
    // (A character cut by the 40-byte limit may leave up to 3 bytes of a sequence at the end.)
    let bytes = UnsafeBufferPointer(start: base + start, count: end - start)
    let cut = end == limit ? min(3, bytes.count) : 0
    let decoded = (0...cut).lazy.compactMap {
      String(validating: UnsafeBufferPointer(rebasing: bytes.dropLast($0)), as: UTF8.self)
    }.first
    guard var text = decoded, !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
      let bad = bytes.first { $0 >= 0x80 || $0 < 0x20 || $0 == 0x7F } ?? c
      return "byte 0x\(String(bad, radix: 16, uppercase: true)), which is not text (is this a GeoJSON file?)"
    }
    if end == limit && limit < count { text += "…" }
    // Strings already carry their quotes; anything else is quoted so it stands out.
    return c == UInt8(ascii: "\"") ? text : "\"\(text)\""
  }

  /// Bytes that end a bare token (a number or a word such as `true`).
  @inline(__always) static func isDelimiter(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == UInt8(ascii: ",") || c == UInt8(ascii: "]")
      || c == UInt8(ascii: "}") || c == UInt8(ascii: ":") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{")
      || c == UInt8(ascii: "\"")
  }

  /// 1-based line and column (in Unicode scalars) of `offset`. Only called when reporting an
  /// error, so a linear scan is fine.
  func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
    let end = min(max(offset, 0), count)
    var line = 1
    var column = 1
    var i = 0
    while i < end {
      let c = base[i]
      if c == 0x0A {
        line += 1
        column = 1
      } else if c & 0xC0 != 0x80 && !(i == 0 && end >= 3 && matches("\u{FEFF}", at: 0)) {
        // Continuation bytes belong to the scalar before them; the BOM is not a column.
        column += 1
      }
      i += 1
    }
    return (line, column)
  }
}
