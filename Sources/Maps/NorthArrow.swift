/// A north arrow. On the British National Grid, grid north is within a few degrees of true north
/// across England, so a plain upward arrow is honest at the scales these maps are drawn.
public struct NorthArrow: Sendable, Hashable {
  /// Height of the arrow in pixels (the "N" sits below it).
  public var size: Double

  /// A north arrow.
  public init(size: Double = 28) {
    self.size = size
  }

  /// The page area the arrow covers when its tip is at `tip`.
  func bounds(tip: PagePoint) -> PageRect {
    PageRect(x: tip.x - size * 0.4, y: tip.y - 2, width: size * 0.8, height: size * 1.55)
  }

  /// SVG for the arrow: a split arrowhead (half dark, half white) and the letter N.
  func markup(tip: PagePoint) -> String {
    let n = NumberText.coordinate
    let x = tip.x, y = tip.y, w = size * 0.32, h = size
    let notch = y + h * 0.72
    var out = "<g id=\"north-arrow\" stroke=\"#333333\" stroke-width=\"1\" stroke-linejoin=\"round\">"
    out += "<path d=\"M\(n(x)) \(n(y))L\(n(x - w)) \(n(y + h))L\(n(x)) \(n(notch))z\" fill=\"#333333\"/>"
    out += "<path d=\"M\(n(x)) \(n(y))L\(n(x + w)) \(n(y + h))L\(n(x)) \(n(notch))z\" fill=\"#ffffff\"/>"
    out +=
      "<text x=\"\(n(x))\" y=\"\(n(y + h + size * 0.5))\" font-size=\"\(n(size * 0.45))\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#333333\" stroke=\"none\">N</text>"
    out += "</g>\n"
    return out
  }
}
