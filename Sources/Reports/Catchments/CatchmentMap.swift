import Analysis
import GeoCore
import Maps

/// The catchment map: every layer LSOA shaded by the share of its patients at its top group,
/// the majority catchments outlined and labelled on top (issue 15).
public enum CatchmentMap {
  /// Layers with at most this many LSOAs are drawn whole.
  static let wholeLayerLimit = 5_000

  /// The SVG text; `method` picks the catchments drawn (majority by default, else the first).
  public static func svg(
    _ result: CatchmentResult, method: CatchmentMethod? = nil, width: Int = 1000, height: Int = 850
  )
    throws -> String
  {
    // Majority areas do not overlap, so they draw best; another method only when asked or alone.
    let wanted = method ?? .majority
    let chosen = result.catchments.first { $0.method == wanted } ?? result.catchments.first
    let noun = result.options.grouping == .pcn ? "PCN" : "practice"
    var map = MapDocument(
      width: width, height: height,
      title: "\(noun) areas from registered patients" + (chosen.map { " (\($0.method))" } ?? ""),
      subtitle: "LSOAs shaded by the share of their registered patients at the top \(noun); "
        + (result.unloadedLSOAs.isEmpty
          ? "LSOAs with no patients hatched"
          : "the \(FixedDecimal.grouped(result.unloadedLSOAs.count)) with no patients not drawn"))
    // A study-area layer is drawn whole. A national one is cut to where the patients live: the
    // box of the LSOAs holding 99% of them (a few patients live far away). Every LSOA in the box
    // is drawn, so no-patient holes still show.
    let ranked = result.assignments.indices.filter { result.assignments[$0].patients > 0 }
      .sorted { result.assignments[$0].patients > result.assignments[$1].patients }
    let total = ranked.reduce(0) { $0 + result.assignments[$1].patients }
    var extent = BoundingBox.empty
    var held = 0
    let layerSize = result.lsoas.features.count + result.unloadedLSOAs.count
    for i in ranked where layerSize > wholeLayerLimit && Double(held) < 0.99 * Double(total) {
      extent.include(result.lsoas.features[i].geometry.boundingBox)
      held += result.assignments[i].patients
    }
    let shown = result.lsoas.features.indices.filter {
      extent.isEmpty || result.lsoas.features[$0].geometry.boundingBox.intersects(extent)
    }
    let lsoas = shown.map { i in
      let f = result.lsoas.features[i]
      return MapFeature(id: f.id, name: f.name, geometry: f.geometry, value: result.assignments[i].topShare)
    }
    if !extent.isEmpty { map.extent = extent.expanded(by: 0.02 * max(extent.width, extent.height)) }
    map.add(
      PolygonLayer(
        title: "LSOAs", features: lsoas,
        symbology: .choropleth(
          Choropleth(
            method: .explicit([0.5, 0.6, 0.7, 0.8, 0.9]), palette: .viridis,
            valueName: "Share of patients at the top \(noun)", decimals: 1))))
    if let chosen {
      let outlines = chosen.catchments.map { c in
        MapFeature(id: result.groups[c.group].code, name: result.groups[c.group].name, geometry: c.geometry)
      }
      map.add(
        PolygonLayer(
          title: "\(noun) areas (\(chosen.method.name))", features: outlines,
          symbology: .single(.outline(.darkGrey, width: 1.6)),
          labels: outlines.count <= 60 ? LabelOptions(minimumFontSize: 7, maximumFontSize: 12) : nil))
    }
    return try map.render()
  }
}
