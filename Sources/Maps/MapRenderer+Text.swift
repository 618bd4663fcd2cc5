/// The text parts of the page: labels inside polygons, title, subtitle and attribution.
extension MapRenderer {
  func labelsMarkup(_ labels: [PlacedLabel], options: LabelOptions, layerIndex: Int) -> String {
    guard !labels.isEmpty else { return "" }
    let n = NumberText.coordinate
    var out = "<g id=\"labels-\(layerIndex)\" text-anchor=\"middle\" fill=\"\(options.color.hex)\""
    out +=
      " stroke=\"\(options.haloColor.hex)\" stroke-width=\"\(n(options.haloWidth))\" stroke-linejoin=\"round\" paint-order=\"stroke\""
    if options.isBold { out += " font-weight=\"bold\"" }
    out += ">\n"
    for label in labels {
      let lineStep = label.fontSize * LabelPlacer.lineHeight
      let firstBaseline =
        label.centre.y - lineStep * Double(label.lines.count - 1) / 2 + label.fontSize * 0.35
      out +=
        "<text x=\"\(n(label.centre.x))\" y=\"\(n(firstBaseline))\" font-size=\"\(n(label.fontSize))\" data-id=\"\(label.featureID.xmlEscaped)\">"
      for (k, line) in label.lines.enumerated() {
        if label.lines.count == 1 {
          out += line.xmlEscaped
        } else {
          out +=
            "<tspan x=\"\(n(label.centre.x))\"\(k == 0 ? "" : " dy=\"\(n(lineStep))\"")>\(line.xmlEscaped)</tspan>"
        }
      }
      out += "</text>\n"
    }
    out += "</g>\n"
    return out
  }

  // MARK: Furniture

  func furnitureText(layout: PageLayout) -> String {
    let n = NumberText.coordinate
    var out = ""
    let x = PageLayout.padding
    if !document.title.isEmpty {
      out +=
        "<text id=\"title\" x=\"\(n(x))\" y=\"\(n(layout.titleBaseline))\" font-size=\"\(n(PageLayout.titleSize))\" font-weight=\"bold\" fill=\"#222222\">\(document.title.xmlEscaped)</text>\n"
    }
    if let subtitle = document.subtitle {
      out +=
        "<text id=\"subtitle\" x=\"\(n(x))\" y=\"\(n(layout.subtitleBaseline))\" font-size=\"\(n(PageLayout.subtitleSize))\" fill=\"#555555\">\(subtitle.xmlEscaped)</text>\n"
    }
    if !layout.attributionLines.isEmpty {
      out += "<text id=\"attribution\" font-size=\"\(n(PageLayout.attributionSize))\" fill=\"#666666\">"
      for (k, line) in layout.attributionLines.enumerated() {
        let y = layout.attributionTop + PageLayout.attributionSize * (1 + 1.3 * Double(k))
        out += "<tspan x=\"\(n(x))\" y=\"\(n(y))\">\(line.xmlEscaped)</tspan>"
      }
      out += "</text>\n"
    }
    return out
  }
}
