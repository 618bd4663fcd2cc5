import Foundation
import GeoPackage
import Study
import Testing

/// report.gpkg of the sample study: every result layer and table, each layer with the QGIS
/// style the report's maps use. Feature counts are the ones `ogrinfo -ro -so` gives for the file
/// (and the GeoJSON layers beside it); renderers were checked in QGIS 3.22 with
/// tools/qgis_check_styles.py.
@Suite struct TraffordReportGeoPackageTests {
  static var path: String { TraffordReportTests.output + "/report.gpkg" }

  @Test func holdsEveryLayerAndTable() throws {
    let (features, attributes) = try GeoPackageReader.tables(in: Self.path)
    let counts = try Dictionary(
      uniqueKeysWithValues: features.map {
        ($0.name, try GeoPackageReader.read(Self.path, table: $0.name).features.count)
      })
    #expect(counts["units_wards"] == 21)
    #expect(counts["units_localities"] == 4)
    #expect(counts["units_pcn_areas"] == 5)
    #expect(counts["pieces_localities__wards"] == 21)
    #expect(counts["pieces_pcn_areas__wards"] == 43)
    #expect(counts["pieces_localities__pcn_areas"] == 14)
    #expect(counts["gaps_wards"] == 104)
    #expect(counts["gaps_localities"] == 20)
    #expect(counts["topology_pcn_areas"] == 1)
    // assets.geojson's 530 features: 103 points and the 427 green-space areas in their own table.
    #expect(counts["assets"] == 103)
    #expect(counts["assets_areas"] == 427)
    #expect(features.count == 17)
    #expect(attributes.contains("crosswalk_localities__wards"))
    #expect(attributes.contains("topology_wards_table"))
    #expect(attributes.count == 19)
    let wards = try GeoPackageReader.read(Self.path, table: "units_wards")
    #expect(wards.system.crsDefinition == "EPSG:27700")
  }

  @Test func everyLayerHasTheReportsStyle() throws {
    let styles = try GeoPackageReader.defaultStyles(in: Self.path)
    #expect(styles.count == 17)
    #expect(
      styles["units_wards"]?.contains("type=\"categorizedSymbol\" attr=\"class_vs_localities\"") == true)
    // The crosswalk classes in their fixed colours (split is vermillion #D55E00).
    #expect(styles["units_wards"]?.contains("value=\"split\" label=\"split\"") == true)
    #expect(styles["units_wards"]?.contains("<prop k=\"color\" v=\"213,94,0,255\"/>") == true)
    #expect(styles["gaps_wards"]?.contains("class=\"LinePatternFill\"") == true)
    #expect(styles["assets"]?.contains("type=\"marker\"") == true)
    #expect(styles["assets"]?.contains("attr=\"category\"") == true)
  }
}
