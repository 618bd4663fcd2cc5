import Foundation

/// A CSV file the CLI wrote (RFC 4180: header row, quoted fields may hold commas, quotes, newlines),
/// read for assertions.
struct CSVTable {
  var header: [String]
  var rows: [[String: String]]

  init(path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var iterator = Array(text).makeIterator()
    var pending: Character? = nil
    func next() -> Character? {
      if let p = pending { pending = nil; return p }
      return iterator.next()
    }
    while let c = next() {
      if quoted {
        if c == "\"" {
          if let d = next() {
            if d == "\"" { field.append("\"") } else { quoted = false; pending = d }
          } else {
            quoted = false
          }
        } else {
          field.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        record.append(field); field = ""
      } else if c == "\n" || c == "\r\n" {
        record.append(field); field = ""
        records.append(record); record = []
      } else if c != "\r" {
        field.append(c)
      }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    header = records.first ?? []
    let names = header
    rows = records.dropFirst().map { values in
      Dictionary(
        uniqueKeysWithValues: zip(
          names, values + Array(repeating: "", count: max(0, names.count - values.count))
        ).map { ($0, $1) })
    }
  }

  /// The rows keyed by one column (which must be unique).
  func keyed(by column: String) -> [String: [String: String]] {
    Dictionary(rows.map { ($0[column] ?? "", $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// A numeric column of one row.
  static func number(_ row: [String: String]?, _ column: String) -> Double? {
    row?[column].flatMap { Double($0) }
  }
}

/// |actual − expected| ≤ tolerance × |expected| (absolute when expected is 0).
func relativelyClose(_ actual: Double?, _ expected: Double, _ tolerance: Double) -> Bool {
  guard let actual else { return false }
  return abs(actual - expected) <= tolerance * max(abs(expected), expected == 0 ? 1 : 0)
}

/// The `nbhd` release binary when it has been built (`swift build -c release --product nbhd`):
/// national runs use it so that the debug suite stays fast. Nil (with a printed SKIPPED line) when absent.
enum ReleaseBinary {
  static let path: String? = {
    let path = CLI.repo(".build/release/nbhd")
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }()

  static func available(_ what: String) -> Bool {
    if path == nil {
      print(
        "SKIPPED: \(what) needs the release binary .build/release/nbhd (run `swift build -c release --product nbhd`)"
      )
    }
    return path != nil
  }

  static func run(_ arguments: [String]) throws -> CLIRun {
    try CLI.run(arguments, binary: URL(fileURLWithPath: path!))
  }

}
