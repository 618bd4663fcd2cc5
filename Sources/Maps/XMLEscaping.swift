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
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
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

extension String {
  /// A name usable in `data-*` attribute names: lower-case ASCII letters, digits and hyphens
  /// (XML names are stricter than property names such as `Referral method`).
  var dataAttributeName: String {
    var out = ""
    for scalar in unicodeScalars {
      switch scalar {
      case "a"..."z", "0"..."9": out.unicodeScalars.append(scalar)
      case "A"..."Z": out.unicodeScalars.append(Unicode.Scalar(scalar.value + 32) ?? scalar)
      default: if !out.hasSuffix("-") { out += "-" }
      }
    }
    while out.hasPrefix("-") { out.removeFirst() }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "value" : out
  }
}
