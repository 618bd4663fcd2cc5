import Foundation

/// The text check made before a document reaches `XMLParser`: KML is read as UTF-8 only.
/// Foundation's XMLParser on Linux traps (a crash, not an error) when libxml2 hands it an
/// element name that is not valid UTF-8, which libxml2 lets through in some malformed
/// documents (found by fuzzing: a stray 0x9E after `<kml`). Checking the bytes first turns that
/// into an error naming the line, and keeps other encodings' converters out of the way.
enum KMLText {
  /// Throws ``KMLError/notUTF8(path:line:what:)`` for a UTF-16 byte-order mark, a NUL byte,
  /// bytes that are not UTF-8, or an XML declaration naming another encoding.
  static func check(_ data: Data, source: String) throws(KMLError) {
    if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
      throw .notUTF8(path: source, line: 1, what: "the file is UTF-16 text")
    }
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = data.makeIterator()
    var line = 1
    scan: while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar):
        if scalar.count == 1, let byte = scalar.first {
          if byte == 0x0A { line += 1 }
          if byte == 0 { throw .notUTF8(path: source, line: line, what: "a NUL byte (is this a KML file?)") }
        }
      case .error:
        throw .notUTF8(path: source, line: line, what: "bytes that are not UTF-8 text")
      case .emptyInput:
        break scan
      }
    }
    if let declared = declaredEncoding(data),
      !["utf-8", "utf8", "us-ascii", "ascii"].contains(declared.lowercased())
    {
      throw .notUTF8(path: source, line: 1, what: "the XML declaration says encoding=\"\(declared)\"")
    }
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
