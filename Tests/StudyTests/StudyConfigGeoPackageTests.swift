import Foundation
import Study
import Testing

/// `layer:` names the feature table of a GeoPackage in a layer, population or asset entry.
@Suite struct StudyConfigGeoPackageTests {
  @Test func layerKeyIsReadForEveryKindOfEntry() throws {
    let config = try loadConfig(
      """
      study: Test
      layers:
        - {name: pcns, role: community, file: ../Tests/Fixtures/gpkg/two_layers.gpkg, layer: pcn_areas}
        - {name: wards, role: statutory, file: trafford/wards23_full.geojson}
      population: {file: ../Tests/Fixtures/gpkg/two_layers.gpkg, field: pop_mid2024, layer: pcn_areas}
      assets:
        - {category: gp, file: ../Tests/Fixtures/gpkg/two_layers.gpkg, radius: 1000, layer: gp_practices}
      """)
    #expect(config.layers.map(\.layer) == ["pcn_areas", nil])
    #expect(config.population?.layer == "pcn_areas")
    #expect(config.assets.map(\.layer) == ["gp_practices"])
  }
}
