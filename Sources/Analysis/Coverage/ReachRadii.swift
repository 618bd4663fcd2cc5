import GeoCore

/// How far each category of asset reaches, in metres (straight-line, DESIGN.md §7).
public struct ReachRadii: Sendable, Hashable, CustomStringConvertible {
  /// Radius for categories not named in `byCategory`.
  public var standard: Double?
  /// Radius of each named category.
  public var byCategory: [String: Double]

  /// Radii from a default for every category and radii for named ones.
  public init(standard: Double? = nil, byCategory: [String: Double] = [:]) {
    self.standard = standard
    self.byCategory = byCategory
  }

  /// Parses `800` or `gp=1000,pharmacy=800` (a bare number inside the list sets the default).
  /// Radii must be finite numbers above 0.
  public init(parsing text: String) throws(ReachError) {
    self.init()
    for item in text.split(separator: ",", omittingEmptySubsequences: false) {
      let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharactersInSpaces() }
      let valueText = parts.count == 2 ? parts[1] : parts[0]
      guard let value = Double(valueText) else {
        throw .notANumber(valueText)
      }
      guard value.isFinite, value > 0 else {
        throw .notPositive(valueText)
      }
      if parts.count == 2 {
        guard !parts[0].isEmpty else { throw .missingCategory(text) }
        byCategory[parts[0]] = value
      } else {
        standard = value
      }
    }
  }

  /// The radius of `category`, or an error naming the categories that have one.
  public func radius(for category: String) throws(ReachError) -> Double {
    if let value = byCategory[category] ?? standard { return value }
    throw .noRadius(category: category, given: byCategory.keys.sorted())
  }

  /// The radii as `default=800,gp=1000`, categories sorted.
  public var description: String {
    let named = byCategory.keys.sorted().map { "\($0)=\(JSONValue.format(byCategory[$0]!))" }
    return ((standard.map { ["default=\(JSONValue.format($0))"] } ?? []) + named).joined(separator: ",")
  }
}

/// A bad reach radius. Messages say what is wrong in the radii's own terms; a front end adds
/// where to give them (a command's `--radius`, a study config's `radius:`).
public enum ReachError: Error, CustomStringConvertible, Equatable {
  /// A radius that is not a number (the text given).
  case notANumber(String)
  /// A radius of 0 or less, or not finite (the text given).
  case notPositive(String)
  /// `=METRES` with no category before it (the whole list).
  case missingCategory(String)
  /// A category with no radius and no default (the category, the categories that have one).
  case noRadius(category: String, given: [String])

  /// What is wrong, in words.
  public var description: String {
    switch self {
    case .notANumber(let text):
      "radius \"\(text)\" is not a number of metres (e.g. 800, or pharmacy=800,gp=1000 per category)"
    case .notPositive(let text): "radius \(text) must be more than 0 metres"
    case .missingCategory(let list): "missing category before \"=\" in \(list)"
    case .noRadius(let category, let given):
      "no reach radius for category \"\(category)\" (radii given for: "
        + (given.isEmpty ? "none" : given.joined(separator: ", ")) + ")"
    }
  }
}

extension Substring {
  func trimmingCharactersInSpaces() -> String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
