/// Yams builds its node tree recursively, so YAML nested a few thousand levels deep overflows the
/// stack and crashes the process (found with a 10,000-deep `study: [[[…]]]`). A study config needs
/// four levels; this scan bounds the nesting from above before Yams sees the text: unclosed `[`
/// and `{` anywhere (quoted or not, so it can only over-count), plus each line's indentation and
/// its leading `- `, `? ` and `: ` entries.
enum YAMLNesting {
  /// Far more than any config needs, far less than what overflows a thread's stack.
  static let limit = 200

  /// The first line on which the nesting could pass `limit`, or nil when it cannot.
  static func lineTooDeep(_ text: String) -> Int? {
    let bytes = Array(text.utf8)
    func isBlank(_ i: Int) -> Bool {
      i >= bytes.count || bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A
    }
    var line = 1, flow = 0, block = 0, i = 0
    var atLineStart = true
    while i < bytes.count {
      if atLineStart {
        atLineStart = false
        block = 0
        while i < bytes.count {
          if bytes[i] == 0x20 || bytes[i] == 0x09 {
            block += 1
          } else if [UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":")].contains(bytes[i])
            && isBlank(i + 1)
          {
            block += 1
          } else {
            break
          }
          i += 1
        }
        if block + flow > limit { return line }
        continue
      }
      switch bytes[i] {
      case 0x0A:
        line += 1
        atLineStart = true
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        flow += 1
        if block + flow > limit { return line }
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        flow = max(0, flow - 1)
      default:
        break
      }
      i += 1
    }
    return nil
  }
}
