import Foundation
import GeoCore
import Layers
import TestSupport
import Testing

/// The loader on Shapefile and KML inputs: the same checks, CRS decision and accounting as for
/// GeoJSON (Tests/Fixtures/shapefile, Tests/Fixtures/kml; areas by hand and by shapely).
@Suite struct LayerLoaderFormatsTests {
  static func fixture(_ name: String) -> String { SharedData.repo("Tests/Fixtures/\(name)") }

  @Test func prjInBritishNationalGridNeedsNoReprojection() throws {
    let layer = try LayerLoader.load(Self.fixture("shapefile/rings.shp"))
    #expect(layer.record.sourceCRS == "EPSG:27700")
    #expect(layer.record.crsDecision == ".prj file")
    #expect(layer.record.operation == nil)
    #expect(layer.record.inputFeatures == 4)
    #expect(layer.record.excluded == [FeatureNote(index: 2, id: "Null shape", reason: "null geometry")])
    #expect(layer.record.repairs.isEmpty)
    #expect(layer.features.map(\.geometry.polygonalArea) == [9_600, 4_200, 50])
    #expect(layer.record.notes.last == "dBASE text read as Windows-1252 (no .cpg file)")
  }

  /// ogr2ogr's cut of data/trafford's PCN areas gives the GeoJSON's features and areas
  /// (shapely on the GeoJSON in EPSG:27700: 16,631,094.8 m² for U42898 …).
  @Test func shapefileMatchesItsGeoJSONSource() throws {
    let shapefile = try LayerLoader.load(Self.fixture("shapefile/pcn_nearest_lsoa21.shp"))
    let geojson = try LayerLoader.load(
      SharedData.repo("data/trafford/pcn_areas_nearest_lsoa21_DERIVED.geojson"))
    #expect(shapefile.ids == geojson.ids)
    #expect(shapefile.fields.id == .property("pcn_code"))
    #expect(shapefile.fields.name == "pcn_name")
    #expect(shapefile.crs == "EPSG:27700")
    #expect(shapefile.record.operation == geojson.record.operation)
    let shapely = [
      16_631_094.819039766, 21_315_918.99088243, 43_113_557.870870575, 13_709_745.946206085,
      11_239_006.081301002,
    ]
    for (i, feature) in shapefile.features.enumerated() {
      let area = feature.geometry.polygonalArea
      #expect(abs(area - geojson.features[i].geometry.polygonalArea) / area < 1e-12)
      #expect(abs(area - shapely[i]) / area < 1e-6)
    }
  }

  @Test func pointsInBNGKeepTheirCoordinatesAndTruncatedCodesAreIds() throws {
    let pharmacies = try LayerLoader.load(Self.fixture("shapefile/pharmacies_bng.shp"))
    #expect(pharmacies.features.count == 57)
    #expect(pharmacies.record.sourceCRS == "EPSG:27700")
    // `organisation_data_service_code` truncated by the DBF to `organisati`: not a known name,
    // but the only property unique in every feature.
    #expect(pharmacies.fields.id == .property("organisati"))
    #expect(pharmacies.fields.rule == "the only property present and unique in every feature")
    #expect(pharmacies.ids.first == "FKJ04")
    let point = pharmacies.features[0].geometry
    // geopandas: trafford_pharmacies.geojson to EPSG:27700.
    #expect(abs(point.x(0) - 375_744.06677497365) < 1e-3 && abs(point.y(0) - 395_923.76218326285) < 1e-3)
    let names = try LayerLoader.load(Self.fixture("shapefile/names_1252.shp"))
    #expect(names.fields.id == .property("lsoa21_cod"))
    #expect(names.fields.name == "lsoa21_nam")
    #expect(names.features.map(\.name) == ["Ashton upon Mersey", "Brooklands", "Café Quarter"])
  }

