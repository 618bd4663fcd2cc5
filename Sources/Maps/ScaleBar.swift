import Foundation

/// A scale bar whose length is a round distance (1, 2 or 5 × 10^k metres) close to a fraction of
/// the map's width, so a reader can measure without arithmetic.
public struct ScaleBar: Sendable, Hashable {
  /// The distance the bar stands for, in metres.
  public let lengthMetres: Double
  /// The bar's length on the page, in pixels.
  public let lengthPixels: Double

  /// The bar for a map drawn at `metresPerPixel` on a frame `mapWidth` pixels wide, aiming at
  /// `fraction` of that width.
  public init(metresPerPixel: Double, mapWidth: Double, fraction: Double = 0.2) {
    let target = max(metresPerPixel, mapWidth * fraction * metresPerPixel)
    lengthMetres = ScaleBar.roundLength(near: target)
    lengthPixels = lengthMetres / metresPerPixel
  }

  /// The 1, 2 or 5 × 10^k closest to `metres` (by ratio, so 3.2 km gives 2 km … 5 km, whichever
  /// is nearer on a log scale).
  public static func roundLength(near metres: Double) -> Double {
    guard metres.isFinite, metres > 0 else { return 1 }
    var power = 1.0
    while power * 10 <= metres { power *= 10 }
    while power > metres { power /= 10 }
    var best = power
    for mantissa in [1.0, 2.0, 5.0, 10.0] {
      let candidate = mantissa * power
      if abs(log(candidate / metres)) < abs(log(best / metres)) { best = candidate }
    }
    return best
  }

  /// "500 m", "2 km", "1.5 km".
  public static func text(metres: Double) -> String {
    if metres >= 1000 {
      let km = metres / 1000
      return (km == km.rounded() ? String(Int64(km)) : NumberText.grouped(km, decimals: 1)) + " km"
    }
    return (metres == metres.rounded() ? String(Int64(metres)) : NumberText.grouped(metres, decimals: 1))
      + " m"
  }

  /// The label at the bar's end.
  public var label: String { ScaleBar.text(metres: lengthMetres) }

  /// The page area the bar and its labels cover when drawn with its left end at `origin`
  /// (the top of the bar).
  func bounds(at origin: PagePoint, fontSize: Double) -> PageRect {
    let labelWidth = Double(label.count) * fontSize * LabelPlacer.characterWidth
    return PageRect(
      x: origin.x - 4, y: origin.y - 4, width: lengthPixels + labelWidth / 2 + 8, height: 6 + fontSize + 10)
  }

  /// SVG for the bar: two halves, black and white, with 0, half and full distance marks.
  func markup(at origin: PagePoint, fontSize: Double) -> String {
    let n = NumberText.coordinate
    let half = lengthPixels / 2
    let x = origin.x, y = origin.y, barHeight = 6.0
    let textY = y + barHeight + fontSize + 2
    var out =
      "<g id=\"scale-bar\" data-length-m=\"\(JSONText.number(lengthMetres))\" data-length-px=\"\(n(lengthPixels))\">"
    out +=
      "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(half))\" height=\"\(n(barHeight))\" fill=\"#333333\" stroke=\"#333333\" stroke-width=\"1\"/>"
    out +=
      "<rect x=\"\(n(x + half))\" y=\"\(n(y))\" width=\"\(n(half))\" height=\"\(n(barHeight))\" fill=\"#ffffff\" stroke=\"#333333\" stroke-width=\"1\"/>"
    out += "<g font-size=\"\(n(fontSize))\" text-anchor=\"middle\" fill=\"#333333\" class=\"halo\">"
    out += "<text x=\"\(n(x))\" y=\"\(n(textY))\">0</text>"
    // The half-way mark only when it cannot touch its neighbours (short bars on small maps).
    let middle = ScaleBar.text(metres: lengthMetres / 2)
    let width = { (text: String) in Double(text.count) * fontSize * LabelPlacer.characterWidth }
    if half >= (width(middle) + width(label)) / 2 + fontSize / 2 {
      out += "<text x=\"\(n(x + half))\" y=\"\(n(textY))\">\(middle.xmlEscaped)</text>"
    }
    out += "<text x=\"\(n(x + lengthPixels))\" y=\"\(n(textY))\">\(label.xmlEscaped)</text>"
    out += "</g></g>\n"
    return out
  }
}
