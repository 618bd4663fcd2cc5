/// Why a registrations row's LSOA code is outside the LSOA layer (the study area).
public enum OutsideKind: String, Sendable, Hashable, CaseIterable, Comparable {
  /// Not an area code at all: `CLOSED`, `EMPTY`, blank, a typo.
  case notAnLSOACode = "not_an_lsoa_code"
  /// A code of Wales (W…), Scotland (S…) or Northern Ireland (N…).
  case anotherNation = "another_nation"
  /// An ONS pseudo-code: `L99999999` (Channel Islands), `M99999999` (Isle of Man), or any
  /// `?99999999`.
  case pseudoCode = "pseudo_code"
  /// An English code that is not a feature of this layer (beyond the study area, or another
  /// census year's LSOA).
  case notInLayer = "lsoa_not_in_layer"

  /// Sorts a code that is not in the layer.
  public static func of(_ code: String) -> OutsideKind {
    let bytes = Array(code.utf8)
    guard bytes.count == 9, let letter = bytes.first, (65...90).contains(letter),
      bytes.dropFirst().allSatisfy({ (48...57).contains($0) })
    else { return .notAnLSOACode }
    if bytes.dropFirst().allSatisfy({ $0 == UInt8(ascii: "9") }) { return .pseudoCode }
    switch letter {
    case UInt8(ascii: "E"): return .notInLayer
    case UInt8(ascii: "W"), UInt8(ascii: "S"), UInt8(ascii: "N"): return .anotherNation
    case UInt8(ascii: "L"), UInt8(ascii: "M"): return .pseudoCode
    default: return .notAnLSOACode
    }
  }

  /// Words for reports.
  public var label: String {
    switch self {
    case .notAnLSOACode: "not an LSOA code"
    case .anotherNation: "another nation"
    case .pseudoCode: "pseudo-code"
    case .notInLayer: "LSOA not in this layer"
    }
  }

  /// Kinds sort in their declaration order (the order of the tables).
  public static func < (lhs: OutsideKind, rhs: OutsideKind) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
