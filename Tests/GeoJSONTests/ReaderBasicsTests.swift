import GeoCore
import GeoJSON
import Testing

@Suite struct ReaderBasicsTests {
  @Test func readsSimpleCollection() throws {
    let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","coordinates":[1.5,2]}}]}"#
    let collection = try GeoJSONReader.read(string: text)
    #expect(collection.features.count == 1)
    #expect(collection.features[0].geometry == .point(x: 1.5, y: 2))
  }
}
