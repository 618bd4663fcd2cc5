/// Why a consensus could not be made. Messages name the file and what is wrong, and never a
/// command-line flag (each front end adds its own advice).
public enum ConsensusError: Error, CustomStringConvertible, Equatable {
  /// The neighbourhood name field is not in the file (or none could be found): the fields there.
  case nameFieldMissing(path: String, field: String?, available: [String])
  /// No drawing could be used: how many were read and the commonest reasons.
  case noUsableDrawings(path: String, read: Int, reasons: [String])
  /// The exact walk across the arrangement found faces whose counts disagree (a noding fault).
  case inconsistentArrangement(neighbourhood: String, edges: Int)

  /// The message, naming the file and what is wrong.
  public var description: String {
    switch self {
    case .nameFieldMissing(let path, let field, let available):
      let fields = available.isEmpty ? "none" : available.joined(separator: ", ")
      if let field {
        return "\(path): no drawing has the neighbourhood name field \"\(field)\"; fields are: \(fields)"
      }
      return "\(path): no field names the neighbourhood each drawing is of (looked for neighbourhood, "
        + "neighborhood, name); fields are: \(fields)"
    case .noUsableDrawings(let path, let read, let reasons):
      return "\(path): none of the \(read) drawings can be used ("
        + (reasons.isEmpty ? "no features" : reasons.joined(separator: "; ")) + ")"
    case .inconsistentArrangement(let name, let edges):
      return "the arrangement of \(name)'s drawings is inconsistent at \(edges) edges (noding fault)"
    }
  }
}
