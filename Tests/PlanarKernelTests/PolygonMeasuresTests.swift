import GEOS
import GeoCore
import Layers
import PlanarKernel
import TestSupport
import Testing

/// Area and centroid with GEOS's arithmetic: equal to GEOS's bit for bit on real boundaries,
/// and right on shapes worked out by hand.
@Suite struct PolygonMeasuresTests {
  let context = GeometryContext()

  /// Every feature of `geometries` against GEOS; returns how many were measured (not deferred).
  /// The point on the surface is never deferred for a valid polygon.
  func compare(_ geometries: [FlatGeometry], label: String) throws -> Int {
    var measured = 0
    for (k, flat) in geometries.enumerated() {
      let inside = try #require(PolygonMeasures.pointOnSurface(flat), "\(label) feature \(k)")
      let geosInside = try Geometry(flat, context: context).pointOnSurface().pointCoordinates()
      #expect(
        inside.x.bitPattern == geosInside.x.bitPattern && inside.y.bitPattern == geosInside.y.bitPattern,
        "\(label) feature \(k): point on surface \(inside) against GEOS \(geosInside)")
      guard let own = PolygonMeasures.areaAndCentroid(flat) else { continue }
      measured += 1
      let geos = try Geometry(flat, context: context)
      let area = try geos.area()
      let centre = try geos.centroid().pointCoordinates()
      #expect(
        own.area.bitPattern == area.bitPattern && own.x.bitPattern == centre.x.bitPattern
          && own.y.bitPattern == centre.y.bitPattern,
        "\(label) feature \(k): \(own) against GEOS \(area) (\(centre.x), \(centre.y))")
    }
    return measured
  }

  /// A 4 × 4 square (either way round) with a 1 × 1 hole: area 15, centroid (16·2 − 1·1)/15 on
  /// both axes; a second, separate square of side 2 at (10, 0) moves it to
  /// ((31 + 4·11)/19, (31 + 4·1)/19).
  @Test func handComputedShapes() throws {
    let holed: [[(Double, Double)]] = [
      [(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)], [(0.5, 0.5), (0.5, 1.5), (1.5, 1.5), (1.5, 0.5), (0.5, 0.5)],
    ]
    let m = try #require(PolygonMeasures.areaAndCentroid(.polygon(holed)))
    #expect(m.area == 15 && abs(m.x - 31.0 / 15) < 1e-12 && abs(m.y - 31.0 / 15) < 1e-12)
    let reversed = try #require(PolygonMeasures.areaAndCentroid(.polygon(holed.map { $0.reversed() })))
    #expect(reversed.area == 15 && abs(reversed.x - 31.0 / 15) < 1e-12)
    let two = try #require(
      PolygonMeasures.areaAndCentroid(
        .multiPolygon([holed, [[(10, 0), (12, 0), (12, 2), (10, 2), (10, 0)]]])))
    #expect(two.area == 19 && abs(two.x - 75.0 / 19) < 1e-12 && abs(two.y - 35.0 / 19) < 1e-12)
    // Nothing to measure, or no area: GEOS decides.
    #expect(PolygonMeasures.areaAndCentroid(.point(x: 1, y: 2)) == nil)
    #expect(PolygonMeasures.areaAndCentroid(.polygon([[(0, 0), (1, 1), (2, 2), (0, 0)]])) == nil)
    #expect(try compare([.polygon(holed), .polygon(holed.map { $0.reversed() })], label: "hand") == 2)
    // The line runs midway between the vertex heights nearest the box's middle (2): the hole's
    // top, 1.5, below it and the shell's top, 4, above it, so at 2.75, where the square is
    // crossed whole, from 0 to 4.
    let inside = try #require(PolygonMeasures.pointOnSurface(.polygon(holed)))
    #expect(inside.x == 2 && inside.y == 2.75)
    // Two squares: the wider one's point wins.
    let wider = try #require(
      PolygonMeasures.pointOnSurface(.multiPolygon([[[(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]], holed])))
    #expect(wider.x == 2 && wider.y == 2.75)
    #expect(PolygonMeasures.pointOnSurface(.point(x: 1, y: 2)) == nil)
  }

  @Test func traffordLayers() throws {
    for name in ["oa21_pop_mid2024", "wards23_full", "localities23_full", "pcn_areas_voronoi_DERIVED"] {
      let layer = try LayerLoader.load(SharedData.repo("data/trafford/\(name).geojson")).geometries
      #expect(try compare(layer, label: name) == layer.count)
    }
  }

  @Test func nationalLSOA21() throws {
    let relative = "national/lsoa21_england_bsc_pop2021.geojson"
    guard SharedData.available(relative), let path = SharedData.path(relative) else { return }
    let layer = try LayerLoader.load(path).geometries
    #expect(try compare(layer, label: "LSOA21") == layer.count)
  }
}
