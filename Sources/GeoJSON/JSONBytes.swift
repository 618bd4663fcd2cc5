import GeoCore

/// Writes `JSONValue`s as compact JSON straight into a byte buffer. The text is exactly what
/// `JSONValue.writeJSON(into:)` produces (tests check this); that one appends to a `String`
/// scalar by scalar, which made property output most of the writer's time.
enum JSONBytes {
  /// Appends the compact JSON text of `value`.
  static func append(_ value: JSONValue, to out: inout [UInt8]) {
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
  static func appendObject(_ object: JSONObject, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "{"))
    for i in 0..<object.count {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      appendQuoted(object.keys[i], to: &out)
      out.append(UInt8(ascii: ":"))
      append(object.values[i], to: &out)
    }
    out.append(UInt8(ascii: "}"))
  }

  /// Numbers as `JSONValue.format` writes them: whole numbers below 2^53 without `.0`, others
  /// in the shortest text that reads back the same; non-finite values as `null`.
  static func appendNumber(_ n: Double, to out: inout [UInt8]) {
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
      CoordinateFormatter.appendDigits(of: whole, to: &out)
    } else {
      out.append(contentsOf: JSONValue.format(n).utf8)
    }
  }

  /// Appends `s` as a JSON string literal, escaping as `JSONValue.appendQuoted` does; runs of
  /// bytes that need no escaping are copied in one go.
  static func appendQuoted(_ s: String, to out: inout [UInt8]) {
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

  @inline(__always)
  static func appendLiteral(_ literal: StaticString, to out: inout [UInt8]) {
    out.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }
}
