import Foundation
import GEOS
import GeoCore
import Testing

/// Hand-computed figures on squares, circles and simple shapes.
@Suite struct GeometryTests {
  let context = GeometryContext()

  func square(_ x: Double, _ y: Double, _ side: Double) -> FlatGeometry {
    .polygon([[(x, y), (x + side, y), (x + side, y + side), (x, y + side), (x, y)]])
  }

  @Test func flatRoundTripKeepsCoordinates() throws {
    let flat = FlatGeometry.polygon([
      [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)],
      [(2, 2), (2, 4), (4, 4), (4, 2), (2, 2)],
    ])
    let geometry = try Geometry(flat, context: context)
    #expect(geometry.kind == .polygon)
    #expect(try geometry.flat() == flat)
    #expect(try geometry.area() == 96)
    #expect(try geometry.length() == 48)
  }

  @Test func multiPolygonAndCollectionRoundTrip() throws {
    func square(_ x: Double) -> [[(Double, Double)]] { [[(x, 0), (x + 5, 0), (x + 5, 5), (x, 5), (x, 0)]] }
    let multi = FlatGeometry.multiPolygon([square(0), square(20)])
    let geometry = try Geometry(multi, context: context)
    #expect(try geometry.memberCount == 2)
    #expect(try geometry.area() == 50)
    #expect(try geometry.flat() == multi)

    let collection = FlatGeometry(
      kind: .geometryCollection, coordinates: [], ringOffsets: [0], partOffsets: [0],
      members: [.point(x: 1, y: 2), multi])
    let made = try Geometry(collection, context: context)
    #expect(made.kind == .geometryCollection)
    #expect(try made.flat() == collection)
  }

  @Test func overlayOfTwoSquares() throws {
    let a = try Geometry(square(0, 0, 10), context: context)
    let b = try Geometry(square(5, 5, 10), context: context)
    #expect(try a.intersection(b).area() == 25)
    #expect(try a.union(b).area() == 175)
    #expect(try a.difference(b).area() == 75)
    let both = try Geometry.collection([a, b], context: context)
    #expect(try both.unaryUnion().area() == 175)
    #expect(try a.hausdorffDistance(to: b) == (50.0).squareRoot())
    #expect(try a.distance(to: try Geometry(square(13, 0, 1), context: context)) == 3)
    #expect(try a.clipped(to: BoundingBox(minX: 0, minY: 0, maxX: 4, maxY: 10)).area() == 40)
  }

  @Test func touchingSquaresGivePolygonalPartEmpty() throws {
    let a = try Geometry(square(0, 0, 10), context: context)
    let b = try Geometry(square(10, 0, 10), context: context)
    let piece = try a.intersection(b)
    #expect(try piece.area() == 0)
    #expect(try piece.polygonalPart().isEmpty)
    #expect(try a.coverageUnion(of: b) == 200)
  }

  @Test func bufferOfPointApproachesCircle() throws {
    let point = try Geometry.point(x: 0, y: 0, context: context)
    // A 32-gon inscribed in a circle of radius 100: area = n/2 r² sin(2π/n).
    let n = 32.0
    let expected = n / 2 * 100 * 100 * sin(2 * Double.pi / n)
    #expect(abs(try point.buffer(100, quadrantSegments: 8).area() - expected) < 1e-6)
    let fine = try point.buffer(100, quadrantSegments: 64).area()
    #expect(abs(fine - Double.pi * 10_000) / (Double.pi * 10_000) < 1e-3)
  }

  @Test func inscribedCircleOfRectangle() throws {
    let rectangle = try Geometry(
      FlatGeometry.polygon([[(0, 0), (100, 0), (100, 20), (0, 20), (0, 0)]]), context: context)
    let circle = try rectangle.maximumInscribedCircle(tolerance: 0.01)
    #expect(abs(circle.radius - 10) < 0.01)
    #expect(abs(circle.y - 10) < 0.01)
    let inside = try rectangle.pointOnSurface().pointCoordinates()
    #expect(inside.x > 0 && inside.x < 100 && inside.y > 0 && inside.y < 20)
    #expect(try rectangle.centroid().pointCoordinates() == (50, 10))
    #expect(try rectangle.boundingBox == BoundingBox(minX: 0, minY: 0, maxX: 100, maxY: 20))
    #expect(try rectangle.envelope().area() == 2000)
  }

  @Test func nestedShellIsRepairedAsHole() throws {
    // Two shells, one inside the other: the ONS "Nested shells" case.
    let shells = FlatGeometry.multiPolygon([
      [[(0.0, 0.0), (10, 0), (10, 10), (0, 10), (0, 0)]], [[(2.0, 2), (4, 2), (4, 4), (2, 4), (2, 2)]],
    ])
    let geometry = try Geometry(shells, context: context)
    #expect(try !geometry.isValid())
    #expect(try geometry.validityReason().hasPrefix("Nested shells"))
    let repaired = try geometry.madeValid()
    #expect(try repaired.isValid())
    #expect(try repaired.area() == 96)
  }

  @Test func bowTieIsRepairedIntoTwoTriangles() throws {
    let bowTie = try Geometry(
      FlatGeometry.polygon([[(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)]]), context: context)
    #expect(try bowTie.validityReason().hasPrefix("Self-intersection"))
    let repaired = try bowTie.madeValid()
    #expect(repaired.kind == .multiPolygon)
    #expect(try repaired.area() == 50)
  }

  @Test func wellKnownTextAndBinary() throws {
    let geometry = try Geometry(wkt: "POLYGON ((0 0, 4 0, 4 3, 0 0))", context: context)
    #expect(try geometry.area() == 6)
    #expect(try geometry.wkt(precision: 3) == "POLYGON ((0 0, 4 0, 4 3, 0 0))")
    let again = try Geometry(wkb: try geometry.wkb(), context: context)
    #expect(try again.topologicallyEquals(geometry))
    #expect(throws: GEOSError.self) { try Geometry(wkt: "POLYGON ((0 0, 1", context: context) }
  }

  @Test func badRingsAreClearErrors() throws {
    let open = FlatGeometry(
      kind: .polygon, coordinates: [0, 0, 1, 0, 1, 1, 0, 1], ringOffsets: [0, 4], partOffsets: [0, 1])
    #expect(throws: GEOSError.invalidInput("ring 0 is not closed (first and last positions differ)")) {
      try Geometry(open, context: context)
    }
    let short = FlatGeometry(
      kind: .polygon, coordinates: [0, 0, 1, 0, 0, 0], ringOffsets: [0, 3], partOffsets: [0, 1])
    #expect(throws: GEOSError.invalidInput("ring 0 has 3 positions; a closed ring needs at least 4")) {
      try Geometry(short, context: context)
    }
  }

  @Test func preparedContainment() throws {
    let big = try PreparedGeometry(try Geometry(square(0, 0, 10), context: context))
    #expect(try big.contains(try Geometry(square(1, 1, 2), context: context)))
    #expect(try big.covers(try Geometry(square(0, 0, 2), context: context)))
    #expect(try !big.containsProperly(try Geometry(square(0, 0, 2), context: context)))
    #expect(try !big.contains(try Geometry(square(9, 9, 2), context: context)))
    #expect(try big.intersectsPoint(x: 10, y: 5))
    #expect(try !big.intersectsPoint(x: 10.1, y: 5))
  }

  @Test func spatialIndexFindsOverlappingBoxes() throws {
    let index = try SpatialIndex(context: context)
    for i in 0..<100 {
      let x = Double(i % 10) * 10, y = Double(i / 10) * 10
      try index.insert(BoundingBox(minX: x, minY: y, maxX: x + 10, maxY: y + 10), item: i)
    }
    #expect(try index.items(intersecting: BoundingBox(minX: 12, minY: 12, maxX: 18, maxY: 18)) == [11])
    #expect(try index.items(intersecting: BoundingBox(minX: 15, minY: 5, maxX: 25, maxY: 5)) == [1, 2])
    #expect(try index.items(intersecting: BoundingBox(minX: 500, minY: 500, maxX: 600, maxY: 600)) == [])
  }

  @Test func simplifyKeepsTopology() throws {
    var ring: [(Double, Double)] = []
    for i in 0...100 { ring.append((Double(i), i % 2 == 0 ? 0 : 0.01)) }
    ring += [(100, 50), (0, 50), (0, 0)]
    let wiggly = try Geometry(FlatGeometry.polygon([ring]), context: context)
    let simple = try wiggly.simplifiedPreservingTopology(tolerance: 1)
    #expect(simple.pointCount == 5)
    #expect(try simple.isValid())
  }

  @Test func versionIsReported() {
    #expect(GEOSLibrary.version.hasPrefix("3."))
  }
}

extension Geometry {
  fileprivate func coverageUnion(of other: Geometry) throws -> Double {
    try Geometry.collection([self, other], context: context).coverageUnion().area()
  }
}
