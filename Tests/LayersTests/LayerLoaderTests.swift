import Foundation
import GeoCore
import Layers
import TestSupport
import Testing

@Suite struct LayerLoaderTests {
  @Test func fixtureRepairsAccountsAndKeepsDuplicates() throws {
    let layer = try LayerLoader.load(SharedData.repo("Tests/Fixtures/layers/squares_27700.geojson"))
    #expect(layer.record.inputFeatures == 4)
    #expect(layer.features.count == 3)
    #expect(layer.record.accountsFor(usable: layer.features.count))
    #expect(layer.record.sourceCRS == "EPSG:27700")
    #expect(layer.record.crsDecision == "crs member")
    #expect(layer.crs == "EPSG:27700")
    #expect(layer.record.operation == nil)
    // GeoJSON ids are unique, so they are the ids even though `code` repeats S1.
    #expect(layer.fields.id == .featureID)
    #expect(layer.ids == ["sq1", "sq2", "sq4"])
    #expect(layer.record.excluded == [FeatureNote(index: 2, id: "sq3", reason: "null geometry")])
    #expect(layer.record.repairs.count == 1)
    #expect(layer.record.repairs[0].id == "sq2")
    #expect(layer.record.repairs[0].reason.hasPrefix("Self-intersection[382500 390500]"))
    // The bow-tie becomes two triangles of 250,000 m² each.
    #expect(layer.features[1].geometry.polygonalArea == 500_000)
    #expect(layer.features[0].geometry.polygonalArea == 1_000_000)
  }

  @Test func idFieldOverrideReportsDuplicates() throws {
    var options = LoadOptions()
    options.idField = "code"
    let layer = try LayerLoader.load(
      SharedData.repo("Tests/Fixtures/layers/squares_27700.geojson"), options: options)
    #expect(layer.ids == ["S1", "S2", "S1"])
    #expect(layer.record.duplicateIDs == [DuplicateID(id: "S1", indices: [0, 3])])
  }

  @Test func missingIDFieldIsAClearError() {
    var options = LoadOptions()
    options.idField = "WD22CD"
    #expect {
      try LayerLoader.load(SharedData.repo("Tests/Fixtures/layers/squares_27700.geojson"), options: options)
    } throws: { error in
      "\(error)".contains("no feature has the id field \"WD22CD\"; properties are: code, name")
    }
  }

  @Test func csvPointsWithQuotedCommasAndJunk() throws {
    let layer = try LayerLoader.load(SharedData.repo("Tests/Fixtures/layers/points.csv"))
    #expect(layer.record.inputFeatures == 3)
    #expect(layer.features.map(\.id) == ["Library, Central", "Pharmacy"])
    #expect(layer.features[0].properties["notes"] == .string("has \"quotes\""))
    #expect(layer.record.sourceCRS == "EPSG:27700")
    #expect(layer.features[0].geometry == .point(x: 380500, y: 390500))
    #expect(layer.record.excluded.count == 1)
    #expect(layer.record.excluded[0].reason == "line 4: coordinates \"CLOSED\", \"\" are not numbers")
  }

  /// The loader says what is wrong in a structured error and names no front end's flag; the
  /// front end's spelling of the setting goes into the advice.
  @Test func projectedWithoutCRSMemberIsStructured() {
    let path = SharedData.repo("Tests/Fixtures/bad/projected_no_crs.geojson")
    let expected = LayerError.projectedAsLonLat(
      path, index: 0, id: "E05000001", coordinate: 383298.07, basis: .rfc7946Default)
    #expect(throws: expected) { try LayerLoader.load(path) }
    #expect(!expected.description.contains("--"))
    #expect(
      expected.description.hasSuffix("give the CRS they are in (e.g. EPSG:27700 for British National Grid)"))
    #expect(
      expected.description(naming: InputSettings(sourceCRS: "--b-crs")).hasSuffix(
        "say so with --b-crs (e.g. --b-crs EPSG:27700 for British National Grid)"))
    var options = LoadOptions()
    options.sourceCRS = "EPSG:27700"
    #expect((try? LayerLoader.load(path, options: options))?.features.count == 1)
  }

  /// Trafford wards (lon/lat, CRS84 member) land in British National Grid via the Helmert
  /// transformation; areas match the council's published `area` (m²) to 0.1%.
  @Test func traffordWardsInBritishNationalGrid() throws {
    let layer = try LayerLoader.load(SharedData.repo("data/trafford/wards23_full.geojson"))
    #expect(layer.crs == "EPSG:27700")
    #expect(layer.record.operation?.contains("OSGB36 to WGS 84 (6)") == true)
    #expect(layer.record.operationAccuracyMetres == 2)
    #expect(layer.fields.id == .property("area_code"))
    #expect(layer.fields.name == "area_name")
    #expect(layer.features.count == 21)
    for feature in layer.features {
      let published = try #require(feature.properties["area"]?.numberValue)
      #expect(abs(feature.geometry.polygonalArea - published) / published < 0.001, "\(feature.id)")
    }
  }

  /// DESIGN.md §3 and issue 2: the national LSOA11 layer's summed area in EPSG:27700 is within
  /// 0.01% of the sum of the published Shape__Area (151,241,378,309 m²); the three nested-shell
  /// LSOAs are repaired with their reason.
  @Test(.enabled(if: SharedData.available("national/lsoa11_ew_bsc.geojson")))
  func nationalLSOAAreaAndRepairs() throws {
    let layer = try LayerLoader.load(SharedData.path("national/lsoa11_ew_bsc.geojson")!)
    #expect(layer.features.count == 34_753)
    let total = layer.features.reduce(0) { $0 + $1.geometry.polygonalArea }
    #expect(abs(total - 151_241_378_309) / 151_241_378_309 < 1e-4)
    #expect(layer.record.repairs.map(\.id) == ["E01018992", "E01019228", "E01024572"])
    #expect(layer.record.repairs.allSatisfy { $0.reason.hasPrefix("Nested shells") })
  }

  @Test(.enabled(if: SharedData.available("trafford/wards23_super_generalised_DUPLICATED.geojson")))
  func duplicatedWardsAreAllKeptAndListed() throws {
    let layer = try LayerLoader.load(
      SharedData.path("trafford/wards23_super_generalised_DUPLICATED.geojson")!)
    #expect(layer.features.count == 42)
    #expect(layer.record.duplicateIDs.count == 21)
    #expect(layer.record.duplicateIDs[0] == DuplicateID(id: "E05015239", indices: [0, 21]))
  }

  @Test func workingCRSOutsideGreatBritainIsEqualArea() {
    #expect(
      CRSDecision.workingCRS(forLonLat: BoundingBox(minX: -2.5, minY: 53.3, maxX: -2.2, maxY: 53.5))
        == "EPSG:27700")
    let paris = CRSDecision.workingCRS(forLonLat: BoundingBox(minX: 2.2, minY: 48.8, maxX: 2.4, maxY: 48.9))
    #expect(paris.hasPrefix("+proj=laea +lat_0=48.85"))
  }
}
