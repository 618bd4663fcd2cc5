import GEOS
import GeoCore

/// Turns a `MapDocument` into SVG text. One renderer per call; it owns one GEOS context (labels
/// need the maximum inscribed circle) and never shares it.
struct MapRenderer {
  let document: MapDocument
  private var statistics = MapStatistics()
  private var hatchIDs: [Hatch: String] = [:]
  private var hatchOrder: [Hatch] = []
  private var symbolIDs: [PointCategory: String] = [:]
  private var symbolOrder: [(PointCategory, String, Color)] = []
  private var styleRules: [String] = []

  init(document: MapDocument) {
    self.document = document
  }

  /// The whole map: each layer's styles and the legend first, then the page layout and
  /// projection, the layers and their labels, and the SVG document around them.
  mutating func render() throws(MapError) -> MapRendering {
    let resolved = resolveLayers()
    let legend = Legend(sections: resolved.legendSections)
    let showsLegend = document.showsLegend && !legend.isEmpty
    let layout = try PageLayout(document: document, legendWidth: showsLegend ? legend.preferredWidth : nil)
    let projection = MapProjection(extent: document.extent ?? dataExtent(), frame: layout.mapFrame, margin: 8)
    let furniture = Furniture(document: document, frame: layout.mapFrame, projection: projection)
    let drawn = drawLayers(
      resolved, projection: projection, frame: layout.mapFrame, obstacles: furniture.obstacles)
    var svg = ""
    svg.reserveCapacity(drawn.body.utf8.count + 16_384)
    svg += header(frame: layout.mapFrame)
    svg += "<g clip-path=\"url(#map-frame)\">\n"
    svg += drawn.body
    svg += drawn.labelMarkup
    svg += "</g>\n"
    svg += furniture.markup()
    if showsLegend, let panel = layout.legendPanel {
      svg += legend.markup(in: panel, hatchIDs: hatchIDs, symbolIDs: symbolIDs)
    }
    svg += furnitureText(layout: layout)
    svg += "</svg>\n"
    return MapRendering(
      svg: svg, projection: projection, scaleBar: furniture.scaleBar, labels: drawn.labels,
      statistics: statistics)
  }

  /// Each layer's topology, styles and point categories, by layer position, and the legend's
  /// sections.
  struct ResolvedLayers {
    var topologies: [ArcTopology?] = []
    var symbologies: [ResolvedSymbology?] = []
    var pointCategories: [[PointCategory]] = []
    var legendSections: [LegendSection] = []
  }

  /// Resolves every layer's styles, registering them for the document's style sheet and defs.
  /// Topology first: the categorical colouring needs neighbours, the legend needs the styles, and
  /// the layout needs the legend's width.
  private mutating func resolveLayers() -> ResolvedLayers {
    var resolvedLayers = ResolvedLayers()
    for layer in document.layers {
      switch layer {
      case .polygons(let polygons):
        let topology = ArcTopology(polygons: polygons.features.map(\.geometry))
        let resolved = ResolvedSymbology(layer: polygons, neighbours: { topology.neighbours() })
        resolvedLayers.topologies.append(topology)
        resolvedLayers.symbologies.append(resolved)
        resolvedLayers.pointCategories.append([])
        for style in resolved.styles { register(style) }
        if polygons.showsInLegend && !resolved.legend.rows.isEmpty {
          resolvedLayers.legendSections.append(resolved.legend)
        }
      case .points(let points):
        let categories = points.resolvedCategories()
        resolvedLayers.topologies.append(nil)
        resolvedLayers.symbologies.append(nil)
        resolvedLayers.pointCategories.append(categories)
        for category in categories { register(category, outline: points.outline) }
        if points.showsInLegend {
          let rows = categories.map { category in
            LegendRow(
              swatch: .point(category, outline: points.outline), label: category.label,
              count: points.features.filter { $0.category == category.name }.count)
          }
          resolvedLayers.legendSections.append(LegendSection(heading: points.title, rows: rows))
        }
      }
    }
    return resolvedLayers
  }

  /// The scale bar and north arrow, where they stand, and the room they take from labels.
  struct Furniture {
    let scaleBar: ScaleBar?
    let scaleOrigin: PagePoint
    let arrow = NorthArrow()
    let arrowTip: PagePoint
    let showsNorthArrow: Bool
    let frame: PageRect

    init(document: MapDocument, frame: PageRect, projection: MapProjection) {
      scaleBar =
        document.showsScaleBar
        ? ScaleBar(metresPerPixel: projection.metresPerPixel, mapWidth: frame.width) : nil
      scaleOrigin = PagePoint(x: frame.x + 14, y: frame.maxY - 30)
      arrowTip = PagePoint(x: frame.maxX - 22, y: frame.y + 8)
      showsNorthArrow = document.showsNorthArrow
      self.frame = frame
    }

