import GeoCore

/// The report's symbology written as QGIS style documents (QML), so a GeoPackage opened in QGIS
/// shows the same maps as the SVGs: categories as a categorized renderer, choropleths as a
/// graduated renderer with the same class breaks and palette, hatches as line-pattern fills,
/// points as markers. Sizes are converted from the SVG's pixels (96 per inch) to millimetres.
public enum QGISStyle {
  /// A polygon layer drawn with `symbology`. `field` is the attribute holding the category or
  /// value; `values` are the layer's values (the breaks are worked out from them exactly as the
  /// SVG map does), `categories` its categories (for cycling palettes).
  public static func polygons(
    _ symbology: Symbology, field: String? = nil, values: [Double] = [], categories: [String] = []
  ) -> String {
    switch symbology {
    case .single(let style):
      return document(renderer: single(fillSymbol(style, name: "0")))
    case .choropleth(let choropleth):
      let breaks = ClassBreaks(values: values, method: choropleth.method)
      return graduated(
        field: field ?? "value", breaks: breaks, colors: choropleth.palette.colors(count: breaks.count),
        base: choropleth.base, decimals: choropleth.decimals, method: choropleth.method)
    case .categories(let colors):
      let assigned: [CategoryColor]
      switch colors.assignment {
      case .fixed(let mapping): assigned = mapping
      case .cycling(let palette), .distinctFromNeighbours(let palette):
        // QGIS has no neighbour-aware colouring: categories take the palette in turn.
        let names = Set(categories).sorted()
        let cycle = palette.isEmpty ? [Color.grey] : palette
        assigned = names.enumerated().map { CategoryColor($1, cycle[$0 % cycle.count]) }
      }
      var rows = assigned.map {
        (value: $0.name, label: $0.name, style: colors.base.with(fill: .color($0.color)))
      }
      // An empty value is QGIS's "all other values": features without a known category.
      rows.append((value: "", label: "No data", style: colors.noData))
      var categoriesXML = ""
      var symbols = ""
      for (k, row) in rows.enumerated() {
        categoriesXML +=
          "<category render=\"true\" symbol=\"\(k)\" value=\"\(escape(row.value))\" label=\"\(escape(row.label))\"/>"
        symbols += fillSymbol(row.style, name: "\(k)")
      }
      return document(
        renderer: "<renderer-v2 type=\"categorizedSymbol\" attr=\"\(escape(field ?? "category"))\" "
          + "symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\"><categories>\(categoriesXML)</categories>"
          + "<symbols>\(symbols)</symbols><source-symbol>\(fillSymbol(colors.base, name: "0"))</source-symbol>"
          + "</renderer-v2>")
    }
  }

  /// A point layer: one marker per category found in `field`, or one marker for all.
  public static func points(_ categories: [PointCategory], field: String? = nil) -> String {
    guard let field, categories.count > 1 || categories.first?.name != nil else {
      let only = categories.first ?? PointCategory(nil, symbol: .circle, color: Color(0x0072B2), size: 7)
      return document(renderer: single(markerSymbol(only, name: "0")))
    }
    var categoriesXML = ""
    var symbols = ""
    for (k, category) in categories.enumerated() {
      categoriesXML +=
        "<category render=\"true\" symbol=\"\(k)\" value=\"\(escape(category.name ?? ""))\" "
        + "label=\"\(escape(category.label))\"/>"
      symbols += markerSymbol(category, name: "\(k)")
    }
    return document(
      renderer: "<renderer-v2 type=\"categorizedSymbol\" attr=\"\(escape(field))\" symbollevels=\"0\" "
        + "forceraster=\"0\" enableorderby=\"0\"><categories>\(categoriesXML)</categories>"
        + "<symbols>\(symbols)</symbols></renderer-v2>")
  }

  /// Resident drawings' agreement (0–1, the share of drawings covering a place) shaded in five
  /// bands: below the 0.5 core, then quarter steps of the core up to full agreement.
  public static func agreement(field: String = "agreement") -> String {
    let breaks = ClassBreaks(lowerBound: 0, upperBounds: [0.5, 0.625, 0.75, 0.875, 1])
    return graduated(
      field: field, breaks: breaks, colors: Palette.cividis.colors(count: breaks.count),
      base: LayerStyle(stroke: nil, strokeWidth: 0.5), decimals: 3,
      method: .explicit([0.5, 0.625, 0.75, 0.875]))
  }

  private static func graduated(
    field: String, breaks: ClassBreaks, colors: [Color], base: LayerStyle, decimals: Int?,
    method: ClassificationMethod
  ) -> String {
    var narrowest = Double.infinity
    for k in 0..<breaks.count {
      let (lower, upper) = breaks.range(ofClass: k)
      if upper > lower { narrowest = min(narrowest, upper - lower) }
    }
    let places = decimals ?? NumberText.decimals(forStep: narrowest)
    var ranges = ""
    var symbols = ""
    for k in 0..<breaks.count {
      let (lower, upper) = breaks.range(ofClass: k)
      let label =
        "\(NumberText.grouped(lower, decimals: places)) – \(NumberText.grouped(upper, decimals: places))"
      ranges +=
        "<range render=\"true\" symbol=\"\(k)\" lower=\"\(number(lower))\" upper=\"\(number(upper))\" "
        + "label=\"\(escape(label))\"/>"
      symbols += fillSymbol(base.with(fill: .color(colors[k])), name: "\(k)")
    }
    let mode: String
    switch method {
    case .quantile: mode = "Quantile"
    case .equalInterval: mode = "EqualInterval"
    case .jenks: mode = "Jenks"
    case .explicit: mode = "Manual"
    }
    return document(
      renderer:
        "<renderer-v2 type=\"graduatedSymbol\" attr=\"\(escape(field))\" graduatedMethod=\"GraduatedColor\" "
        + "symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\"><ranges>\(ranges)</ranges>"
        + "<symbols>\(symbols)</symbols><mode name=\"\(mode)\"/></renderer-v2>")
  }

