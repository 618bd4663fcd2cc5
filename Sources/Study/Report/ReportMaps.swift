import Analysis
import GeoCore
import Layers
import Maps

/// The maps the report embeds.
enum ReportMaps {
  static func feature(_ layer: Layer, _ i: Int, category: String? = nil, value: Double? = nil) -> MapFeature {
    let f = layer.features[i]
    return MapFeature(id: f.id, name: f.name, geometry: f.geometry, value: value, category: category)
  }

  /// A pair's overview map and what its caption must say about the other layer's outlines.
  struct PairOverview {
    /// The SVG.
    var svg: String
    /// How the other layer's outlines were drawn.
    var outlines: OutlineLegibility
    /// How the coloured layer's own outlines were drawn: white lines between units, thinner or
    /// none when the units are small (white lines would otherwise whiten a city).
    var ownOutlines: OutlineLegibility
  }

  /// How a layer's outlines can be drawn on top of another layer's colours at a map's scale:
  /// dashed where its units are big on the page (a borough's wards), thin and light where they
  /// are small, and not at all where most would be a few pixels across (the UK's wards on a map
  /// of England), because their lines would cover the colours underneath.
  enum OutlineLegibility: Equatable {
    /// Dark dashed outlines.
    case dashed
    /// Thin light outlines.
    case thin
    /// Left out.
    case omitted

    /// Units whose box side (the geometric mean of width and height) is at least this many
    /// pixels at the 10th percentile keep dark dashed outlines (Stoke-on-Trent's wards on a map of
    /// Staffordshire are 10 px; the UK's wards on a map of England 1.3 px, half of them under 3).
    static let dashedPixels = 8.0
    /// At least this many pixels at the 10th percentile: thin light outlines; fewer: none.
    static let thinPixels = 3.0

    /// The style for units with boxes `boxes` on a map of `extent` drawn `width` × `height`
    /// pixels. The small units decide (the 10th percentile), since they are where the lines
    /// crowd together: in cities.
    static func of(_ boxes: [BoundingBox], extent: BoundingBox, width: Int, height: Int) -> OutlineLegibility
    {
      guard !boxes.isEmpty, extent.width > 0, extent.height > 0 else { return .dashed }
      // The map frame is the page less the legend panel, title and attribution (PageLayout).
      let metresPerPixel = max(extent.width / Double(width - 200), extent.height / Double(height - 120))
      let sides = boxes.map { ($0.width * $0.height).squareRoot() / metresPerPixel }.sorted()
      let small = sides[sides.count / 10]
      return small >= dashedPixels ? .dashed : small >= thinPixels ? .thin : .omitted
    }
  }

  /// A layer of the pair coloured by mismatch class, the other layer outlined on top as far as
  /// its outlines stay legible (``OutlineLegibility``). `frame` is the part of the world to show
  /// (the study's community layer); the other layer's units outside it are left out.
  static func pairOverview(_ run: OverlapRun, side: OverlaySide, frame: BoundingBox? = nil) throws
    -> PairOverview
  {
    let (own, other, summaries) = side == .a ? (run.a, run.b, run.summariesA) : (run.b, run.a, run.summariesB)
    let (width, height) = (900, 700)
    let inFrame = other.features.indices.filter {
      frame?.intersects(other.features[$0].geometry.boundingBox) ?? true
    }
    var extent = frame ?? .empty
    if frame == nil {
      for feature in own.features + other.features { extent.include(feature.geometry.boundingBox) }
    }
    let outlines = OutlineLegibility.of(
      inFrame.map { other.features[$0].geometry.boundingBox }, extent: extent, width: width, height: height)
    let ownOutlines = OutlineLegibility.of(
      own.features.map(\.geometry.boundingBox), extent: extent, width: width, height: height)
    let drawn =
      switch outlines {
      case .dashed: "\(other.name) outlined"
      case .thin: "\(other.name) outlined thinly"
      case .omitted: "\(other.name) not drawn (too small at this scale)"
      }
    var classes = CategoryColors.mismatchClasses()
    switch ownOutlines {
    case .dashed: break
    case .thin: classes.base.strokeWidth = 0.3
    case .omitted: classes.base.stroke = nil
    }
    var map = MapDocument(
      width: width, height: height, title: "\(own.name): fit with \(other.name)",
      subtitle: "Each \(own.name) unit coloured by its class at τ = \(run.options.tolerance)"
        + (ownOutlines == .omitted ? " (no outlines at this scale)" : "") + "; \(drawn)",
      attribution: MapDocument.attribution(forWorkingCRS: own.crs))
    map.extent = frame
    let features = own.features.indices.map {
      feature(own, $0, category: summaries[$0].mismatchClass.rawValue)
    }
    map.add(
      PolygonLayer(
        title: own.name, features: features, symbology: .categories(classes),
        labels: own.features.count <= 60 ? LabelOptions(minimumFontSize: 8, maximumFontSize: 13) : nil))
    switch outlines {
    case .dashed:
      map.add(
        PolygonLayer(
          title: other.name, features: inFrame.map { feature(other, $0) },
          symbology: .single(.outline(.darkGrey, width: 1.2, dash: [4, 3]))))
    case .thin:
      map.add(
        PolygonLayer(
          title: other.name, features: inFrame.map { feature(other, $0) },
          symbology: .single(.outline(.grey, width: 0.4))))
    case .omitted:
      break
    }
    return PairOverview(svg: try map.render(), outlines: outlines, ownOutlines: ownOutlines)
  }

