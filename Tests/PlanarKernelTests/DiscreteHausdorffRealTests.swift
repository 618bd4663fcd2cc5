import GEOS
import GeoCore
import Layers
import PlanarKernel
import TestSupport
import Testing

/// The Swift discrete Hausdorff distance equals GEOS's on real boundaries (the Trafford sample in
/// data/): every ward against every locality and PCN area whose boxes meet, both ways round.
@Suite struct DiscreteHausdorffRealTests {
  @Test func equalsGEOSOnTraffordBoundaries() throws {
    let wards = try LayerLoader.load(SharedData.repo("data/trafford/wards23_full.geojson"))
    let context = GeometryContext()
    var compared = 0
    for other in ["localities23_full.geojson", "pcn_areas_voronoi_DERIVED.geojson"] {
      let layer = try LayerLoader.load(SharedData.repo("data/trafford/" + other))
      for ward in wards.geometries {
        let wardIndex = LineworkIndex(ward)
        let wardGEOS = try Geometry(ward, context: context)
        for unit in layer.geometries where unit.boundingBox.intersects(ward.boundingBox) {
          let expected = try wardGEOS.hausdorffDistance(to: Geometry(unit, context: context))
          let got = DiscreteHausdorff.distance(wardIndex, LineworkIndex(unit))
          #expect(abs(got - expected) <= 1e-9 * expected)
          compared += 1
        }
      }
    }
    #expect(compared > 50)
  }
}
