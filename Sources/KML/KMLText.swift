import Foundation

/// The text check made before a document reaches `XMLParser`: KML is read as UTF-8 only.
/// Foundation's XMLParser on Linux traps (a crash, not an error) when libxml2 hands it an
/// element name that is not valid UTF-8, which libxml2 lets through in some malformed
/// documents (found by fuzzing: a stray 0x9E after `<kml`), and reads a NULL pointer for a
/// processing instruction without data (`<?x?>`). Checking the bytes first turns those into
/// errors naming the line, and keeps other encodings' converters, characters XML does not allow, processing instructions and
/// DTDs (which KML never has) out of the parser's way.
enum KMLText {
  /// Throws ``KMLError/notUTF8(path:line:what:)`` for a UTF-16 byte-order mark, a NUL byte,
  /// bytes that are not UTF-8, or an XML declaration naming another encoding, and
  /// ``KMLError/unsupportedMarkup(path:line:what:)`` for a character XML does not allow or
  /// markup KML does not use.
  static func check(_ data: Data, source: String) throws(KMLError) {
    if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
      throw .notUTF8(path: source, line: 1, what: "the file is UTF-16 text")
    }
    if let declared = declaredEncoding(data),
      !["utf-8", "utf8", "us-ascii", "ascii"].contains(declared.lowercased())
    {
      throw .notUTF8(path: source, line: 1, what: "the XML declaration says encoding=\"\(declared)\"")
    }
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = data.makeIterator()
    var line = 1
    var forbidden: (value: UInt32, line: Int)?
    scan: while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar):
        let value = Unicode.UTF8.decode(scalar).value
        if value == 0x0A { line += 1 }
        if value == 0 { throw .notUTF8(path: source, line: line, what: "a NUL byte (is this a KML file?)") }
        if forbidden == nil, !isXMLCharacter(value) { forbidden = (value, line) }
      case .error:
        throw .notUTF8(path: source, line: line, what: "bytes that are not UTF-8 text")
      case .emptyInput:
        break scan
      }
    }
    // Markup first: a processing instruction on line 1 is the error to name, not a control
    // character on line 3 (the markup check may misread text after such a character, but any
    // document holding one is refused here anyway).
    try checkMarkup(data, source: source)
    if let forbidden {
      throw .unsupportedMarkup(
        path: source, line: forbidden.line,
        what:
          "the character U+\(String(format: "%04X", forbidden.value)), which XML does not allow in a document"
      )
    }
  }

  /// XML 1.0's `Char` production. libxml2 ends a comment or CDATA section at a character outside
  /// it and parses on from there (in recovery), so a `<?x?>` that the markup check took for
  /// comment text would reach the parser (found by fuzzing: `<!-- \u{1} <?x?> -->`).
  static func isXMLCharacter(_ value: UInt32) -> Bool {
    switch value {
    case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }

  /// Rejects processing instructions other than a leading XML declaration, and DOCTYPE or
  /// ENTITY declarations; comments and CDATA sections are skipped over.
  static func checkMarkup(_ data: Data, source: String) throws(KMLError) {
    let bytes = [UInt8](data)
    var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    if bytes[start...].starts(with: Array("<?xml".utf8)), start + 5 < bytes.count,
      [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start + 5]),
      let end = find(Array("?>".utf8), in: bytes, from: start + 5),
      !bytes[start + 5..<end].contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") })
    {
      start = end + 2  // a declaration holds no markup; one that seems to is checked as markup
    }
    var i = start
    var line = 1 + bytes[..<start].filter { $0 == 0x0A }.count
    func skip(to terminator: String) -> Bool {
      guard let end = find(Array(terminator.utf8), in: bytes, from: i) else { return false }
      line += bytes[i..<end].filter { $0 == 0x0A }.count
      i = end + terminator.utf8.count
      return true
    }
    while i < bytes.count {
      if bytes[i] == 0x0A { line += 1 }
      guard bytes[i] == UInt8(ascii: "<"), i + 1 < bytes.count else {
        i += 1
        continue
      }
      let rest = bytes[i...]
      if rest.starts(with: Array("<!--".utf8)) {
        guard skip(to: "-->") else { return }
      } else if rest.starts(with: Array("<![CDATA[".utf8)) {
        guard skip(to: "]]>") else { return }
      } else if rest.starts(with: Array("<?".utf8)) {
        throw .unsupportedMarkup(
          path: source, line: line, what: "a processing instruction (<?…?>), which KML does not use")
      } else if rest.starts(with: Array("<!".utf8)) {
        throw .unsupportedMarkup(
          path: source, line: line, what: "a DOCTYPE or ENTITY declaration, which KML does not use")
      } else {
        i += 1
      }
    }
  }

  /// The first index of `needle` in `bytes` at or after `from`.
  private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
    guard !needle.isEmpty, bytes.count >= needle.count, from <= bytes.count - needle.count else { return nil }
    var i = from
    while i <= bytes.count - needle.count {
      if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }

  /// The `encoding` of the XML declaration (`<?xml version="1.0" encoding="…"?>`), if any.
  static func declaredEncoding(_ data: Data) -> String? {
    var head = data.prefix(256)
    if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
    guard head.starts(with: Array("<?xml".utf8)) else { return nil }
    let text = String(decoding: head, as: UTF8.self)
    guard let end = text.range(of: "?>"),
      let key = text.range(of: "encoding", range: text.startIndex..<end.lowerBound)
    else { return nil }
    let rest = text[key.upperBound..<end.lowerBound].drop { $0 == " " || $0 == "=" || $0 == "\t" }
    guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
    return String(rest.dropFirst().prefix { $0 != quote })
  }
}
