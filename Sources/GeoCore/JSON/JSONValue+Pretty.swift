extension JSONValue {
  /// Indented JSON (two spaces), keys in their stored order: for summary files people read.
  public var prettyJSON: String {
    var out: [UInt8] = []
    JSONBytes.appendPretty(self, to: &out)
    return String(decoding: out, as: UTF8.self)
  }
}
