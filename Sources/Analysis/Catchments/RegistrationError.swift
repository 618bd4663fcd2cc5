/// Why a registrations file, a practice→PCN map or the LSOA layer they are read against cannot
/// be used. Every message names the file and, where there is one, the line, says what is wrong
/// and what to change; none names a command-line flag (each front end adds its own advice).
public enum RegistrationError: Error, CustomStringConvertible, Equatable {
  /// A column the table needs is not there; `found` lists the header's columns.
  case missingColumn(file: String, role: String, tried: [String], found: [String])
  /// A column the user named is not in the header.
  case unknownColumn(file: String, role: String, name: String, found: [String])
  /// A row that cannot be read: its line and why.
  case badRow(file: String, line: Int, String)
  /// The table has a header and no rows (or no header at all).
  case empty(file: String, String)
  /// Practices with patients and no PCN: each code with its patients, and the map (if any).
  case practicesWithoutPCN(file: String, map: String?, practices: [(code: String, patients: Int)])
  /// The LSOA layer holds none of the codes the file uses (or lacks an id field that could).
  case noMatchingLSOAs(layer: String, idField: String, examples: [String], layerExamples: [String])
  /// A problem with a parameter (what).
  case badParameter(String)

  /// Errors are equal when they say the same.
  public static func == (lhs: RegistrationError, rhs: RegistrationError) -> Bool {
    lhs.description == rhs.description
  }

  /// The message: file, line or feature, what is wrong and what to change.
  public var description: String {
    switch self {
    case .missingColumn(let file, let role, let tried, let found):
      "\(file): no \(role) column (looked for \(tried.joined(separator: ", "))); the columns are: "
        + Self.list(found) + "; name the column to use"
    case .unknownColumn(let file, let role, let name, let found):
      "\(file): the \(role) column \"\(name)\" is not in the header; the columns are: " + Self.list(found)
    case .badRow(let file, let line, let why): "\(file):\(line): \(why)"
    case .empty(let file, let why): "\(file): \(why)"
    case .practicesWithoutPCN(let file, let map, let practices):
      "\(file): \(practices.count) practice\(practices.count == 1 ? "" : "s") with registered patients "
        + (practices.count == 1 ? "is" : "are")
        + (map.map { " not in the practice map \($0)" } ?? " without a PCN code") + " ("
        + practices.prefix(20).map { "\($0.code): \($0.patients) patients" }.joined(separator: ", ")
        + (practices.count > 20 ? ", …" : "")
        + "); each needs a PCN from a practice map, or group by practice"
    case .noMatchingLSOAs(let layer, let idField, let examples, let layerExamples):
      "\(layer): none of the registrations' LSOA codes (e.g. \(examples.prefix(3).joined(separator: ", "))) "
        + "is an id of this layer (id field \"\(idField)\", ids such as "
        + "\(layerExamples.prefix(3).joined(separator: ", "))); use an LSOA layer of the same census "
        + "year and name its code field"
    case .badParameter(let why): why
    }
  }

  static func list(_ columns: [String]) -> String {
    columns.map { $0.isEmpty ? "(no header)" : "\"\($0)\"" }.joined(separator: ", ")
  }
}
