import GeoCore

/// Builds an RFC 4180 CSV table in memory (UTF-8, header row, CRLF-free `\n` line ends, fields
/// quoted only when they hold a comma, quote or line break). Numbers are written with fixed
/// decimals so tables diff cleanly.
public struct CSVWriter: Sendable {
  /// The table's bytes so far.
  public private(set) var bytes: [UInt8] = []
  private var fieldsInRow = 0

  /// Starts a table with its header.
  public init(header: [String]) {
    for name in header { text(name) }
    endRow()
  }

  /// Appends a text field (quoted when needed). Formula-looking text is left as it is: the
  /// tables are data, and quoting is what keeps a comma or quote inert.
  public mutating func text(_ value: String?) {
    separator()
    guard var value, !value.isEmpty else { return }
    // Through the string's own UTF-8 buffer: its `utf8` view, scanned and then copied, went
    // through the generic collection path a byte at a time.
    value.withUTF8 { utf8 in
      let needsQuotes = utf8.contains {
        $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13
      }
      guard needsQuotes else { return bytes.append(contentsOf: utf8) }
      bytes.append(UInt8(ascii: "\""))
      for byte in utf8 {
        if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        bytes.append(byte)
      }
      bytes.append(UInt8(ascii: "\""))
    }
  }

  /// Appends a number with `decimals` fixed decimals (empty when nil or not finite).
  public mutating func number(_ value: Double?, decimals: Int) {
    separator()
    if let value { FixedDecimal.append(value, decimals: decimals, to: &bytes) }
  }

  /// Appends an integer.
  public mutating func integer(_ value: Int?) {
    separator()
    if let value { bytes.append(contentsOf: String(value).utf8) }
  }

  /// Appends `true`/`false`.
  public mutating func flag(_ value: Bool) {
    separator()
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }

  /// Ends the current row.
  public mutating func endRow() {
    bytes.append(10)
    fieldsInRow = 0
  }

  private mutating func separator() {
    if fieldsInRow > 0 { bytes.append(UInt8(ascii: ",")) }
    fieldsInRow += 1
  }

  /// Writes the table atomically to `path`.
  public func write(to path: String) throws(AtomicFile.WriteError) {
    try AtomicFile.write(bytes, to: path)
  }
}
