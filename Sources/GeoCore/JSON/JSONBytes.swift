/// Writes `JSONValue`s as JSON text straight into a byte buffer: the one writer behind
/// `JSONValue.jsonText`, `prettyJSON` and GeoJSON properties. Appending to a `String` scalar by
/// scalar made property output most of the GeoJSON writer's time, and a national report's
/// summary.json (10 MB) a third of a second.
public enum JSONBytes {
  /// Appends the compact JSON text of `value`.
  public static func append(_ value: JSONValue, to out: inout [UInt8]) {
    switch value {
    case .null: appendLiteral("null", to: &out)
    case .bool(let b): appendLiteral(b ? "true" : "false", to: &out)
    case .number(let n): appendNumber(n, to: &out)
    case .string(let s): appendQuoted(s, to: &out)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        append(item, to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let object): appendObject(object, to: &out)
    }
  }

  /// Appends `{"key":value,...}`.
  public static func appendObject(_ object: JSONObject, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "{"))
    for i in 0..<object.count {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      appendQuoted(object.keys[i], to: &out)
      out.append(UInt8(ascii: ":"))
      append(object.values[i], to: &out)
    }
    out.append(UInt8(ascii: "}"))
  }

  /// Numbers by `JSONValue.format`'s rule, into bytes without a `String` (whole numbers below
  /// 2^53 without `.0`, others in the shortest text that reads back the same); non-finite values
  /// as `null`.
  public static func appendNumber(_ n: Double, to out: inout [UInt8]) {
    guard n.isFinite else {
      appendLiteral("null", to: &out)
      return
    }
    if n == n.rounded(), abs(n) < 9_007_199_254_740_992 {
      var whole = Int64(n)
      if whole < 0 {
        out.append(UInt8(ascii: "-"))
        whole = -whole
      }
      appendDigits(of: whole, to: &out)
    } else {
      out.append(contentsOf: String(n).utf8)
    }
  }

  /// Appends `s` as a JSON string literal (RFC 8259 escaping: quote, backslash, the short
  /// escapes, other controls as \u00XX); runs of bytes that need no escaping are copied in one go.
  public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { utf8 in
      var runStart = 0
      for i in 0..<utf8.count {
        let c = utf8[i]
        guard c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 else { continue }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
        runStart = i + 1
        out.append(UInt8(ascii: "\\"))
        switch c {
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
          let hex: [UInt8] = Array("0123456789abcdef".utf8)
          out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]])
        }
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
    }
    out.append(UInt8(ascii: "\""))
  }

  /// Appends `value` indented by two spaces a level, keys in their stored order, as people read
  /// summary files: arrays of numbers only and empty containers stay on one line.
  public static func appendPretty(_ value: JSONValue, indent: Int = 0, to out: inout [UInt8]) {
    switch value {
    case .array(let items) where !items.isEmpty:
      if items.allSatisfy({ if case .number = $0 { true } else { false } }) {
        append(value, to: &out)
        return
      }
      out.append(contentsOf: [UInt8(ascii: "["), 0x0A])
      for (i, item) in items.enumerated() {
        appendSpaces(2 * (indent + 1), to: &out)
        appendPretty(item, indent: indent + 1, to: &out)
        appendLineEnd(last: i + 1 == items.count, to: &out)
      }
      appendSpaces(2 * indent, to: &out)
      out.append(UInt8(ascii: "]"))
    case .object(let object) where !object.isEmpty:
      out.append(contentsOf: [UInt8(ascii: "{"), 0x0A])
      for i in 0..<object.count {
        appendSpaces(2 * (indent + 1), to: &out)
        appendQuoted(object.keys[i], to: &out)
        out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
        appendPretty(object.values[i], indent: indent + 1, to: &out)
        appendLineEnd(last: i + 1 == object.count, to: &out)
      }
      appendSpaces(2 * indent, to: &out)
      out.append(UInt8(ascii: "}"))
    default:
      append(value, to: &out)
    }
  }

  private static func appendSpaces(_ count: Int, to out: inout [UInt8]) {
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
  }

  private static func appendLineEnd(last: Bool, to out: inout [UInt8]) {
    if !last { out.append(UInt8(ascii: ",")) }
    out.append(0x0A)
  }

  /// Appends the decimal digits of `value` (≥ 0).
  private static func appendDigits(of value: Int64, to out: inout [UInt8]) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
      var v = value
      var i = 20
      repeat {
        i -= 1
        buffer[i] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
        v /= 10
      } while v > 0
      out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<20]))
    }
  }

  /// Appends the bytes of a literal (`null`, `true`, `false`).
  @inline(__always)
  public static func appendLiteral(_ literal: StaticString, to out: inout [UInt8]) {
    out.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }
}
