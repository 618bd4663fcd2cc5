import Foundation

/// A CSV file read as RFC 4180: a header row and records of text fields. Quoted fields may hold
/// commas, quotes (doubled) and line breaks; CRLF or LF line ends; a UTF-8 BOM is skipped.
public struct CSVTable: Sendable {
  /// The file the table came from (for messages).
  public var source: String
  /// Column names from the header row.
  public var header: [String]
  /// Records; each has as many fields as it had in the file.
  public var records: [[String]]
  /// The 1-based line each record starts on.
  public var lines: [Int]

  /// Reads and parses a file.
  public static func read(contentsOf path: String) throws(LayerError) -> CSVTable {
    guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path) }
    // An empty file is not read: Foundation's contents(atPath:) leaks its 4 KB buffer for one
    // (found with AddressSanitizer, swift-foundation's zero-size read path on Linux).
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    guard let data = size == 0 ? Data() : FileManager.default.contents(atPath: path) else {
      throw .unreadable(path, "cannot read the file")
    }
    return try parse([UInt8](data), source: path)
  }

  /// Parses CSV bytes.
  public static func parse(_ bytes: [UInt8], source: String) throws(LayerError) -> CSVTable {
    var rows: [[String]] = []
    var lines: [Int] = []
    var field: [UInt8] = []
    var row: [String] = []
    var line = 1
    var rowLine = 1
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var inQuotes = false
    var quoteLine = 0
    var fieldStarted = false
    func endField() {
      row.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      fieldStarted = false
    }
    while i < bytes.count {
      let byte = bytes[i]
      if inQuotes {
        if byte == UInt8(ascii: "\"") {
          if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
            field.append(byte)
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          if byte == UInt8(ascii: "\n") { line += 1 }
          field.append(byte)
        }
      } else {
        switch byte {
        case UInt8(ascii: "\""):
          if field.isEmpty && !fieldStarted {
            inQuotes = true
            quoteLine = line
          } else {
            field.append(byte)  // a stray quote inside an unquoted field is kept as text
          }
          fieldStarted = true
        case UInt8(ascii: ","):
          endField()
        case UInt8(ascii: "\r"):
          break
        case UInt8(ascii: "\n"):
          endField()
          if !(row.count == 1 && row[0].isEmpty) {
            rows.append(row)
            lines.append(rowLine)
          }
          row.removeAll()
          line += 1
          rowLine = line
        default:
          field.append(byte)
          fieldStarted = true
        }
      }
      i += 1
    }
    if inQuotes {
      throw .malformed(source, line: quoteLine, "a quoted field opened on this line is never closed")
    }
    if fieldStarted || !field.isEmpty || !row.isEmpty {
      endField()
      if !(row.count == 1 && row[0].isEmpty) {
        rows.append(row)
        lines.append(rowLine)
      }
    }
    guard let header = rows.first else {
      throw .malformed(source, line: 1, "the file is empty (no header row)")
    }
    return CSVTable(
      source: source, header: header.map { $0.trimmingCharacters(in: .whitespaces) },
      records: Array(rows.dropFirst()), lines: Array(lines.dropFirst()))
  }

  /// The index of the first column whose name matches one of `names` (case-insensitive).
  public func column(named names: [String]) -> Int? {
    let lowered = header.map { $0.lowercased() }
    for name in names {
      if let i = lowered.firstIndex(of: name.lowercased()) { return i }
    }
    return nil
  }
}
