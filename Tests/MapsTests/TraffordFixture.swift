import GeoCore
import Maps

/// The five Trafford wards of the fixture as map features.
enum TraffordFixture {
  static func wards() throws -> [MapFeature] {
    try ProjectedGeoJSON.traffordSouthWards().map { feature in
      MapFeature(
        id: feature.string("area_code") ?? "?", name: feature.string("area_name"), geometry: feature.geometry,
        value: feature.geometry.shoelaceArea / 1_000_000)
    }
  }

  static func map(width: Int = 800, height: Int = 600) throws -> MapDocument {
    var map = MapDocument(width: width, height: height, title: "Trafford wards around Altrincham")
    map.add(
      PolygonLayer(
        title: "Wards", features: try wards(),
        symbology: .choropleth(Choropleth(method: .quantile(3), valueName: "Area (km²)")),
        labels: LabelOptions()))
    return map
  }
}

extension FlatGeometry {
  /// Shells minus holes (shoelace), for test values that do not need GEOS.
  var shoelaceArea: Double {
    var total = 0.0
    for part in 0..<partCount {
      for (k, ring) in ringRange(ofPart: part).enumerated() {
        let area = abs(signedDoubleArea(ofRing: ring)) / 2
        total += k == 0 ? area : -area
      }
    }
    return total
  }
}
