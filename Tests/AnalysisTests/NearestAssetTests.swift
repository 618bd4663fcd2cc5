import GeoCore
import Testing

@testable import Analysis

/// The grid of point assets gives the same nearest distances as reading every asset, bit for
/// bit: for queries inside the assets' extent, far outside it, on an asset, and for extents with
/// no area (one spot, a line).
@Suite struct NearestAssetTests {
  /// Every asset read: the distance a search must reproduce.
  func bruteForce(_ points: [(Double, Double)], _ x: Double, _ y: Double) -> Double {
    points.map { NearestAsset.pointDistance($0.0, $0.1, x, y) }.min()!
  }

  @Test func gridMatchesEveryAssetRead() throws {
    // A deterministic scatter with a dense cluster (a city) and sparse points (the country).
    var seed: UInt64 = 12_345
    func next() -> Double {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(seed >> 11) / Double(1 << 53)
    }
    var points: [(Double, Double)] = []
    for _ in 0..<400 { points.append((530_000 + 5_000 * next(), 180_000 + 5_000 * next())) }
    for _ in 0..<200 { points.append((400_000 + 200_000 * next(), 100_000 + 300_000 * next())) }
    let nearest = NearestAsset(points.map { FlatGeometry.point(x: $0.0, y: $0.1) })
    #expect(nearest.grid != nil)
    var queries: [(Double, Double)] = [
      (points[7].0, points[7].1), (0, 0), (2_000_000, -500_000), (530_001, 180_002),
    ]
    for _ in 0..<2_000 { queries.append((350_000 + 300_000 * next(), 50_000 + 400_000 * next())) }
    // On cell lines and corners (where the search's stopping bound is tightest), and off the
    // grid above, below and to either side of it (rows and columns clipped).
    let grid = try #require(nearest.grid)
    for i in stride(from: -2, through: grid.columns + 2, by: 7) {
      for j in stride(from: -2, through: grid.rows + 2, by: 5) {
        queries.append((grid.minX + Double(i) * grid.cell, grid.minY + Double(j) * grid.cell))
      }
    }
    queries += [(530_000, 2_000_000), (530_000, -2_000_000), (-1_000_000, 180_000), (3_000_000, 250_000)]
    for (x, y) in queries {
      #expect(nearest.distance(x: x, y: y, startingAt: 800) == bruteForce(points, x, y), "(\(x), \(y))")
    }
    #expect(nearest.distance(x: points[7].0, y: points[7].1, startingAt: 800) == 0)
    // (0, 0) to the nearest of the sparse points: at least the distance to the extent's corner.
    #expect(
      nearest.distance(x: 0, y: 0, startingAt: 800)!
        > (400_000.0 * 400_000 + 100_000.0 * 100_000).squareRoot())
  }

  /// The points a box holds, edges included, read off the grid: those a scan of all finds.
  @Test func pointsInABox() throws {
    let points = (0..<900).map { k in (Double(k % 30) * 50, Double(k / 30) * 50) }
    let grid = try #require(NearestAsset(points.map { FlatGeometry.point(x: $0.0, y: $0.1) }).grid)
    for box in [
      BoundingBox(minX: 100, minY: 100, maxX: 300, maxY: 250),
      BoundingBox(minX: -500, minY: -500, maxX: 20, maxY: 20),
      BoundingBox(minX: 1_400, minY: 1_400, maxX: 9_000, maxY: 9_000),
      BoundingBox(minX: 5_000, minY: 0, maxX: 6_000, maxY: 100),
    ] {
      var found: [String] = []
      grid.forEachPoint(in: box) { x, y in found.append("\(x),\(y)") }
      let expected = points.filter {
        box.minX <= $0.0 && $0.0 <= box.maxX && box.minY <= $0.1 && $0.1 <= box.maxY
      }
      #expect(found.sorted() == expected.map { "\($0.0),\($0.1)" }.sorted())
    }
    var corner = 0
    grid.forEachPoint(in: BoundingBox(minX: 100, minY: 100, maxX: 300, maxY: 250)) { _, _ in corner += 1 }
    #expect(corner == 5 * 4)
  }

  @Test func extentsWithoutArea() {
    let spot = NearestAsset([.point(x: 10, y: 20), .point(x: 10, y: 20)])
    #expect(spot.distance(x: 13, y: 24, startingAt: 800) == 5)
    #expect(spot.distance(x: 10, y: 20, startingAt: 800) == 0)
    let line = (0..<50).map { (Double($0) * 100, 7.0) }
    let onLine = NearestAsset(line.map { FlatGeometry.point(x: $0.0, y: $0.1) })
    for (x, y) in [(-300.0, 7.0), (250.0, 11.0), (1_234.5, -1_000.0), (9_000.0, 7.0)] {
      #expect(onLine.distance(x: x, y: y, startingAt: 800) == bruteForce(line, x, y))
    }
    #expect(onLine.distance(x: 250, y: 7, startingAt: 800) == 50)
    #expect(NearestAsset([]).distance(x: 0, y: 0, startingAt: 800) == nil)
  }
}