  /// One feature with the units of the other layer it overlaps, labelled, and its slivers.
  static func card(_ run: OverlapRun, feature i: Int) throws -> String {
    let own = run.a.features[i]
    let pieces = run.overlay.pieces.filter { $0.a == i }
    var extent = own.geometry.boundingBox
    for piece in pieces { extent.include(run.b.features[piece.b].geometry.boundingBox) }
    let margin = max(extent.width, extent.height) * 0.05
    var map = MapDocument(
      width: 560, height: 420, title: own.name ?? own.id, subtitle: "\(run.b.name) it overlaps",
      attribution: MapDocument.attribution(forWorkingCRS: run.a.crs))
    map.extent = extent.expanded(by: margin)
    map.showsNorthArrow = false
    map.add(
      PolygonLayer(
        title: run.a.name, features: [feature(run.a, i)],
        symbology: .single(
          LayerStyle(
            fill: .color(Color(0x56B4E9)), stroke: Color(0x0072B2), strokeWidth: 2, fillOpacity: 0.35))))
    let units = pieces.map { feature(run.b, $0.b) }
    map.add(
      PolygonLayer(
        title: run.b.name, features: units, symbology: .single(.outline(.darkGrey, width: 1.2)),
        labels: LabelOptions(minimumFontSize: 7, maximumFontSize: 12)))
    let slivers = pieces.filter(\.isSliver).compactMap { piece in
      piece.geometry.map {
        MapFeature(id: "\(own.id)|\(run.b.features[piece.b].id)", name: "sliver", geometry: $0)
      }
    }
    if !slivers.isEmpty {
      map.add(
        PolygonLayer(
          title: "slivers", features: slivers,
          symbology: .single(.filled(Color(0xD55E00), stroke: Color(0xD55E00)))))
    }
    return try map.render()
  }

  /// The parts of a layer out of reach of one category (hatched), with the assets.
  static func gaps(layer: Layer, coverage: CoverageResult, category: String, assets: AssetSet, radius: Double)
    throws -> String
  {
    var map = MapDocument(
      width: 900, height: 700,
      title: "Out of reach of \(category): more than \(JSONValue.format(radius)) m in a straight line",
      subtitle: "\(layer.name); gaps hatched", attribution: MapDocument.attribution(forWorkingCRS: layer.crs))
    map.add(
      PolygonLayer(
        title: layer.name, features: layer.features.indices.map { feature(layer, $0) },
        symbology: .single(.filled(Color(0xE8F1E4), stroke: .darkGrey, strokeWidth: 0.8)),
        labels: layer.features.count <= 60 ? LabelOptions(minimumFontSize: 8, maximumFontSize: 12) : nil))
    let gaps = coverage.gaps.filter { $0.category == category }.map { gap in
      MapFeature(
        id: layer.features[gap.unit].id, name: "gap in \(layer.features[gap.unit].label)",
        geometry: gap.geometry,
        value: gap.population)
    }
    map.add(
      PolygonLayer(
        title: "beyond \(JSONValue.format(radius)) m", features: gaps,
        symbology: .single(
          LayerStyle(
            fill: .hatch(Hatch(color: Color(0xD55E00))), stroke: Color(0xD55E00), strokeWidth: 0.6,
            sealsSeams: false))))
    let points = assets.assets.filter { $0.category == category }.map {
      MapFeature(id: $0.id, name: $0.name, geometry: $0.geometry, category: category)
    }
    let polygons = points.filter { !$0.geometry.kind.isPuntal }
    if !polygons.isEmpty {
      map.add(
        PolygonLayer(
          title: category, features: polygons,
          symbology: .single(.filled(Color(0x009E73), stroke: Color(0x009E73)))))
    }
    let puntal = points.filter { $0.geometry.kind.isPuntal }
    if !puntal.isEmpty {
      map.add(
        PointLayer(
          title: category, features: puntal,
          categories: [PointCategory(category, symbol: .circle, color: Color(0x0072B2), size: 7)]))
    }
    return try map.render()
  }
}
