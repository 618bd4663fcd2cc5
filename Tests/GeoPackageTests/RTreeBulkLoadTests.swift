import Foundation
import GeoCore
import TestSupport
import Testing

@testable import GeoPackage

@Suite struct RTreeBulkLoadTests {
  /// 5,000 squares (three levels of nodes of up to 51 cells): SQLite's own rtreecheck() accepts the packed
  /// tree, and box queries through the R-tree find exactly what a scan of the boxes finds.
  @Test func packedTreeIsOneSQLiteAccepts() throws {
    var random = SeededGenerator(seed: 16)
    let squares: [(geometry: FlatGeometry?, properties: JSONObject)] = (0..<5000).map { _ in
      let x = 400_000 + random.unit() * 50_000, y = 300_000 + random.unit() * 50_000
      let size = 10 + random.unit() * 500
      return (.polygon([[(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]]), [:])
    }
    let path = GeoPackageRoundTripTests.temporaryPath("rtree.gpkg")
    let writer = try GeoPackageWriter(
      path: path, wgs84Definition: "x", lastChange: "2026-01-01T00:00:00.000Z")
    try writer.add(GeoPackageRoundTripTests.bng)
    try writer.writeFeatures(.init(name: "squares", srsID: 27700), count: squares.count) { squares[$0] }
    try writer.finish()

    let database = try SQLiteDatabase(path: path, mode: .readOnly)
    let check = try database.prepare("SELECT rtreecheck('rtree_squares_geom')")
    #expect(try check.step() && check.text(0) == "ok")
    #expect(try database.integer("SELECT count(*) FROM rtree_squares_geom") == 5000)
    // 5,000 entries in 99 leaf nodes of up to 51, 2 inner nodes above them, one root: depth 2.
    #expect(try database.integer("SELECT count(*) FROM rtree_squares_geom_node") == 99 + 2 + 1)
    var probe = SeededGenerator(seed: 61)
    for _ in 0..<50 {
      let x = 400_000 + probe.unit() * 50_000, y = 300_000 + probe.unit() * 50_000
      let expected = squares.indices.filter { k in
        let box = squares[k].geometry!.boundingBox
        return box.minX <= x && x <= box.maxX && box.minY <= y && y <= box.maxY
      }.map { Int64($0 + 1) }
      let query = try database.prepare(
        "SELECT id FROM rtree_squares_geom WHERE minx <= \(x) AND maxx >= \(x) AND miny <= \(y) AND maxy >= \(y) "
          + "ORDER BY id")
      var found: [Int64] = []
      while try query.step() { found.append(query.integer(0)) }
      // 32-bit boxes are rounded outwards: they may hold a point just outside a box, never miss one.
      #expect(Set(expected).isSubset(of: Set(found)))
      #expect(found.count - expected.count <= 1)
    }
  }
}
