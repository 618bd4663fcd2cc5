internal import CGEOS

/// The one place GEOS's C return codes become Swift values or a `GEOSError`. GEOS reports an
/// exception through the context's error handler (whose message `error(_:)` takes) and a
/// sentinel return value; each helper here knows the sentinel of one family of functions, so a
/// call site only says which operation it was.
extension GeometryContext {
  /// A new GEOS object (or a borrowed part of one, or a string), NULL on an exception. Who owns
  /// the result is the call site's to say.
  func created<Pointer>(_ pointer: Pointer?, _ operation: String) throws(GEOSError) -> Pointer {
    guard let pointer else { throw error(operation) }
    return pointer
  }

  /// A yes/no answer (`char`: 1 yes, 0 no, 2 an exception): predicates, `isValid`, `isEmpty`.
  func answer(_ value: CChar, _ operation: String) throws(GEOSError) -> Bool {
    switch value {
    case 1: return true
    case 0: return false
    default: throw error(operation)
    }
  }

  /// A status (`int`: 0 an exception, anything else success) of the functions that write their
  /// result through a pointer (area, length, distance, coordinate copies).
  func succeeded(_ status: Int32, _ operation: String) throws(GEOSError) {
    guard status != 0 else { throw error(operation) }
  }

  /// A count (`int`: −1 on an exception): members, holes.
  func count(_ value: Int32, _ operation: String) throws(GEOSError) -> Int {
    guard value >= 0 else { throw error(operation) }
    return Int(value)
  }
}
