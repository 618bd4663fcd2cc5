import Foundation
import GeoCore
import Testing

@testable import GeoPackage

/// Values reach their columns whatever the order of an object's keys: feature rows bind by
/// position only while the keys follow the columns, and a repeated key gives its first value
/// (as `JSONObject`'s subscript does).
@Suite struct GeoPackageColumnBindingTests {
  @Test func keysInAnyOrderAndRepeatedKeys() throws {
    var repeatedFirst = JSONObject()
    repeatedFirst.append(key: "a", value: .number(3))
    repeatedFirst.append(key: "a", value: .number(4))
    repeatedFirst.append(key: "b", value: .string("z"))
    // Column b in the second position, held twice: the first value counts.
    var repeatedSecond = JSONObject()
    repeatedSecond.append(key: "b", value: .string("p"))
    repeatedSecond.append(key: "b", value: .string("q"))
    let objects: [JSONObject] = [
      ["a": .number(1), "b": .string("x")], ["b": .string("y"), "a": .number(2)], repeatedFirst,
      ["c": .bool(true)], repeatedSecond,
    ]
    let path = GeoPackageRoundTripTests.temporaryPath("bind.gpkg")
    let writer = try GeoPackageWriter(
      path: path, wgs84Definition: "x", lastChange: "2026-01-01T00:00:00.000Z")
    try writer.add(GeoPackageRoundTripTests.bng)
    let columns = try writer.writeFeatures(.init(name: "t", srsID: 27700), count: objects.count) {
      (FlatGeometry.point(x: Double($0), y: 0), objects[$0])
    }
    try writer.finish()
    #expect(columns.map(\.name) == ["a", "b", "c"])
    let read = try GeoPackageReader.read(path).features.map(\.properties)
    #expect(read.map { $0["a"] } == [.number(1), .number(2), .number(3), .null, .null])
    #expect(read.map { $0["b"] } == [.string("x"), .string("y"), .string("z"), .null, .string("p")])
    #expect(read.map { $0["c"] } == [.null, .null, .null, .bool(true), .null])
  }

  /// An attribute table written from typed cells is the same file as one written from objects.
  @Test func cellsWriteAsObjects() throws {
    let rows: [JSONObject] = [
      ["id": .string("E01"), "n": .number(3), "share": .number(0.5)],
      ["id": .string("E02"), "n": .null, "share": .number(2)],
    ]
    func file(_ write: (GeoPackageWriter) throws -> Void) throws -> Data {
      let path = GeoPackageRoundTripTests.temporaryPath("cells.gpkg")
      let writer = try GeoPackageWriter(
        path: path, wgs84Definition: "x", lastChange: "2026-01-01T00:00:00.000Z")
      try write(writer)
      try writer.finish()
      return try Data(contentsOf: URL(fileURLWithPath: path))
    }
    let columns = ColumnSchema.infer(rows, reserved: ["fid"])
    #expect(columns.map(\.type) == [.text, .integer, .real])
    let cells: [[GeoPackageWriter.Cell]] = [
      [.text("E01"), .integer(3), .real(0.5)], [.text("E02"), .null, .real(2)],
    ]
    let fromObjects = try file { try $0.writeAttributes(name: "t", rows: rows) }
    let fromCells = try file {
      try $0.writeAttributes(name: "t", columns: columns, count: cells.count) { cells[$0][$1] }
    }
    #expect(fromObjects == fromCells)
  }
}