  private static func single(_ symbol: String) -> String {
    "<renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">"
      + "<symbols>\(symbol)</symbols></renderer-v2>"
  }

  private static func document(renderer: String) -> String {
    "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
      + "<qgis version=\"3.22.0\" styleCategories=\"Symbology\">\(renderer)<blendMode>0</blendMode>"
      + "<featureBlendMode>0</featureBlendMode><layerOpacity>1</layerOpacity></qgis>\n"
  }

  /// A fill symbol: a simple fill (colour, or the hatch's background) with the outline, and for
  /// a hatch a line-pattern fill on top.
  private static func fillSymbol(_ style: LayerStyle, name: String) -> String {
    let outline =
      style.stroke.map {
        prop("outline_color", rgba($0, 1)) + prop("outline_style", style.dash.isEmpty ? "solid" : "dash")
          + prop("outline_width", number(millimetres(style.strokeWidth))) + prop("outline_width_unit", "MM")
      } ?? prop("outline_style", "no")
    var layers = ""
    switch style.fill {
    case .none:
      layers = simpleFill(prop("color", "0,0,0,0") + prop("style", "no") + outline)
    case .color(let color):
      layers = simpleFill(prop("color", rgba(color, style.fillOpacity)) + prop("style", "solid") + outline)
    case .hatch(let hatch):
      let background = hatch.background.map {
        prop("color", rgba($0, style.fillOpacity)) + prop("style", "solid")
      }
      layers = simpleFill((background ?? prop("color", "0,0,0,0") + prop("style", "no")) + outline)
      layers +=
        "<layer class=\"LinePatternFill\" enabled=\"1\" pass=\"0\" locked=\"0\">"
        + prop("angle", number(hatch.angle)) + prop("color", rgba(hatch.color, 1))
        + prop("distance", number(millimetres(hatch.spacing))) + prop("distance_unit", "MM")
        + prop("line_width", number(millimetres(hatch.lineWidth))) + prop("line_width_unit", "MM")
        + prop("offset", "0") + prop("offset_unit", "MM")
        + "<symbol type=\"line\" name=\"@\(name)@1\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">"
        + "<layer class=\"SimpleLine\" enabled=\"1\" pass=\"0\" locked=\"0\">"
        + prop("line_color", rgba(hatch.color, 1)) + prop("line_style", "solid")
        + prop("line_width", number(millimetres(hatch.lineWidth))) + prop("line_width_unit", "MM")
        + "</layer></symbol></layer>"
    }
    return "<symbol type=\"fill\" name=\"\(name)\" alpha=\"\(number(style.opacity))\" clip_to_extent=\"1\" "
      + "force_rhr=\"0\">\(layers)</symbol>"
  }

  private static func simpleFill(_ props: String) -> String {
    "<layer class=\"SimpleFill\" enabled=\"1\" pass=\"0\" locked=\"0\">\(props)"
      + prop("joinstyle", "round") + "</layer>"
  }

  private static func markerSymbol(_ category: PointCategory, name: String) -> String {
    let shape: String =
      switch category.symbol {
      case .circle: "circle"
      case .square: "square"
      case .triangle: "triangle"
      case .diamond: "diamond"
      case .cross: "cross_fill"
      case .invertedTriangle: "triangle"
      }
    return "<symbol type=\"marker\" name=\"\(name)\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">"
      + "<layer class=\"SimpleMarker\" enabled=\"1\" pass=\"0\" locked=\"0\">"
      + prop("name", shape) + prop("color", rgba(category.color, 1))
      + prop("outline_color", "255,255,255,255")
      + prop("outline_width", "0.2") + prop("outline_width_unit", "MM")
      + prop("size", number(millimetres(category.size))) + prop("size_unit", "MM")
      + prop("angle", category.symbol == .invertedTriangle ? "180" : "0") + "</layer></symbol>"
  }

  private static func prop(_ key: String, _ value: String) -> String {
    "<prop k=\"\(key)\" v=\"\(escape(value))\"/>"
  }

  private static func rgba(_ color: Color, _ alpha: Double) -> String {
    "\(color.red),\(color.green),\(color.blue),\(Int((max(0, min(1, alpha)) * 255).rounded()))"
  }

  /// SVG pixels (1/96 inch) to millimetres.
  private static func millimetres(_ pixels: Double) -> Double { pixels * 25.4 / 96 }

  private static func number(_ value: Double) -> String { JSONValue.format(FixedDecimal.rounded(value, 6)) }

  private static func escape(_ text: String) -> String { text.xmlEscaped }
}
