import GeoCore
import Layers
import Testing

@testable import Analysis

/// A population layer of arbitrary polygons with a count each.
private func peopleLayer(_ shapes: [(geometry: FlatGeometry, count: Double)]) throws -> PopulationLayer {
  let features = shapes.enumerated().map { i, shape in
    LayerFeature(
      index: i, id: "p\(i)", name: nil, properties: ["count": .number(shape.count)], geometry: shape.geometry)
  }
  let layer = Layer(
    name: "people", source: "people.geojson", features: features,
    fields: IdentifierFields(id: .featureID, name: nil, how: "test"), crs: "EPSG:27700", record: LoadRecord())
  return try PopulationLayer(layer, field: "count")
}

/// The estimate measured from boundary crossings, on shapes whose people are known by hand:
/// two 100 m squares side by side (1,000 and 500 people) under a triangle, nested squares, and
/// neighbours that only share an edge.
@Suite struct PopulationKernelTests {
  let people: PopulationLayer
  /// The triangle (0, 0), (200, 0), (0, 100): its hypotenuse y = 100 − x/2 cuts both squares.
  let triangle = FlatGeometry.polygon([[(0, 0), (200, 0), (0, 100), (0, 0)]])

  init() throws {
    people = try peopleLayer([(square(0, 0, 100), 1_000), (square(100, 0, 100), 500)])
  }

  /// 7,500 m² of the west square (750 people, centroid (400/9, 350/9)) and 2,500 m² of the east
  /// one (125 people, centroid (400/3, 50/3)): 875 people centred at (400/7, 250/7).
  @Test func aTriangleAcrossTwoSquares() throws {
    let estimate = try people.estimate(in: [triangle], threads: 1)
    #expect(abs(estimate.totals[0] - 875) < 1e-9)
    let centre = try #require(estimate.centroids[0])
    #expect(abs(centre.x - 400.0 / 7) < 1e-9 && abs(centre.y - 250.0 / 7) < 1e-9)
    #expect(estimate.sources[0] == [0, 1])
  }

  /// Inside one square (its share by area, centred on itself), over both (every person,
  /// centred between them by weight), and beside them along shared edges (nobody).
  @Test func nestedAndNeighbouringAreas() throws {
    let areas = [
      square(10, 10, 20), square(-50, -50, 300, 200), square(200, 0, 100), square(-100, 0, 100),
      square(0, 100, 200, 50),
    ]
    let estimate = try people.estimate(in: areas, threads: 2)
    #expect(abs(estimate.totals[0] - 40) < 1e-9)  // 400 m² of 10,000 m² with 1,000 people
    let inside = try #require(estimate.centroids[0])
    #expect(abs(inside.x - 20) < 1e-9 && abs(inside.y - 20) < 1e-9)
    #expect(abs(estimate.totals[1] - 1_500) < 1e-9)
    let over = try #require(estimate.centroids[1])
    #expect(abs(over.x - (1_000 * 50 + 500 * 150) / 1_500.0) < 1e-9 && abs(over.y - 50) < 1e-9)
    for k in 2...4 {
      #expect(
        estimate.totals[k] == 0 && estimate.centroids[k] == nil && estimate.sources[k].isEmpty, "area \(k)")
    }
    #expect(estimate.sources[0] == [0] && estimate.sources[1] == [0, 1])
  }

  /// The triangle's gap east of x = 50, (50, 0), (200, 0), (50, 75): 3,125 m² of the west square
  /// (312.5 people) and 2,500 m² of the east one (125), from the triangle's sources alone; and
  /// the same from a fresh estimate of the gap.
  @Test func peopleInAGapOfAnArea() throws {
    let estimate = try people.estimate(in: [triangle], threads: 1)
    let gap = FlatGeometry.polygon([[(50, 0), (200, 0), (50, 75), (50, 0)]])
    let inGap = try people.people(
      inPieces: [gap], pieceAreas: [gap.polygonalArea], of: [0], areas: [triangle], estimate: estimate,
      threads: 1)
    #expect(abs(inGap[0] - 437.5) < 1e-9)
    #expect(abs(try people.estimate(in: [gap], threads: 1).totals[0] - 437.5) < 1e-9)
  }

  /// A pair the crossings measure and the same pair through GEOS (the fallback a geometry the
  /// edge bands cannot hold takes) give the same area and centroid.
  @Test func crossingsAgreeWithGEOS() throws {
    let measured = try overlap(of: triangle, with: 0)
    let collection = FlatGeometry(
      kind: .geometryCollection, coordinates: [], ringOffsets: [0], partOffsets: [0], members: [triangle])
    let intersected = try overlap(of: collection, with: 0)
    #expect(abs(measured.area - 7_500) < 1e-9 && abs(intersected.area - 7_500) < 1e-9)
    let (a, b) = (try #require(measured.centroid), try #require(intersected.centroid))
    #expect(abs(a.x - 400.0 / 9) < 1e-9 && abs(a.y - 350.0 / 9) < 1e-9)
    #expect(abs(a.x - b.x) < 1e-9 && abs(a.y - b.y) < 1e-9)
  }

  private func overlap(of area: FlatGeometry, with p: Int) throws -> (
    area: Double, centroid: (x: Double, y: Double)?
  ) {
    let result = try people.overlap(
      of: 0, ThreadGeometryCache(source: [area]), box: area.boundingBox, with: p,
      ThreadGeometryCache(source: people.geometries),
      bands: (nil, try people.shapes.bands(of: people.geometries, threads: 1)[p]),
      proveApart: true, centroid: true)
    return try #require(result)
  }
}
