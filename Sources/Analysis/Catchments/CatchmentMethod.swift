/// How registered patients make a group's area (DESIGN.md §12, issue 15).
public enum CatchmentMethod: Sendable, Hashable, CustomStringConvertible {
  /// Each LSOA to the group with most of its patients (ties: the lowest group code). No overlaps.
  case majority
  /// For each group, its LSOAs in descending order of its patients (ties: LSOA code ascending)
  /// until they hold this share of its patients in the layer. Overlapping.
  case footprint(Double)
  /// The LSOAs where the group holds at least this share of the registered patients. Overlapping.
  case threshold(Double)

  /// `majority`, `footprint`, `threshold`.
  public var name: String {
    switch self {
    case .majority: "majority"
    case .footprint: "footprint"
    case .threshold: "threshold"
    }
  }

  /// P or S; nil for majority.
  public var parameter: Double? {
    switch self {
    case .majority: nil
    case .footprint(let p): p
    case .threshold(let s): s
    }
  }

  /// The method and its share, e.g. "footprint 0.8".
  public var description: String { parameter.map { "\(name) \($0)" } ?? name }
}

/// What a catchment's group is.
public enum CatchmentGrouping: String, Sendable, Hashable, CaseIterable {
  /// Primary care networks (the practices' PCN).
  case pcn
  /// GP practices themselves.
  case practice
}
