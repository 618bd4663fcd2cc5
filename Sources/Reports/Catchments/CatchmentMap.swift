import Analysis
import GeoCore
import Maps

/// The catchment map: every layer LSOA shaded by the share of its patients at its top group,
/// the majority catchments outlined and labelled on top (issue 15).
public enum CatchmentMap {
  /// The SVG text; `method` picks the catchments drawn (the first method by default).
  public static func svg(_ result: CatchmentResult, method: CatchmentMethod? = nil, width: Int = 1000, height: Int = 850)
    throws -> String
  {
    let chosen = result.catchments.first { method == nil || $0.method == method } ?? result.catchments.first
    let noun = result.options.grouping == .pcn ? "PCN" : "practice"
    var map = MapDocument(
      width: width, height: height,
      title: "\(noun) areas from registered patients" + (chosen.map { " (\($0.method))" } ?? ""),
      subtitle: "LSOAs shaded by the share of their registered patients at the top \(noun); "
        + "LSOAs with no patients hatched")
    let lsoas = result.lsoas.features.indices.map { i in
      let f = result.lsoas.features[i]
      return MapFeature(id: f.id, name: f.name, geometry: f.geometry, value: result.assignments[i].topShare)
    }
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
