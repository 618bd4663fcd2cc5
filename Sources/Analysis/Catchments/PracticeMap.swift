import Foundation
import GeoCore
import Layers

/// Which PCN each GP practice belongs to at one date: NHS England's "GP practice to PCN" table
/// (CSV: `PRACTICE_CODE`, `PRACTICE_NAME`, `PCN_CODE`, `PCN_NAME`) or a point layer of practices
/// carrying `practice_code`, `pcn_code`, `pcn_name` properties. Keyed by practice code.
public struct PracticeMap: Sendable {
  /// One practice's row.
  public struct Entry: Sendable, Hashable {
    /// The practice's name, if the map gives one.
    public var practiceName: String?
    /// The practice's PCN code.
    public var pcnCode: String
    /// The PCN's name, if the map gives one.
    public var pcnName: String?
  }

  /// The file it came from.
  public var source: String
  /// Entries by practice code.
  public var entries: [String: Entry]
  /// PCN names by code (the first name seen for a code).
  public var pcnNames: [String: String]
  /// Practices listed more than once: the later rows were ignored when they agree, and are an
  /// error when they give another PCN.
  public var repeatedPractices: [String]

  /// Builds a map from entries (for tests and callers with their own tables).
  public init(source: String, entries: [String: Entry]) {
    self.source = source
    self.entries = entries
    var names: [String: String] = [:]
    for code in entries.keys.sorted() {
      if let entry = entries[code], let name = entry.pcnName, names[entry.pcnCode] == nil {
        names[entry.pcnCode] = name
      }
    }
    pcnNames = names
    repeatedPractices = []
  }

  /// Column names tried, in order, for each role of a map table.
  static let practiceColumns = ["PRACTICE_CODE", "practice_code", "ORG_CODE", "CODE"]
  static let practiceNameColumns = ["PRACTICE_NAME", "practice_name", "NAME"]
  static let pcnColumns = ["PCN_CODE", "pcn_code", "PCN"]
  static let pcnNameColumns = ["PCN_NAME", "pcn_name"]

  /// Reads a map: a `.csv` table, else a layer the loader reads (GeoJSON points, …).
  public static func read(_ path: String) throws -> PracticeMap {
    if path.lowercased().hasSuffix(".csv") {
      return try fromTable(try CSVTable.read(contentsOf: path))
    }
    var options = LoadOptions()
    options.repair = false
    let layer = try LayerLoader.load(path, options: options)
    var rows: [(line: Int, fields: [String: String])] = []
    for feature in layer.features {
      var fields: [String: String] = [:]
      for (key, value) in feature.properties {
        if let text = value.text { fields[key] = text }
      }
      rows.append((feature.index, fields))
    }
    let keys = Array(Set(layer.features.flatMap { $0.properties.keys })).sorted()
    return try fromRows(rows, source: path, columns: keys, lineWord: "feature")
  }

  /// A map from a CSV table.
  public static func fromTable(_ table: CSVTable) throws(RegistrationError) -> PracticeMap {
    var rows: [(line: Int, fields: [String: String])] = []
    rows.reserveCapacity(table.records.count)
    for (k, record) in table.records.enumerated() {
      var fields: [String: String] = [:]
      for (i, name) in table.header.enumerated() where !name.isEmpty && i < record.count {
        fields[name] = record[i]
      }
      rows.append((table.lines[k], fields))
    }
    return try fromRows(rows, source: table.source, columns: table.header, lineWord: "line")
  }

  static func fromRows(
    _ rows: [(line: Int, fields: [String: String])], source: String, columns: [String], lineWord: String
  ) throws(RegistrationError) -> PracticeMap {
    func find(_ names: [String], role: String) throws(RegistrationError) -> String {
      let lowered = columns.map { $0.lowercased() }
      for name in names {
        if let i = lowered.firstIndex(of: name.lowercased()) { return columns[i] }
      }
      throw .missingColumn(file: source, role: role, tried: names, found: columns)
    }
    func optional(_ names: [String]) -> String? {
      let lowered = columns.map { $0.lowercased() }
      for name in names {
        if let i = lowered.firstIndex(of: name.lowercased()) { return columns[i] }
      }
      return nil
    }
    guard !rows.isEmpty else { throw .empty(file: source, "the practice map has no rows") }
    let practice = try find(practiceColumns, role: "practice code")
    let pcn = try find(pcnColumns, role: "PCN code")
    let practiceName = optional(practiceNameColumns)
    let pcnName = optional(pcnNameColumns)
    var entries: [String: Entry] = [:]
    var repeated: Set<String> = []
    for row in rows {
      let code = (row.fields[practice] ?? "").trimmingCharacters(in: .whitespaces)
      let pcnCode = (row.fields[pcn] ?? "").trimmingCharacters(in: .whitespaces)
      // A layer's rows are features, numbered from 0; a table's are 1-based lines.
      let place = row.line
      guard !code.isEmpty else {
        throw .badRow(file: source, line: place, "no practice code in \(lineWord) field \"\(practice)\"")
      }
      guard !pcnCode.isEmpty else {
        throw .badRow(file: source, line: place, "practice \(code) has no PCN code in column \"\(pcn)\"")
      }
      let entry = Entry(
        practiceName: practiceName.flatMap { row.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 },
        pcnCode: pcnCode, pcnName: pcnName.flatMap { row.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 })
      if let earlier = entries[code] {
        guard earlier.pcnCode == entry.pcnCode else {
          throw .badRow(
            file: source, line: place,
            "practice \(code) is listed again with PCN \(entry.pcnCode) (earlier \(earlier.pcnCode)); "
              + "a map gives each practice one PCN")
        }
        repeated.insert(code)
        continue
      }
      entries[code] = entry
    }
    var map = PracticeMap(source: source, entries: entries)
    map.repeatedPractices = repeated.sorted()
    return map
  }
}
