/// What a legend row shows next to its text.
enum LegendSwatch: Hashable {
  /// A polygon style (filled box, or an outline when it has no fill).
  case area(LayerStyle)
  /// A point symbol.
  case point(PointCategory, outline: Color)
}

/// One legend row: a swatch, its text and (optionally) how many features it covers.
struct LegendRow: Hashable {
  var swatch: LegendSwatch
  var label: String
  var count: Int?
}

/// One layer's block of the legend.
struct LegendSection: Hashable {
  var heading: String
  var rows: [LegendRow]
}

/// Lays the legend out in its panel and writes it.
struct Legend {
  var sections: [LegendSection]
  var fontSize: Double = 11.5

  var isEmpty: Bool { sections.allSatisfy(\.rows.isEmpty) }

  /// The width the longest row or heading needs (estimated like labels: characters × size × 0.6).
  var preferredWidth: Double {
    var widest = 0.0
    for section in sections {
      widest = max(widest, Double(section.heading.count) * (fontSize + 1.5) * 0.62)
      for row in section.rows {
        let text =
          row.label.count + (row.count.map { NumberText.grouped(Double($0), decimals: 0).count + 3 } ?? 0)
        widest = max(widest, swatchWidth + 8 + Double(text) * fontSize * LabelPlacer.characterWidth)
      }
    }
    return widest + 2 * padding
  }

  private let swatchWidth = 18.0
  private let padding = 10.0

  /// Height needed at `size` (headings, rows, gaps between sections).
  private func height(size: Double) -> Double {
    var total = padding
    for section in sections where !section.rows.isEmpty {
      total += (size + 1.5) * 1.5 + Double(section.rows.count) * size * 1.6 + size * 0.6
    }
    return total + padding
  }

  /// SVG for the legend inside `panel`, shrinking the text if the rows would not fit (many
  /// categories) but never below 7 px.
  func markup(in panel: PageRect, hatchIDs: [Hatch: String], symbolIDs: [PointCategory: String]) -> String {
    var size = fontSize
    while size > 7 && height(size: size) > panel.height { size -= 0.5 }
    let n = NumberText.coordinate
    let rowHeight = size * 1.6
    var out = "<g id=\"legend\" font-size=\"\(n(size))\" fill=\"#333333\">"
    var y = panel.y + padding
    let x = panel.x + padding
    for section in sections where !section.rows.isEmpty {
      y += (size + 1.5) * 1.2
      out +=
        "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size + 1.5))\" font-weight=\"bold\">\(section.heading.xmlEscaped)</text>"
      y += (size + 1.5) * 0.3
      for row in section.rows {
        let swatchHeight = size * 1.1
        let top = y + (rowHeight - swatchHeight) / 2
        out += swatch(
          row.swatch, x: x, y: top, width: swatchWidth, height: swatchHeight, hatchIDs: hatchIDs,
          symbolIDs: symbolIDs)
        out +=
          "<text x=\"\(n(x + swatchWidth + 8))\" y=\"\(n(y + rowHeight / 2 + size * 0.35))\">\(row.label.xmlEscaped)"
        if let count = row.count {
          out +=
            "<tspan dx=\"4\" fill=\"#777777\">(\(NumberText.grouped(Double(count), decimals: 0)))</tspan>"
        }
        out += "</text>"
        y += rowHeight
      }
      y += size * 0.6
    }
    out += "</g>\n"
    return out
  }

  private func swatch(
    _ swatch: LegendSwatch, x: Double, y: Double, width: Double, height: Double, hatchIDs: [Hatch: String],
    symbolIDs: [PointCategory: String]
  ) -> String {
    let n = NumberText.coordinate
    switch swatch {
    case .area(let style):
      var attributes = SVGStyleAttributes.fillAndStroke(style, hatchIDs: hatchIDs, legend: true)
      if case .none = style.fill {
        // An outline-only layer is shown as a line, which is what a reader sees on the map.
        attributes =
          " fill=\"none\" stroke=\"\((style.stroke ?? .darkGrey).hex)\" stroke-width=\"\(n(max(1, style.strokeWidth)))\""
          + SVGStyleAttributes.dash(style.dash)
        let midY = y + height / 2
        return "<path d=\"M\(n(x)) \(n(midY))h\(n(width))\"\(attributes)/>"
      }
      return "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\"\(attributes)/>"
    case .point(let category, _):
      guard let id = symbolIDs[category] else { return "" }
      return "<use href=\"#\(id)\" x=\"\(n(x + width / 2))\" y=\"\(n(y + height / 2))\"/>"
    }
  }
}
