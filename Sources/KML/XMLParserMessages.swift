/// Words for the error codes `XMLParser` reports. On Linux they are libxml2's `xmlParserErrors`
/// (Foundation's own names for them are off by a few cases there), so the common ones are
/// named here from libxml2's list and the rest given by number.
enum XMLParserMessages {
  /// libxml2 codes and what they mean for someone holding the file.
  private static let known: [Int: String] = [
    4: "the document is empty",
    5: "the document ends too early or has content after its end",
    9: "a character that XML does not allow",
    26: "an entity (&name;) that is not defined",
    41: "an attribute value without quotes",
    46: "a comment that is not closed",
    64: "an XML declaration that is not closed",
    68: "a name is missing (a stray '<' or '&')",
    73: "'>' expected",
    76: "an end tag that does not match its start tag",
    77: "a tag that is not closed before the end of the file",
    6001: "the declared encoding is one libxml2 cannot read (save the file as UTF-8)",
    6003: "bytes that are not valid in the declared encoding (save the file as UTF-8)",
  ]

  /// `76` → "an end tag that does not match its start tag (XML error 76)".
  static func text(forCode code: Int) -> String {
    "\(known[code] ?? "libxml2 reports a syntax error") (XML error \(code))"
  }
}
