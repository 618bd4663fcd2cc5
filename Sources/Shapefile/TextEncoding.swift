import Foundation

/// The text encoding of a .dbf: named by the .cpg file beside it, else Windows-1252 (what
/// ArcGIS and most councils' exports use when they write no .cpg).
struct TextEncoding: Sendable, Hashable {
  var encoding: String.Encoding
  /// How the encoding was chosen, for the layer's notes.
  var name: String

  static let fallback = TextEncoding(encoding: .windowsCP1252, name: "Windows-1252")

  /// The encoding a .cpg's text names, or nil when it names none Foundation decodes.
  /// Spellings seen in the wild: `UTF-8`, `utf8`, `65001`, `1252`, `ANSI 1252`, `CP1252`,
  /// `ISO-8859-1`, `88591`, `LATIN1`.
  static func named(_ text: String) -> TextEncoding? {
    let key = text.uppercased().filter { $0.isLetter || $0.isNumber }
    let table: [(names: [String], encoding: String.Encoding, label: String)] = [
      (["UTF8", "65001"], .utf8, "UTF-8"),
      (["1252", "CP1252", "ANSI1252", "WINDOWS1252", "WIN1252"], .windowsCP1252, "Windows-1252"),
      (["88591", "ISO88591", "LATIN1", "28591"], .isoLatin1, "ISO-8859-1"),
      (["88592", "ISO88592", "LATIN2", "28592"], .isoLatin2, "ISO-8859-2"),
      (["1250", "CP1250", "ANSI1250", "WINDOWS1250"], .windowsCP1250, "Windows-1250"),
      (["1251", "CP1251", "ANSI1251", "WINDOWS1251"], .windowsCP1251, "Windows-1251"),
      (["1253", "CP1253", "ANSI1253", "WINDOWS1253"], .windowsCP1253, "Windows-1253"),
      (["1254", "CP1254", "ANSI1254", "WINDOWS1254"], .windowsCP1254, "Windows-1254"),
      (["ASCII", "USASCII", "646"], .ascii, "ASCII"),
      (["SHIFTJIS", "SJIS", "932", "CP932"], .shiftJIS, "Shift_JIS"),
      (["EUCJP"], .japaneseEUC, "EUC-JP"),
    ]
    guard let row = table.first(where: { $0.names.contains(key) }) else { return nil }
    return TextEncoding(encoding: row.encoding, name: row.label)
  }

  /// `bytes` as text, or nil when they are not valid in this encoding.
  func decode(_ bytes: [UInt8]) -> String? {
    if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
    return String(bytes: bytes, encoding: encoding)
  }
}
