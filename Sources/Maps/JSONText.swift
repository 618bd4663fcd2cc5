/// Plain numbers for attributes (`data-value`, `data-length-m`): shortest text that reads back as
/// the same value after rounding to a centi-unit, no grouping, "." decimal point.
enum JSONText {
  static func number(_ value: Double, decimals: Int = 2) -> String {
    guard value.isFinite else { return "" }
    var factor = 1.0
    for _ in 0..<decimals { factor *= 10 }
    let rounded = (value * factor).rounded() / factor
    if rounded == rounded.rounded(), abs(rounded) < 9e15 { return String(Int64(rounded)) }
    return String(rounded)
  }
}
