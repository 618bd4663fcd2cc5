import Foundation
import GEOS
import GeoCore
import Layers
import PlanarKernel
import TestSupport
import Testing

/// Areas measured from boundary crossings agree with GEOS's overlay on real boundaries (Output
/// Areas, wards and PCN areas share edges and vertices everywhere) and on random polygons drawn
/// on a coarse grid, where shared vertices, collinear edges and T-junctions are the rule.
@Suite struct PolygonIntersectionGEOSTests {
  let context = GeometryContext()

  /// Compares every pair whose boxes overlap; returns (pairs, pairs with area).
  func compare(_ a: [FlatGeometry], _ b: [FlatGeometry], label: String) throws -> (
    pairs: Int, overlapping: Int
  ) {
    let bandsB = b.map { EdgeBands($0)! }
    let geosB = try b.map { try Geometry($0, context: context) }
    let boxesB = b.map(\.boundingBox)
    var pairs = 0, overlapping = 0
    for (i, flatA) in a.enumerated() {
      let bandsA = EdgeBands(flatA)!
      let geosA = try Geometry(flatA, context: context)
      for j in b.indices where boxesB[j].intersects(flatA.boundingBox) {
        pairs += 1
        let measured = PolygonIntersection.measure(bandsA, bandsB[j])
        let expected = try geosA.intersection(geosB[j]).area()
        if expected > 0 { overlapping += 1 }
        let tolerance = max(measured.roundingBound, 1e-9 * min(flatA.polygonalArea, b[j].polygonalArea), 1e-6)
        #expect(
          abs(measured.area - expected) <= tolerance,
          "\(label) pair \(i) × \(j): measured \(measured.area), GEOS \(expected)")
      }
    }
    return (pairs, overlapping)
  }

  @Test func traffordLayers() throws {
    func load(_ name: String) throws -> [FlatGeometry] {
      try LayerLoader.load(SharedData.repo("data/trafford/\(name).geojson")).geometries
    }
    let wards = try load("wards23_full")
    let outputAreas = try load("oa21_pop_mid2024")
    let pcnAreas = try load("pcn_areas_voronoi_DERIVED")
    let localities = try load("localities23_full")
    let oaWards = try compare(outputAreas, wards, label: "OA × ward")
    let pcnWards = try compare(pcnAreas, wards, label: "PCN area × ward")
    let localityPCNs = try compare(localities, pcnAreas, label: "locality × PCN area")
    let wardWards = try compare(wards, wards, label: "ward × ward")
    // Every OA lies in a ward; most box-overlapping pairs are neighbours that only touch; a
    // ward meets only itself among the wards.
    #expect(oaWards.overlapping >= outputAreas.count && oaWards.pairs > oaWards.overlapping + 500)
    #expect(wardWards.overlapping == wards.count && wardWards.pairs > 4 * wards.count)
    #expect(pcnWards.overlapping > pcnAreas.count && localityPCNs.overlapping >= localities.count)
    print(
      "compared with GEOS: \(outputAreas.count) OAs, \(oaWards), \(pcnWards), \(localityPCNs), \(wardWards)")
  }

  /// Random simple polygons (stars around a centre) with vertices snapped to a 25 m grid, some
  /// with a hole, against each other.
  @Test func randomGridPolygons() throws {
    var generator = SeededGenerator(seed: 7)
    func next() -> Double { generator.unit() }
    func snapped(_ v: Double) -> Double { (v / 25).rounded() * 25 }
    func star(hole: Bool) -> FlatGeometry {
      let cx = 400_000 + snapped(next() * 400), cy = 300_000 + snapped(next() * 400)
      let n = 3 + Int(next() * 9)
      var ring: [(Double, Double)] = (0..<n).map { k in
        let angle = (Double(k) + next() * 0.6) / Double(n) * 2 * Double.pi, r = 150 + next() * 250
        return (snapped(cx + r * cos(angle)), snapped(cy + r * sin(angle)))
      }
      ring.append(ring[0])
      var rings = [ring]
      if hole {
        rings.append([
          (cx - 50, cy - 50), (cx - 50, cy + 50), (cx + 50, cy + 50), (cx + 50, cy - 50), (cx - 50, cy - 50),
        ])
      }
      return .polygon(rings)
    }
    var shapes: [FlatGeometry] = []
    while shapes.count < 120 {
      let shape = star(hole: shapes.count % 4 == 0)
      // Keep only valid ones (snapping can fold a star or cut its hole).
      if try Geometry(shape, context: context).isValid() { shapes.append(shape) }
    }
    let result = try compare(shapes, shapes, label: "grid star")
    #expect(result.overlapping > 2_000)
  }
}
