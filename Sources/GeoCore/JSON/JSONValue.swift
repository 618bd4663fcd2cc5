/// A JSON value as read from a GeoJSON `properties` member, `id` or foreign member. Object keys
/// keep their order so a file round-trips as it was written.
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// The number, or a string that reads as one (`"1,234"` does not); `nil` otherwise.
  public var numberValue: Double? {
    switch self {
    case .number(let n): n
    case .string(let s): Double(s.trimmingCharactersInWhitespace())
    default: nil
    }
  }

  /// The value as plain text: strings as they are, numbers without a trailing `.0` when whole,
  /// `nil` for null; arrays and objects as compact JSON.
  public var text: String? {
    switch self {
    case .null: nil
    case .bool(let b): b ? "true" : "false"
    case .number(let n): JSONValue.format(n)
    case .string(let s): s
    case .array, .object: jsonText
    }
  }

  /// Compact JSON text of the value.
  public var jsonText: String {
    var out = ""
    writeJSON(into: &out)
    return out
  }

  /// Appends the compact JSON text of the value to `out`.
  public func writeJSON(into out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += n.isFinite ? JSONValue.format(n) : "null"
    case .string(let s): JSONValue.appendQuoted(s, to: &out)
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.writeJSON(into: &out)
      }
      out += "]"
    case .object(let object):
      out += "{"
      for (i, (key, value)) in object.enumerated() {
        if i > 0 { out += "," }
        JSONValue.appendQuoted(key, to: &out)
        out += ":"
        value.writeJSON(into: &out)
      }
      out += "}"
    }
  }

  /// Shortest text that reads back as the same Double; whole numbers below 2^53 without `.0`.
  public static func format(_ n: Double) -> String {
    if n == n.rounded(), abs(n) < 9_007_199_254_740_992 { return String(Int64(n)) }
    return String(n)
  }

  /// Appends `s` as a JSON string literal (RFC 8259 escaping).
  public static func appendQuoted(_ s: String, to out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and line breaks.
  func trimmingCharactersInWhitespace() -> Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
    let end = lastIndex(where: { !isSpace($0) })!
    return self[start...end]
  }
}