    /// Boxes labels must keep clear of.
    var obstacles: [PageRect] {
      var obstacles: [PageRect] = []
      if let scaleBar { obstacles.append(scaleBar.bounds(at: scaleOrigin, fontSize: 10)) }
      if showsNorthArrow { obstacles.append(arrow.bounds(tip: arrowTip)) }
      return obstacles
    }

    /// The frame's border, the scale bar and the north arrow.
    func markup() -> String {
      let n = NumberText.coordinate
      var svg =
        "<rect x=\"\(n(frame.x))\" y=\"\(n(frame.y))\" width=\"\(n(frame.width))\" height=\"\(n(frame.height))\" fill=\"none\" stroke=\"#cccccc\" stroke-width=\"1\"/>\n"
      if let scaleBar { svg += scaleBar.markup(at: scaleOrigin, fontSize: 10) }
      if showsNorthArrow { svg += arrow.markup(tip: arrowTip) }
      return svg
    }
  }

  /// Draws every layer in order, placing each polygon layer's labels clear of the furniture and
  /// of the labels placed before.
  private mutating func drawLayers(
    _ resolved: ResolvedLayers, projection: MapProjection, frame: PageRect, obstacles: [PageRect]
  ) -> (body: String, labels: [PlacedLabel], labelMarkup: String) {
    var body = ""
    body.reserveCapacity(1 << 20)
    var labels: [PlacedLabel] = []
    var labelMarkup = ""
    let context = GeometryContext()
    for (index, layer) in document.layers.enumerated() {
      switch layer {
      case .polygons(let polygons):
        guard let topology = resolved.topologies[index], let symbology = resolved.symbologies[index] else {
          continue
        }
        writePolygons(
          polygons, index: index, topology: topology, resolved: symbology, projection: projection, into: &body
        )
        if let options = polygons.labels {
          let candidates = labelCandidates(polygons, projection: projection, context: context)
          let placed = LabelPlacer.place(
            candidates, options: options, bounds: frame,
            obstacles: obstacles + labels.map { $0.box.insetBy(-2) })
          statistics.labelsDropped += candidates.count - placed.count
          labels += placed
          labelMarkup += labelsMarkup(placed, options: options, layerIndex: index)
        }
      case .points(let points):
        writePoints(
          points, index: index, categories: resolved.pointCategories[index], projection: projection,
          into: &body)
      }
    }
    return (body, labels, labelMarkup)
  }

  /// The SVG's prolog, title, style sheet, defs (clip path, hatches, point symbols) and white page.
  private func header(frame: PageRect) -> String {
    let n = NumberText.coordinate
    var svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    svg +=
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(document.width)\" height=\"\(document.height)\" viewBox=\"0 0 \(document.width) \(document.height)\" font-family=\"\(document.fontFamily.xmlEscaped)\" role=\"img\" aria-labelledby=\"map-title\">\n"
    svg += "<title id=\"map-title\">\((document.title.isEmpty ? "Map" : document.title).xmlEscaped)</title>\n"
    // Strokes keep their pixel width when the map is zoomed in a viewer.
    svg += "<style>path,rect,circle,use{vector-effect:non-scaling-stroke}"
    for rule in styleRules { svg += "\n" + rule }
    svg += "</style>\n"
    svg += "<defs>"
    svg +=
      "<clipPath id=\"map-frame\"><rect x=\"\(n(frame.x))\" y=\"\(n(frame.y))\" width=\"\(n(frame.width))\" height=\"\(n(frame.height))\"/></clipPath>"
    for hatch in hatchOrder { svg += SVGStyleAttributes.pattern(hatch, id: hatchIDs[hatch] ?? "hatch") }
    for (category, id, outline) in symbolOrder {
      svg +=
        "<g id=\"\(id)\" fill=\"\(category.color.hex)\" stroke=\"\(outline.hex)\" stroke-width=\"1\">\(category.symbol.markup(size: category.size))</g>"
    }
    svg += "</defs>\n"
    svg += "<rect width=\"\(document.width)\" height=\"\(document.height)\" fill=\"#ffffff\"/>\n"
    return svg
  }

  // MARK: Layers

