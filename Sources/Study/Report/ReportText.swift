import GeoCore
import Reports

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

  /// The positions of `keys` grouped by key (``KeyPositions/grouped(_:count:)``).
  static func positions(of keys: [Int], count: Int) -> [[Int]] { KeyPositions.grouped(keys, count: count) }
}
