import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Words for `XMLParser`'s error codes (Foundation gives only a generic description on Linux).
enum XMLParserMessages {
  /// `XMLParser.ErrorCode.tagNameMismatchError` → "tag name mismatch (XML error 76)".
  static func text(forCode code: Int) -> String {
    if code == XMLParser.ErrorCode.emptyDocumentError.rawValue || code == 4 {
      return "the document is empty (XML error \(code))"
    }
    guard let known = XMLParser.ErrorCode(rawValue: code) else { return "XML error \(code)" }
    var words = ""
    for character in String(describing: known).replacingOccurrences(of: "Error", with: "") {
      if character.isUppercase { words += " " }
      words += character.lowercased()
    }
    return "\(words.trimmingCharacters(in: .whitespaces)) (XML error \(code))"
  }
}
