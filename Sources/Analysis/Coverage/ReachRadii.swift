import GeoCore

/// How far each category of asset reaches, in metres (straight-line, DESIGN.md §7).
public struct ReachRadii: Sendable, Hashable, CustomStringConvertible {
  /// Radius for categories not named in `byCategory`.
  public var standard: Double?
  public var byCategory: [String: Double]

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
        throw ReachError(
          "radius \"\(valueText)\" is not a number of metres (e.g. --radius 800 or --radius pharmacy=800,gp=1000)"
        )
      }
      guard value.isFinite, value > 0 else {
        throw ReachError("radius \(valueText) must be more than 0 metres")
      }
      if parts.count == 2 {
        guard !parts[0].isEmpty else { throw ReachError("missing category before \"=\" in --radius \(text)") }
        byCategory[parts[0]] = value
      } else {
        standard = value
      }
    }
  }

  /// The radius of `category`, or an error naming the categories that have one.
  public func radius(for category: String) throws(ReachError) -> Double {
    if let value = byCategory[category] ?? standard { return value }
    throw ReachError(
      "no reach radius for category \"\(category)\": give --radius \(category)=METRES (radii given for: "
        + (byCategory.keys.sorted().joined(separator: ", ").isEmpty
          ? "none" : byCategory.keys.sorted().joined(separator: ", ")) + ")")
  }

  public var description: String {
    let named = byCategory.keys.sorted().map { "\($0)=\(JSONValue.format(byCategory[$0]!))" }
    return ((standard.map { ["default=\(JSONValue.format($0))"] } ?? []) + named).joined(separator: ",")
  }
}

/// A bad reach radius.
public struct ReachError: Error, CustomStringConvertible, Equatable {
  public var description: String
  init(_ message: String) { description = message }
}

extension Substring {
  func trimmingCharactersInSpaces() -> String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