  private mutating func writePolygons(
    _ layer: PolygonLayer, index: Int, topology: ArcTopology, resolved: ResolvedSymbology,
    projection: MapProjection,
    into out: inout String
  ) {
    let arcs = topology.simplifiedArcs(tolerance: layer.simplification) { x, y in
      (projection.pageX(x), projection.pageY(y))
    }
    statistics.arcs += topology.arcCount
    statistics.arcPointsBefore += topology.arcVertices.count
    statistics.arcPointsKept += arcs.pointCount
    let groupStyle = resolved.styles.first ?? LayerStyle()
    let isSingle: Bool
    if case .single = layer.symbology { isSingle = true } else { isSingle = false }
    out += "<g id=\"layer-\(index)\" data-layer=\"\(layer.title.xmlEscaped)\""
    if isSingle {
      out += SVGStyleAttributes.fillAndStroke(groupStyle, hatchIDs: hatchIDs)
      if case .none = groupStyle.fill {
      } else if groupStyle.stroke == nil && groupStyle.sealsSeams,
        case .color(let color) = groupStyle.fill
      {
        out += " stroke=\"\(color.hex)\" stroke-width=\"0.5\""
      }
    } else {
      out += groupStrokeAttributes(groupStyle)
    }
    out += " stroke-linejoin=\"round\" fill-rule=\"evenodd\">\n"
    // A class per style (`.l0s3{fill:…;stroke:…}`): a national layer repeats a handful of
    // styles tens of thousands of times, and a class name is shorter than fill and stroke.
    var styleClasses: [String] = []
    if !isSingle {
      for (k, style) in resolved.styles.enumerated() {
        let name = "l\(index)s\(k)"
        styleClasses.append(name)
        var rule = ".\(name){fill:\(SVGStyleAttributes.fill(style.fill, hatchIDs: hatchIDs))"
        if let stroke = effectiveStroke(style), stroke != effectiveStroke(groupStyle) {
          rule += ";stroke:\(stroke.hex)"
        }
        styleRules.append(rule + "}")
      }
    }
    let visible = projection.extent
    // One encoder for the whole layer: its buffers are reused from feature to feature.
    var encoder = PathEncoder()
    for f in layer.features.indices {
      let feature = layer.features[f]
      guard feature.geometry.boundingBox.intersects(visible) else { continue }
      encoder.removeAll()
      var isLine = false
      if feature.geometry.kind.isPolygonal {
        topology.forEachRing(ofFeature: f, arcs: arcs) { ring, _, _ in
          encoder.appendRing(ring, minimumArea: layer.minimumRingArea)
        }
      } else if feature.geometry.kind.isLineal {
        isLine = true
        appendLines(feature.geometry, tolerance: layer.simplification, projection: projection, to: &encoder)
      }
      guard encoder.ringCount > 0 else {
        if feature.geometry.kind.isPolygonal || isLine { statistics.featuresTooSmall += 1 }
        continue
      }
      statistics.featuresDrawn += 1
      // Plain appends, not interpolation: this loop runs once per LSOA on a national map.
      out += "<path d=\""
      out += encoder.data
      out += "\""
      writeDataAttributes(feature, classText: resolved.featureClass[f], into: &out)
      if isLine { out += " fill=\"none\"" }
      if !isSingle && !isLine {
        out += " class=\""
        out += styleClasses[resolved.featureStyle[f]]
        out += "\""
      }
      out += "><title>"
      out += tooltip(feature, detail: resolved.featureValueText[f]).xmlEscaped
      out += "</title></path>\n"
    }
    out += "</g>\n"
  }

  /// The outline a style draws: its stroke, or its own fill colour when sealing seams.
  private func effectiveStroke(_ style: LayerStyle) -> Color? {
    if let stroke = style.stroke { return stroke }
    if style.sealsSeams, case .color(let color) = style.fill { return color }
    return nil
  }

  private func groupStrokeAttributes(_ style: LayerStyle) -> String {
    let n = NumberText.coordinate
    var out = ""
    if let stroke = effectiveStroke(style) {
      out += " stroke=\"\(stroke.hex)\" stroke-width=\"\(n(style.stroke == nil ? 0.5 : style.strokeWidth))\""
    } else {
      out += " stroke=\"none\" stroke-width=\"\(n(style.strokeWidth))\""
    }
    out += SVGStyleAttributes.dash(style.dash)
    if style.fillOpacity < 1 { out += " fill-opacity=\"\(JSONText.number(style.fillOpacity))\"" }
    if style.opacity < 1 { out += " opacity=\"\(JSONText.number(style.opacity))\"" }
    return out
  }

