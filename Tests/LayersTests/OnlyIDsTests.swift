import Foundation
import GeoCore
import Layers
import TestSupport
import Testing

/// `LoadOptions.onlyIDs`: only the named features are prepared; the others are skipped, listed
/// with their input positions, and still accounted for.
@Suite struct OnlyIDsTests {
  @Test func skippedFeaturesAreListedAndAccounted() throws {
    var options = LoadOptions()
    options.onlyIDs = ["sq4", "sq2"]
    options.skippedReason = "not wanted"
    let layer = try LayerLoader.load(
      SharedData.repo("Tests/Fixtures/layers/squares_27700.geojson"), options: options)
    #expect(layer.ids == ["sq2", "sq4"])
    #expect(layer.features.map(\.index) == [1, 3])  // input positions kept
    #expect(
      layer.record.skipped == [
        FeatureNote(index: 0, id: "sq1", reason: "not wanted"),
        FeatureNote(index: 2, id: "sq3", reason: "not wanted"),
      ])
    #expect(layer.skippedFeatures.map(\.index) == [0, 2])
    #expect(layer.record.excluded.isEmpty)  // sq3's null geometry is never looked at
    #expect(layer.record.repairs.map(\.id) == ["sq2"])
    #expect(layer.record.accountsFor(usable: layer.features.count))
    #expect(layer.features[1].geometry.polygonalArea == 250_000)  // 500 m × 500 m
  }
}
