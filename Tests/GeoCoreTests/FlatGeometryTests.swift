import GeoCore
import Testing

@Suite struct FlatGeometryTests {
  @Test func squareAreaAndWinding() {
    let square = FlatGeometry.polygon([[(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]])
    #expect(square.signedDoubleArea(ofRing: 0) == 200)
    #expect(square.partCount == 1)
    #expect(square.ringCount == 1)
    #expect(square.pointCount == 5)
    #expect(square.boundingBox == BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10))
    let clockwise = FlatGeometry.polygon([[(0, 0), (0, 10), (10, 10), (10, 0), (0, 0)]])
    #expect(clockwise.signedDoubleArea(ofRing: 0) == -200)
  }

  @Test func jsonObjectKeepsOrderAndReplaces() {
    var object: JSONObject = ["b": .number(1), "a": .string("x")]
    object["b"] = .number(2)
    #expect(object.keys == ["b", "a"])
    #expect(object["b"] == .number(2))
    object["b"] = nil
    #expect(object.keys == ["a"])
  }

  @Test func jsonTextEscapes() {
    let value = JSONValue.object(["name": .string("Tom & \"Jerry\"\n"), "n": .number(3), "x": .number(0.5)])
    #expect(value.jsonText == #"{"name":"Tom & \"Jerry\"\n","n":3,"x":0.5}"#)
  }
}
