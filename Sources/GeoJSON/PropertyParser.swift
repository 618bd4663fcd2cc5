import GeoCore

extension GeoJSONParser {
  /// Parses any JSON value at the cursor (properties, ids, foreign members). `depth` is the
  /// nesting depth the value would have if it is an array or object.
  mutating func parseValue(depth: Int, context: @autoclosure () -> String) throws(ParseFailure) -> JSONValue {
    scanner.skipWhitespace()
    switch scanner.current {
    case UInt8(ascii: "\""):
      return .string(scanner.makeString(try scanner.scanString(context: context())))
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return .number(try scanner.parseNumber(context: context()))
    case UInt8(ascii: "{"):
      var object = JSONObject()
      try forEachMember(depth: depth, context: context()) { (parser, name) throws(ParseFailure) in
        let key = parser.scanner.makeString(name)
        // Duplicate names are kept as read (lookups find the first); checking would make a
        // hostile object with many members quadratic.
        object.append(key: key, value: try parser.parseValue(depth: depth + 1, context: "in \"\(key)\""))
      }
      return .object(object)
    case UInt8(ascii: "["):
      try checkDepth(depth)
      scanner.pos += 1
      var items: [JSONValue] = []
      if scanner.consume(UInt8(ascii: "]")) { return .array(items) }
      repeat {
        items.append(try parseValue(depth: depth + 1, context: context()))
      } while try separatorOrEnd(UInt8(ascii: "]"), context: "between array elements \(context())")
      return .array(items)
    default:
      return try parseLiteral(context: context())
    }
  }

  /// `true`, `false` or `null` at the cursor.
  mutating func parseLiteral(context: @autoclosure () -> String) throws(ParseFailure) -> JSONValue {
    let value: JSONValue
    let length: Int
    if scanner.matches("true", at: scanner.pos) {
      (value, length) = (.bool(true), 4)
    } else if scanner.matches("false", at: scanner.pos) {
      (value, length) = (.bool(false), 5)
    } else if scanner.matches("null", at: scanner.pos) {
      (value, length) = (.null, 4)
    } else {
      throw scanner.unexpected(expected: "a JSON value \(context())")
    }
    let end = scanner.pos + length
    if end < scanner.count && !ByteScanner.isDelimiter(scanner.base[end]) {
      throw scanner.unexpected(expected: "a JSON value \(context())")
    }
    scanner.pos = end
    return value
  }

  /// Checks and skips the value at the cursor without building it (members whose meaning is
  /// not needed, such as `bbox`, and the look-ahead for `type`).
  mutating func skipValue(depth: Int, context: @autoclosure () -> String) throws(ParseFailure) {
    scanner.skipWhitespace()
    switch scanner.current {
    case UInt8(ascii: "\""):
      _ = try scanner.scanString(context: context())
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      _ = try scanner.parseNumber(context: context())
    case UInt8(ascii: "{"):
      try forEachMember(depth: depth, context: context()) { (parser, _) throws(ParseFailure) in
        try parser.skipValue(depth: depth + 1, context: context())
      }
    case UInt8(ascii: "["):
      try checkDepth(depth)
      scanner.pos += 1
      if scanner.consume(UInt8(ascii: "]")) { return }
      repeat {
        try skipValue(depth: depth + 1, context: context())
      } while try separatorOrEnd(UInt8(ascii: "]"), context: "between array elements \(context())")
    default:
      _ = try parseLiteral(context: context())
    }
  }

  /// Is `null` next? Consumes it if so.
  mutating func consumeNull() -> Bool {
    scanner.skipWhitespace()
    let end = scanner.pos + 4
    guard scanner.matches("null", at: scanner.pos),
      end >= scanner.count || ByteScanner.isDelimiter(scanner.base[end])
    else { return false }
    scanner.pos = end
    return true
  }
}
