import GeoCore
import GeoJSON
import Testing

@Suite struct ReaderMembersTests {
  @Test func propertiesOfEveryJSONType() throws {
    let properties = #"""
      {"s":"text","n":-12.5e2,"i":42,"t":true,"f":false,"z":null,"a":[1,"two",[3],{"four":4}],
       "o":{"nested":{"deep":[]}},"e":"q\"b\\s\/n\nt\tr\rb\bf\f","u":"\u00e9\u4e2d\ud83d\ude00","raw":"é中😀"}
      """#
    let c = try read(collection(feature("null", properties: properties)))
    let p = c.features[0].properties
    #expect(p.keys == ["s", "n", "i", "t", "f", "z", "a", "o", "e", "u", "raw"])
    #expect(p["s"] == .string("text"))
    #expect(p["n"] == .number(-1250))
    #expect(p["i"] == .number(42))
    #expect(p["t"] == .bool(true))
    #expect(p["f"] == .bool(false))
    #expect(p["z"] == .null)
    #expect(
      p["a"] == .array([.number(1), .string("two"), .array([.number(3)]), .object(["four": .number(4)])]))
    #expect(p["o"] == .object(["nested": .object(["deep": .array([])])]))
    #expect(p["e"] == .string("q\"b\\s/n\nt\tr\rb\u{08}f\u{0C}"))
    #expect(p["u"] == .string("é中😀"))
    #expect(p["raw"] == .string("é中😀"))
  }

  @Test func loneSurrogatesBecomeReplacementCharacters() throws {
    let c = try read(collection(feature("null", properties: #"{"x":"a\ud800b","y":"\udc00"}"#)))
    #expect(c.features[0].properties["x"] == .string("a\u{FFFD}b"))
    #expect(c.features[0].properties["y"] == .string("\u{FFFD}"))
  }

  @Test func nullPropertiesAndMissingGeometry() throws {
    let c = try read(collection(#"{"type":"Feature","properties":null}"#))
    #expect(c.features[0].properties.isEmpty)
    #expect(c.features[0].geometry == nil)
  }

  @Test func idsStringAndNumber() throws {
    let c = try read(
      collection(
        #"{"type":"Feature","id":"E01000001","properties":{},"geometry":null}"#,
        #"{"type":"Feature","id":12.5,"properties":{},"geometry":null}"#,
        #"{"type":"Feature","properties":{},"geometry":null}"#))
    #expect(c.features.map(\.id) == [.string("E01000001"), .number(12.5), nil])
  }

  @Test func legacyCRSMember() throws {
    let c = try read(
      #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:27700"}},"features":[]}"#)
    #expect(c.crsName == "EPSG:27700")
    #expect(c.foreignMembers.isEmpty)
    let f = try read(
      #"{"type":"Feature","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},"properties":{},"geometry":null}"#
    )
    #expect(f.crsName == "urn:ogc:def:crs:EPSG::27700")
    #expect(f.features[0].foreignMembers.isEmpty)
    #expect(try read(collection()).crsName == nil)
  }

  @Test func foreignMembersAreKept() throws {
    let c = try read(
      #"{"type":"FeatureCollection","name":"LSOA","meta":{"v":1},"features":[{"type":"Feature","title":"x","properties":{},"geometry":null,"extra":[1]}]}"#
    )
    #expect(c.foreignMembers.keys == ["name", "meta"])
    #expect(c.foreignMembers["name"] == .string("LSOA"))
    #expect(c.features[0].foreignMembers["title"] == .string("x"))
    #expect(c.features[0].foreignMembers["extra"] == .array([.number(1)]))
  }

  @Test func keyOrderDoesNotMatter() throws {
    let text = #"""
      {"features":[{"geometry":{"coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"type":"Polygon"},"properties":{"k":1},
      "id":"a","type":"Feature"}],"name":"late","type":"FeatureCollection"}
      """#
    let c = try read(text)
    #expect(c.features.count == 1)
    #expect(c.features[0].id == .string("a"))
    #expect(c.features[0].geometry?.kind == .polygon)
    #expect(c.features[0].geometry?.pointCount == 4)
    #expect(c.foreignMembers["name"] == .string("late"))
  }

  @Test func byteOrderMarkAndCRLF() throws {
    let text =
      "\u{FEFF}{\r\n\t\"type\" : \"FeatureCollection\" ,\r\n \"features\" : [ \r\n"
      + "{ \"type\": \"Feature\", \"properties\": { \"a\": 1 },\r\n \"geometry\": { \"type\": \"Point\", "
      + "\"coordinates\": [ 1 , 2 ] } }\r\n ]\r\n}\r\n"
    let c = try read(text)
    #expect(c.features[0].geometry == .point(x: 1, y: 2))
  }

  @Test func escapedMemberNamesAreRecognised() throws {
    let c = try read(#"{"typ\u0065":"FeatureCollection","features":[]}"#)
    #expect(c.features.isEmpty)
  }
}
