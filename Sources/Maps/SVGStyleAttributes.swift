/// Presentation attributes for styles (attributes, not CSS classes: office software that
/// imports SVG into board papers honours attributes more reliably than style sheets).
enum SVGStyleAttributes {
  /// ` fill="…" stroke="…" …` for a style, with hatch fills pointing at their pattern.
  static func fillAndStroke(_ style: LayerStyle, hatchIDs: [Hatch: String], legend: Bool = false) -> String {
    let n = NumberText.coordinate
    var out = " fill=\"\(fill(style.fill, hatchIDs: hatchIDs))\""
    if style.fillOpacity < 1 { out += " fill-opacity=\"\(JSONText.number(style.fillOpacity))\"" }
    if let stroke = style.stroke {
      out +=
        " stroke=\"\(stroke.hex)\" stroke-width=\"\(n(legend ? max(0.5, style.strokeWidth) : style.strokeWidth))\""
    } else if legend, case .color(let color) = style.fill {
      out += " stroke=\"\(color.hex)\" stroke-width=\"0.5\""
    } else {
      out += " stroke=\"none\""
    }
    out += dash(style.dash)
    if style.opacity < 1 { out += " opacity=\"\(JSONText.number(style.opacity))\"" }
    return out
  }

  /// The `fill` value: a colour, `none` or `url(#pattern)`.
  static func fill(_ fill: Fill, hatchIDs: [Hatch: String]) -> String {
    switch fill {
    case .none: "none"
    case .color(let color): color.hex
    case .hatch(let hatch): "url(#\(hatchIDs[hatch] ?? "hatch"))"
    }
  }

  /// ` stroke-dasharray="…"` or nothing.
  static func dash(_ dash: [Double]) -> String {
    dash.isEmpty ? "" : " stroke-dasharray=\"\(dash.map(NumberText.coordinate).joined(separator: " "))\""
  }

  /// The `<pattern>` of a hatch.
  static func pattern(_ hatch: Hatch, id: String) -> String {
    let n = NumberText.coordinate
    let s = n(hatch.spacing)
    var out =
      "<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"\(s)\" height=\"\(s)\" patternTransform=\"rotate(\(n(-hatch.angle)))\">"
    if let background = hatch.background {
      out += "<rect width=\"\(s)\" height=\"\(s)\" fill=\"\(background.hex)\"/>"
    }
    out +=
      "<path d=\"M0 \(n(hatch.spacing / 2))H\(s)\" stroke=\"\(hatch.color.hex)\" stroke-width=\"\(n(hatch.lineWidth))\"/>"
    out += "</pattern>"
    return out
  }
}
