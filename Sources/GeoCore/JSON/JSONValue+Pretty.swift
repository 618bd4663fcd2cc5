extension JSONValue {
  /// Indented JSON (two spaces), keys in their stored order: for summary files people read.
  public var prettyJSON: String {
    var out = ""
    writePretty(into: &out, indent: 0)
    return out
  }

  private func writePretty(into out: inout String, indent: Int) {
    let pad = String(repeating: "  ", count: indent + 1)
    let closePad = String(repeating: "  ", count: indent)
    switch self {
    case .array(let items) where !items.isEmpty:
      if items.allSatisfy({ if case .number = $0 { true } else { false } }) {
        writeJSON(into: &out)
        return
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += pad
        item.writePretty(into: &out, indent: indent + 1)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += closePad + "]"
    case .object(let object) where !object.isEmpty:
      out += "{\n"
      for (i, (key, value)) in object.enumerated() {
        out += pad
        JSONValue.appendQuoted(key, to: &out)
        out += ": "
        value.writePretty(into: &out, indent: indent + 1)
        out += i + 1 < object.count ? ",\n" : "\n"
      }
      out += closePad + "}"
    default:
      writeJSON(into: &out)
    }
  }
}
