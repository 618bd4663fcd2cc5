import GeoCore

/// Number text for the report: grouped thousands, fixed decimals, percentages.
enum ReportText {
  static func integer(_ value: Double) -> String { grouped(Int(value.rounded())) }

  static func grouped(_ n: Int) -> String { FixedDecimal.grouped(n) }

  static func percent(_ share: Double, decimals: Int = 1) -> String {
    FixedDecimal.format(share * 100, decimals: decimals) + "%"
  }

  static func decimal(_ value: Double?, _ decimals: Int) -> String {
    value.map { FixedDecimal.format($0, decimals: decimals) } ?? "–"
  }

  /// m² as km² with 3 decimals (planners think in km² and hectares).
  static func squareKilometres(_ squareMetres: Double) -> String {
    FixedDecimal.format(squareMetres / 1_000_000, decimals: 3) + " km²"
  }

  static func anchor(_ parts: String...) -> String {
    parts.joined(separator: "-").map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined().lowercased()
  }

  /// The positions of `keys` grouped by key (each in `0..<count`), every group in the keys' order:
  /// the same as filtering the list once per key, in one pass (a national layer has thousands of
  /// units and tens of thousands of pieces or rows).
  static func positions(of keys: [Int], count: Int) -> [[Int]] {
    var groups = [[Int]](repeating: [], count: count)
    for (position, key) in keys.enumerated() { groups[key].append(position) }
    return groups
  }
}
