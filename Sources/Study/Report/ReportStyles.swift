import Analysis
import GeoCore
import Maps

/// The QGIS styles of report.gpkg's layers: the symbology the report's SVG maps use, so the
/// GeoPackage opens in QGIS looking like the report.
enum ReportStyles {
  /// Units coloured by crosswalk class against the first layer they are compared with (the
  /// report's overview maps); without a pair, a choropleth of the first category's covered share
  /// or of residents; else a flat fill.
  /// Every style of a units layer, the default first: its class against each layer it is
  /// compared with, drawings' agreement, then a choropleth (quantiles, viridis, as `nbhd render
  /// --choropleth` draws it) of each covered share and of residents; a flat fill when none applies.
  static func units(
    _ study: StudyRun, _ name: String, _ features: [(geometry: FlatGeometry?, properties: JSONObject)]
  ) -> [(name: String, qml: String)] {
    var styles: [(name: String, qml: String)] = []
    for (pair, _) in study.pairs where pair.a == name || pair.b == name {
      let field = "class_vs_\(pair.a == name ? pair.b : pair.a)"
      styles.append((field, QGISStyle.polygons(.categories(.mismatchClasses()), field: field)))
    }
    if features.contains(where: { $0.properties["agreement"] != nil }) {
      styles.append(("agreement", QGISStyle.agreement()))
    }
    let numeric =
      (features.first?.properties.keys.filter { $0.hasPrefix("covered_share_") } ?? [])
      + (features.contains { $0.properties["population"] != nil } ? ["population"] : [])
    for field in numeric {
      let values = features.map { $0.properties[field]?.numberValue ?? .nan }
      styles.append(
        (
          field,
          QGISStyle.polygons(
            .choropleth(Choropleth(method: .quantile(5), palette: .viridis, valueName: field)), field: field,
            values: values)
        ))
    }
    if styles.isEmpty {
      styles.append(
        (name, QGISStyle.polygons(.single(.filled(Color(0xE8F1E4), stroke: .darkGrey, strokeWidth: 0.8)))))
    }
    return styles
  }

  /// Overlap pieces: translucent blue, as the report's feature cards draw a unit.
  static let pieces = QGISStyle.polygons(
    .single(
      LayerStyle(fill: .color(Color(0x56B4E9)), stroke: Color(0x0072B2), strokeWidth: 1, fillOpacity: 0.35)))

  /// Slivers: vermillion, as on the cards.
  static let slivers = QGISStyle.polygons(.single(.filled(Color(0xD55E00), stroke: Color(0xD55E00))))

  /// Coverage gaps: vermillion hatch, as on the report's gap maps.
  static let gaps = QGISStyle.polygons(.single(gapStyle))

  /// Overlaps filled, gaps hatched.
  static let topology = QGISStyle.polygons(
    .categories(
      CategoryColors(
        assignment: .fixed([CategoryColor("overlap", Color(0xCC79A7))]), heading: "kind",
        base: LayerStyle(stroke: Color(0xCC79A7), strokeWidth: 0.6), noData: gapStyle)),
    field: "kind")

  /// Assets as points, one colour per category (Okabe–Ito in category order).
  static func assets(_ features: [(geometry: FlatGeometry?, properties: JSONObject)]) -> String {
    let names = Set(features.compactMap { $0.properties["category"]?.text }).sorted()
    let symbols = PointSymbol.allCases
    let categories = names.enumerated().map { k, name in
      PointCategory(
        name, symbol: symbols[k % symbols.count],
        color: CategoricalPalette.okabeIto[k % CategoricalPalette.okabeIto.count], size: 9)
    }
    return QGISStyle.points(categories, field: "category")
  }

  /// Assets that are areas (green spaces): green, as on the report's gap maps.
  static let assetAreas = QGISStyle.polygons(.single(.filled(Color(0x009E73), stroke: Color(0x009E73))))

  private static let gapStyle = LayerStyle(
    fill: .hatch(Hatch(color: Color(0xD55E00))), stroke: Color(0xD55E00), strokeWidth: 0.6, sealsSeams: false)
}
