/// The one place text becomes safe inside markup: SVG maps, the HTML report and the Markdown
/// report all take their entities from here.
public enum MarkupEscaping {
  /// The entity for one of XML's five special characters (`&`, `<`, `>`, `"`, `'`), or nil for
  /// any other character.
  public static func entity(for scalar: Unicode.Scalar) -> String? {
    switch scalar {
    case "&": "&amp;"
    case "<": "&lt;"
    case ">": "&gt;"
    case "\"": "&quot;"
    case "'": "&apos;"
    default: nil
    }
  }

  /// The entity for `character` when it is one of XML's five special characters, else nil.
  public static func entity(for character: Character) -> String? {
    guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return nil }
    return entity(for: scalar)
  }
}

extension String {
  /// The text with the five XML special characters replaced by entities, safe inside element
  /// content and inside single- or double-quoted attribute values. Control characters XML 1.0
  /// forbids (everything below U+0020 except tab, line feed and carriage return) are dropped,
  /// because no entity can carry them and one would make the whole file unreadable.
  public var xmlEscaped: String {
    // Almost every name and id needs no escaping: one byte scan instead of a scalar-by-scalar
    // copy (a national map escapes tens of thousands of names).
    let needsWork = utf8.contains { byte in
      (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == UInt8(ascii: "&")
        || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
        || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == 0xEF
    }
    guard needsWork else { return self }
    var out = ""
    out.reserveCapacity(utf8.count)
    for scalar in unicodeScalars {
      if let entity = MarkupEscaping.entity(for: scalar) {
        out += entity
        continue
      }
      switch scalar {
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}
