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
    var bytes: [UInt8] = []
    JSONBytes.append(self, to: &bytes)
    out += String(decoding: bytes, as: UTF8.self)
  }

  /// Shortest text that reads back as the same Double; whole numbers below 2^53 without `.0`.
  public static func format(_ n: Double) -> String {
    if n == n.rounded(), abs(n) < 9_007_199_254_740_992 { return String(Int64(n)) }
    return String(n)
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
