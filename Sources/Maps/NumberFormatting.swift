/// Locale-independent number text for legends, tooltips and SVG attributes: the same input gives
/// the same bytes on every machine (Foundation's formatters follow the user's locale).
enum NumberText {
  /// `value` with `decimals` fixed decimals and thousands separators ("12,345.6").
  static func grouped(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "–" : (value > 0 ? "∞" : "−∞") }
    let factor = power10(decimals)
    let scaled = (abs(value) * factor).rounded()
    let negative = value < 0 && scaled > 0
    let whole = (scaled / factor).rounded(.down)
    let fraction = scaled - whole * factor
    var digits = String(Int64(whole))
    var grouped = ""
    while digits.count > 3 {
      grouped = "," + digits.suffix(3) + grouped
      digits.removeLast(3)
    }
    grouped = digits + grouped
    if decimals > 0 {
      let fractionText = String(Int64(fraction))
      grouped += "." + String(repeating: "0", count: max(0, decimals - fractionText.count)) + fractionText
    }
    return (negative ? "−" : "") + grouped
  }

  /// Decimals that show a class break without hiding the difference from its neighbours: none
  /// for values in the thousands, more for small ranges.
  static func decimals(forStep step: Double) -> Int {
    guard step.isFinite, step > 0 else { return 0 }
    var decimals = 0
    var scale = 1.0
    while step * scale < 10 && decimals < 6 {
      scale *= 10
      decimals += 1
    }
    return max(0, decimals - 1)
  }

  /// A page coordinate or length with at most one decimal ("12", "12.5").
  static func coordinate(_ value: Double) -> String {
    let tenths = (value * 10).rounded()
    if tenths.truncatingRemainder(dividingBy: 10) == 0 { return String(Int64(tenths / 10)) }
    let negative = tenths < 0
    let magnitude = Int64(abs(tenths))
    return (negative ? "-" : "") + String(magnitude / 10) + "." + String(magnitude % 10)
  }

  private static func power10(_ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<max(0, n) { result *= 10 }
    return result
  }
}