  private func appendLines(
    _ geometry: FlatGeometry, tolerance: Double, projection: MapProjection, to encoder: inout PathEncoder
  ) {
    var page: [Double] = []
    var kept: [Int] = []
    for ring in 0..<geometry.ringCount {
      page.removeAll(keepingCapacity: true)
      for i in geometry.pointRange(ofRing: ring) {
        page.append(projection.pageX(geometry.x(i)))
        page.append(projection.pageY(geometry.y(i)))
      }
      kept.removeAll(keepingCapacity: true)
      page.withUnsafeBufferPointer {
        Simplify.douglasPeucker($0, range: 0..<($0.count / 2), tolerance: tolerance, into: &kept)
      }
      encoder.appendLine(kept.flatMap { [page[2 * $0], page[2 * $0 + 1]] })
    }
  }

  private mutating func writePoints(
    _ layer: PointLayer, index: Int, categories: [PointCategory], projection: MapProjection,
    into out: inout String
  ) {
    let n = NumberText.coordinate
    out += "<g id=\"layer-\(index)\" data-layer=\"\(layer.title.xmlEscaped)\">\n"
    let visible = projection.extent
    for feature in layer.features {
      guard let category = categories.first(where: { $0.name == feature.category }),
        let symbol = symbolIDs[category]
      else { continue }
      var drawn = false
      for i in 0..<feature.geometry.pointCount {
        let x = feature.geometry.x(i), y = feature.geometry.y(i)
        guard visible.contains(BoundingBox(minX: x, minY: y, maxX: x, maxY: y)) else { continue }
        out += "<use href=\"#\(symbol)\" x=\"\(n(projection.pageX(x)))\" y=\"\(n(projection.pageY(y)))\""
        writeDataAttributes(feature, classText: feature.category, into: &out)
        out +=
          "><title>\(tooltip(feature, detail: feature.category.map { "\(layer.title): \($0)" }).xmlEscaped)</title></use>\n"
        drawn = true
      }
      if drawn { statistics.featuresDrawn += 1 }
    }
    out += "</g>\n"
  }

  private func writeDataAttributes(_ feature: MapFeature, classText: String?, into out: inout String) {
    out += " data-id=\""
    out += feature.id.xmlEscaped
    out += "\""
    // The name is in the tooltip; repeating it in `data-name` would add a third to a national file.
    if let value = feature.value, value.isFinite { out += " data-value=\"\(JSONText.number(value))\"" }
    if let classText { out += " data-class=\"\(classText.xmlEscaped)\"" }
    for attribute in feature.attributes {
      let name = attribute.name.dataAttributeName
      // The built-in attributes win: a property called "id" must not produce a duplicate.
      guard !["id", "name", "value", "class"].contains(name) else { continue }
      out += " data-\(name)=\"\(attribute.value.xmlEscaped)\""
    }
  }

  private func tooltip(_ feature: MapFeature, detail: String?) -> String {
    var text = feature.name.map { "\($0) (\(feature.id))" } ?? feature.id
    if let detail { text += "\n" + detail }
    return text
  }

  // MARK: Labels

  private mutating func labelCandidates(
    _ layer: PolygonLayer, projection: MapProjection, context: GeometryContext
  ) -> [LabelCandidate] {
    var candidates: [LabelCandidate] = []
    for feature in layer.features where feature.geometry.kind.isPolygonal {
      guard let text = feature.labelText ?? feature.name, !text.isEmpty,
        feature.geometry.boundingBox.intersects(projection.extent)
      else { continue }
      do {
        let geometry = try Geometry(feature.geometry, context: context)
        let circle = try geometry.maximumInscribedCircle(tolerance: projection.metresPerPixel)
        candidates.append(
          LabelCandidate(
            text: text, centre: projection.page(x: circle.x, y: circle.y),
            radius: circle.radius * projection.scale,
            priority: try geometry.area(), featureID: feature.id))
      } catch {
        statistics.labelErrors.append("layer \"\(layer.title)\", feature \(feature.id): \(error)")
      }
    }
    return candidates
  }

  // MARK: Definitions

  private mutating func register(_ style: LayerStyle) {
    guard case .hatch(let hatch) = style.fill, hatchIDs[hatch] == nil else { return }
    hatchIDs[hatch] = "hatch-\(hatchOrder.count)"
    hatchOrder.append(hatch)
  }

  private mutating func register(_ category: PointCategory, outline: Color) {
    guard symbolIDs[category] == nil else { return }
    let id = "symbol-\(symbolOrder.count)"
    symbolIDs[category] = id
    symbolOrder.append((category, id, outline))
  }

  private func dataExtent() -> BoundingBox {
    var box = BoundingBox.empty
    for layer in document.layers {
      switch layer {
      case .polygons(let polygons):
        for feature in polygons.features { box.include(feature.geometry.boundingBox) }
      case .points(let points): for feature in points.features { box.include(feature.geometry.boundingBox) }
      }
    }
    return box
  }
}
