import Foundation
import Layers

/// NHS England's "Patients registered at a GP practice" by LSOA, read and checked: one count per
/// (practice, LSOA code) with duplicate rows summed, every row accounted for (DESIGN.md §12,
/// issue 15).
public struct Registrations: Sendable {
  /// One practice of the file.
  public struct Practice: Sendable, Hashable {
    /// The practice code.
    public var code: String
    /// The practice's name, from the file or the map.
    public var name: String?
    /// The PCN the file gives (its PCN column), if any.
    public var filePCN: String?
    /// The PCN name the file gives, if any.
    public var filePCNName: String?
    /// The PCN used: the practice map's when one is given and lists the practice, else the file's.
    public var pcn: String?
    /// The used PCN's name.
    public var pcnName: String?
  }

  /// Patients of one practice from one LSOA code, summed over the rows that gave them.
  public struct Count: Sendable, Hashable {
    /// Position in `practices`.
    public var practice: Int
    /// The code as written (trimmed): an LSOA, or `CLOSED`, `EMPTY`, a pseudo-code, …
    public var lsoa: String
    /// Patients summed over those rows.
    public var patients: Int
    /// Rows of the file summed into this count (more than 1: a duplicate).
    public var rows: Int
  }

  /// How a `SEX` column was read.
  public enum SexRule: String, Sendable {
    /// The file has no such column: every row counts.
    case none
    /// Only the `ALL` rows count (the others split them by sex).
    case allRows = "ALL rows"
    /// No `ALL` rows: the rows of every sex are summed.
    case sumOfOthers = "sum of the other rows (no ALL rows)"
  }

  /// A practice whose PCN in the file differs from the practice map's (the map wins).
  public struct Disagreement: Sendable, Hashable {
    /// The practice code.
    public var practice: String
    /// The file's PCN code.
    public var filePCN: String
    /// The practice map's PCN code (used).
    public var mapPCN: String
  }

  /// The file read.
  public var source: String
  /// The header.
  public var header: [String]
  /// Practices sorted by code.
  public var practices: [Practice]
  /// Counts sorted by practice then LSOA code.
  public var counts: [Count]
  /// Data rows in the file.
  public var rowsRead: Int
  /// Rows left out by the SEX rule (the MALE/FEMALE rows when ALL rows exist).
  public var rowsNotUsed: Int
  /// How the SEX column was read.
  public var sexRule: SexRule
  /// Columns with no header name (1-based), each with how many rows have text in it: ignored.
  public var ignoredColumns: [(column: Int, filledRows: Int)]
  /// Whether the file has a PCN column.
  public var hasPCNColumn: Bool
  /// The practice map applied, if any.
  public var practiceMap: String?
  /// Practices whose file PCN the map overrode.
  public var disagreements: [Disagreement] = []
  /// Practices the map does not list (their file PCN, if any, is kept).
  public var notInMap: [String] = []

  /// Total patients in the rows used.
  public var totalPatients: Int { counts.reduce(0) { $0 + $1.patients } }

  /// The counts that summed more than one row.
  public var duplicates: [Count] { counts.filter { $0.rows > 1 } }

  /// Reads a registrations CSV file.
  public static func read(_ path: String, columns: RegistrationColumns = RegistrationColumns()) throws
    -> Registrations
  {
    try parse(try CSVTable.read(contentsOf: path), columns: columns)
  }

