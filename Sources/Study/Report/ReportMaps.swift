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

  /// A layer of the pair coloured by mismatch class, the other layer outlined on top.
  static func pairOverview(_ run: OverlapRun, side: OverlaySide) throws -> String {
    let (own, other, summaries) = side == .a ? (run.a, run.b, run.summariesA) : (run.b, run.a, run.summariesB)
    var map = MapDocument(
      width: 900, height: 700, title: "\(own.name): fit with \(other.name)",
      subtitle:
        "Each \(own.name) unit coloured by its class at τ = \(run.options.tolerance); \(other.name) outlined",
      attribution: MapDocument.attribution(forWorkingCRS: own.crs))
    let features = own.features.indices.map {
      feature(own, $0, category: summaries[$0].mismatchClass.rawValue)
    }
    map.add(
      PolygonLayer(
        title: own.name, features: features, symbology: .categories(.mismatchClasses()),
        labels: own.features.count <= 60 ? LabelOptions(minimumFontSize: 8, maximumFontSize: 13) : nil))
    map.add(
      PolygonLayer(
        title: other.name, features: other.features.indices.map { feature(other, $0) },
        symbology: .single(.outline(.darkGrey, width: 1.2, dash: [4, 3]))))
    return try map.render()
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