  @Test func noPrjIsReadAsLonLatAndProjectedCoordinatesAreCaught() {
    #expect {
      try LayerLoader.load(Self.fixture("shapefile/bng_no_prj.shp"))
    } throws: { error in
      guard case LayerError.projectedAsLonLat(_, 0, "1", let coordinate, let basis) = error else {
        return false
      }
      return coordinate == 378_000 && basis == .noPRJFile
        && "\(error)".contains("read as WGS84 lon/lat (no .prj file: read as WGS84 lon/lat)")
    }
  }

  @Test func kmlIsWGS84AndPlacemarksAreAccountedFor() throws {
    let layer = try LayerLoader.load(Self.fixture("kml/placemarks.kml"))
    #expect(layer.record.sourceCRS == "OGC:CRS84")
    #expect(layer.record.crsDecision == "KML is always WGS84 lon/lat")
    #expect(layer.record.inputFeatures == 6)
    #expect(layer.features.count == 5)
    #expect(
      layer.record.excluded == [
        FeatureNote(index: 4, id: "Café meeting (no geometry)", reason: "null geometry")
      ])
    #expect(layer.fields.id == .property("name"))
    #expect(layer.crs == "EPSG:27700")
  }
}

/// Drawing layers are lenient in every format: a KML placemark whose ring cannot close is set
/// aside with the words the GeoJSON reader uses, before the extent (and so the working CRS) is
/// decided, so the same drawings as KML and as GeoJSON load alike.
@Suite struct DrawingLeniencyAcrossFormatsTests {
  static let square = [(-87.70, 41.80), (-87.69, 41.80), (-87.69, 41.81), (-87.70, 41.81), (-87.70, 41.80)]
  // Far to the west: were it counted in the extent, the working projection would move.
  static let short = [(-88.50, 41.80), (-88.49, 41.80), (-88.50, 41.80)]

  static func kml(_ rings: [[(Double, Double)]]) -> String {
    let placemarks = rings.enumerated().map { i, ring in
      let text = ring.map { "\($0.0),\($0.1)" }.joined(separator: " ")
      return "<Placemark><name>d\(i)</name><Polygon><outerBoundaryIs><LinearRing><coordinates>\(text)"
        + "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>"
    }
    return
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>"
      + placemarks.joined() + "</Document></kml>"
  }

  static func geoJSON(_ rings: [[(Double, Double)]]) -> String {
    let features = rings.enumerated().map { i, ring in
      let text = ring.map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
      return "{\"type\":\"Feature\",\"properties\":{\"name\":\"d\(i)\"},"
        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(text)]]}}"
    }
    return "{\"type\":\"FeatureCollection\",\"features\":[" + features.joined(separator: ",") + "]}"
  }

  @Test func shortRingInKMLIsExcludedLikeGeoJSON() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nbhd-lenient-\(getpid())")
      .path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let rings = [Self.square, Self.short]
    try Self.kml(rings).write(toFile: folder + "/d.kml", atomically: true, encoding: .utf8)
    try Self.geoJSON(rings).write(toFile: folder + "/d.geojson", atomically: true, encoding: .utf8)
    var options = LoadOptions()
    options.excludesUnusableGeometries = true
    let kml = try LayerLoader.load(folder + "/d.kml", options: options)
    let geojson = try LayerLoader.load(folder + "/d.geojson", options: options)
    let reason =
      "unusable geometry: ring 0 of polygon has 3 positions; a ring needs at least 4 (the first repeated at the end)"
    #expect(kml.record.excluded.map(\.reason) == [reason])
    #expect(geojson.record.excluded.map(\.reason) == [reason])
    #expect(kml.crs == geojson.crs)
    #expect(kml.crs.contains("+lon_0=-87.695"))
    #expect(kml.features.count == 1)
    #expect(abs(kml.features[0].geometry.polygonalArea - geojson.features[0].geometry.polygonalArea) < 1e-6)
    // Statutory layers keep the strict rule.
    #expect(throws: LayerError.self) { try LayerLoader.load(folder + "/d.kml") }
  }
}