  /// Reads a parsed table.
  public static func parse(_ table: CSVTable, columns: RegistrationColumns = RegistrationColumns())
    throws(RegistrationError) -> Registrations
  {
    let file = table.source
    let at = try columns.positions(in: table.header, file: file)
    guard !table.records.isEmpty else {
      throw .empty(file: file, "the file has a header and no rows of patients")
    }
    var ignored: [(Int, Int)] = []
    for (i, name) in table.header.enumerated() where name.isEmpty {
      ignored.append((i + 1, table.records.reduce(0) { $0 + (i < $1.count && !$1[i].isEmpty ? 1 : 0) }))
    }
    let needed = [at.lsoa, at.practice, at.patients, at.practiceName, at.pcn, at.pcnName, at.sex]
      .compactMap { $0 }.max()!
    func field(_ record: [String], _ i: Int) -> String { trimmed(record[i]) }
    var sexRule = SexRule.none
    if let sex = at.sex {
      let hasAll = table.records.contains { $0.count > sex && field($0, sex).uppercased() == "ALL" }
      sexRule = hasAll ? .allRows : .sumOfOthers
    }
    var practiceIndex: [String: Int] = [:]
    var practices: [Practice] = []
    var pcnLine: [Int] = []
    var byKey: [String: [String: (patients: Int, rows: Int)]] = [:]
    var notUsed = 0
    for (k, record) in table.records.enumerated() {
      let line = table.lines[k]
      guard record.count > needed else {
        throw .badRow(
          file: file, line: line,
          "the row has \(record.count) field\(record.count == 1 ? "" : "s"); the columns used need "
            + "\(needed + 1) (\(RegistrationError.list(Array(table.header.prefix(needed + 1)))))")
      }
      if let sex = at.sex, sexRule == .allRows, field(record, sex).uppercased() != "ALL" {
        notUsed += 1
        continue
      }
      let text = field(record, at.patients)
      guard let patients = Int(text) else {
        throw .badRow(
          file: file, line: line,
          "the number of patients (column \"\(table.header[at.patients])\") is \"\(text)\", not a whole number"
        )
      }
      guard patients >= 0 else {
        throw .badRow(
          file: file, line: line,
          "the number of patients (column \"\(table.header[at.patients])\") is \(patients), below 0")
      }
      let code = field(record, at.practice)
      guard !code.isEmpty else {
        throw .badRow(file: file, line: line, "no practice code (column \"\(table.header[at.practice])\")")
      }
      let p: Int
      if let known = practiceIndex[code] {
        p = known
      } else {
        p = practices.count
        practiceIndex[code] = p
        practices.append(Practice(code: code))
        pcnLine.append(line)
      }
      if let i = at.practiceName, practices[p].name == nil, !field(record, i).isEmpty {
        practices[p].name = field(record, i)
      }
      if let i = at.pcn {
        let pcn = field(record, i)
        if !pcn.isEmpty {
          if let earlier = practices[p].filePCN, earlier != pcn {
            throw .badRow(
              file: file, line: line,
              "practice \(code) is in PCN \(pcn) here and in PCN \(earlier) on line \(pcnLine[p]); "
                + "a practice belongs to one PCN (give a practice map to settle it)")
          }
          if practices[p].filePCN == nil {
            practices[p].filePCN = pcn
            pcnLine[p] = line
            if let j = at.pcnName, !field(record, j).isEmpty { practices[p].filePCNName = field(record, j) }
          }
        }
      }
      let lsoa = field(record, at.lsoa)
      byKey[code, default: [:]][lsoa, default: (0, 0)].patients += patients
      byKey[code, default: [:]][lsoa, default: (0, 0)].rows += 1
    }
    // Sort practices by code and rebuild the counts against the sorted positions.
    let order = practices.indices.sorted { practices[$0].code < practices[$1].code }
    var sorted: [Practice] = order.map { practices[$0] }
    for i in sorted.indices {
      sorted[i].pcn = sorted[i].filePCN
      sorted[i].pcnName = sorted[i].filePCNName
    }
    var counts: [Count] = []
    for (position, practice) in sorted.enumerated() {
      for (lsoa, value) in (byKey[practice.code] ?? [:]).sorted(by: { $0.key < $1.key }) {
        counts.append(Count(practice: position, lsoa: lsoa, patients: value.patients, rows: value.rows))
      }
    }
    return Registrations(
      source: file, header: table.header, practices: sorted, counts: counts, rowsRead: table.records.count,
      rowsNotUsed: notUsed, sexRule: sexRule, ignoredColumns: ignored, hasPCNColumn: at.pcn != nil,
      practiceMap: nil)
  }

  /// Gives each practice the map's PCN (the map wins over the file's PCN column; practices where
  /// they differ are listed, and practices the map lacks keep the file's PCN, if any).
  public mutating func apply(_ map: PracticeMap) {
    practiceMap = map.source
    disagreements = []
    notInMap = []
    for i in practices.indices {
      guard let entry = map.entries[practices[i].code] else {
        notInMap.append(practices[i].code)
        continue
      }
      if let file = practices[i].filePCN, file != entry.pcnCode {
        disagreements.append(Disagreement(practice: practices[i].code, filePCN: file, mapPCN: entry.pcnCode))
      }
      practices[i].pcn = entry.pcnCode
      practices[i].pcnName = entry.pcnName ?? map.pcnNames[entry.pcnCode]
      if practices[i].name == nil { practices[i].name = entry.practiceName }
    }
  }

  /// `text` without leading and trailing spaces and tabs; most fields have none, and are
  /// returned as they are without a Foundation call (a national file has millions of fields).
  static func trimmed(_ text: String) -> String {
    let blank: (UInt8) -> Bool = { $0 == 32 || $0 == 9 }
    let utf8 = text.utf8
    guard let first = utf8.first, let last = utf8.last, blank(first) || blank(last) else { return text }
    return text.trimmingCharacters(in: .whitespaces)
  }

  /// Patients of each practice (by position).
  public var patientsByPractice: [Int] {
    var totals = [Int](repeating: 0, count: practices.count)
    for count in counts { totals[count.practice] += count.patients }
    return totals
  }
}
