import GeoCore
import GeoJSON
import Testing

@Suite struct ReaderGeometryTests {
  func geometry(_ json: String) throws -> FlatGeometry? {
    try read(collection(feature(json))).features[0].geometry
  }

  @Test func point() throws {
    let g = try #require(try geometry(#"{"type":"Point","coordinates":[-0.5,51.25]}"#))
    #expect(g == .point(x: -0.5, y: 51.25))
  }

  @Test func lineString() throws {
    let g = try #require(try geometry(#"{"type":"LineString","coordinates":[[0,0],[1,1],[2,0]]}"#))
    #expect(g.kind == .lineString)
    #expect(g.coordinates == [0, 0, 1, 1, 2, 0])
    #expect(g.ringOffsets == [0, 3])
    #expect(g.partOffsets == [0, 1])
  }

  @Test func polygonWithHole() throws {
    let g = try #require(
      try geometry(
        #"{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,3],[3,3],[2,2]]]}"#))
    #expect(g.kind == .polygon)
    #expect(g.pointCount == 9)
    #expect(g.ringOffsets == [0, 5, 9])
    #expect(g.partOffsets == [0, 2])
  }

  @Test func multiPoint() throws {
    let g = try #require(try geometry(#"{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}"#))
    #expect(g.kind == .multiPoint)
    #expect(g.coordinates == [1, 2, 3, 4])
    #expect(g.ringOffsets == [0, 1, 2])
    #expect(g.partOffsets == [0, 1, 2])
  }

  @Test func multiLineString() throws {
    let g = try #require(
      try geometry(#"{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3],[4,4]]]}"#))
    #expect(g.kind == .multiLineString)
    #expect(g.ringOffsets == [0, 2, 5])
    #expect(g.partOffsets == [0, 1, 2])
  }

  @Test func multiPolygon() throws {
    let g = try #require(
      try geometry(
        #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]],[[5.1,5.1],[5.2,5.2],[5.1,5.2],[5.1,5.1]]]]}"#
      ))
    #expect(g.kind == .multiPolygon)
    #expect(g.partCount == 2)
    #expect(g.ringCount == 3)
    #expect(g.partOffsets == [0, 1, 3])
    #expect(g.ringOffsets == [0, 4, 8, 12])
  }

  @Test func geometryCollectionWithNestedCollection() throws {
    let g = try #require(
      try geometry(
        #"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[0,0],[1,1]]}]}]}"#
      ))
    #expect(g.kind == .geometryCollection)
    #expect(g.members.count == 2)
    #expect(g.members[0] == .point(x: 1, y: 2))
    #expect(g.members[1].members[0].kind == .lineString)
    #expect(g.coordinates.isEmpty)
  }

  @Test(arguments: GeometryKind.allCases.filter { $0 != .geometryCollection })
  func emptyCoordinates(kind: GeometryKind) throws {
    let g = try #require(try geometry(#"{"type":"\#(kind)","coordinates":[]}"#))
    #expect(g.kind == kind)
    #expect(g.isEmpty)
    #expect(g.partCount == 0)
  }

  @Test func emptyGeometryCollectionAndNullGeometry() throws {
    let g = try #require(try geometry(#"{"type":"GeometryCollection","geometries":[]}"#))
    #expect(g.members.isEmpty)
    #expect(try geometry("null") == nil)
  }

  @Test func thirdDimensionIsDropped() throws {
    let g = try #require(try geometry(#"{"type":"LineString","coordinates":[[1,2,3],[4,5,6,7]]}"#))
    #expect(g.coordinates == [1, 2, 4, 5])
  }

  @Test func bboxMembersAreIgnored() throws {
    let text =
      #"{"type":"FeatureCollection","bbox":[0,0,1,1],"features":[{"type":"Feature","bbox":[0,0,1,1],"properties":null,"geometry":{"type":"Point","bbox":[1,1,1,1],"coordinates":[1,1]}}]}"#
    let c = try read(text)
    #expect(c.features[0].geometry == .point(x: 1, y: 1))
    #expect(c.foreignMembers.isEmpty)
    #expect(c.features[0].foreignMembers.isEmpty)
  }

  @Test func bareGeometryAndBareFeature() throws {
    let bare = try read(#"{"coordinates":[3,4],"type":"Point"}"#)
    #expect(bare.features.count == 1)
    #expect(bare.features[0].geometry == .point(x: 3, y: 4))
    let single = try read(#"{"type":"Feature","id":7,"properties":{"a":"b"},"geometry":null}"#)
    #expect(single.features.count == 1)
    #expect(single.features[0].id == .number(7))
    #expect(single.features[0].properties["a"] == .string("b"))
  }
}
