import Foundation
import GEOS
import GeoCore
import GeoJSON
import PlanarKernel
import TestSupport
import Testing

/// On real boundaries, the quick validity proof agrees with GEOS wherever it claims a proof, and
/// proves most features (so loading rarely needs GEOS's validity check).
@Suite struct ValidityProofRealTests {
  /// (features proven, polygonal features), after checking each proof with GEOS.
  func check(_ path: String) throws -> (proven: Int, total: Int) {
    let context = GeometryContext()
    var proven = 0, total = 0
    for feature in try GeoJSONReader.read(contentsOf: path).features {
      guard let flat = feature.geometry, flat.kind.isPolygonal else { continue }
      total += 1
      guard ValidityProof.isCertainlyValid(flat) else { continue }
      proven += 1
      #expect(try Geometry(flat, context: context).isValid(), "\(path): proved valid but GEOS disagrees")
    }
    return (proven, total)
  }

  @Test func traffordLayers() throws {
    for name in ["wards23_full", "localities23_full", "oa21_pop_mid2024", "pcn_areas_voronoi_DERIVED"] {
      let (proven, total) = try check(SharedData.repo("data/trafford/\(name).geojson"))
      #expect(total > 0)
      // Output Areas and wards are simple rings; localities and PCN areas are unions with holes.
      if name == "oa21_pop_mid2024" || name == "wards23_full" {
        #expect(proven * 10 >= total * 9, "\(name): \(proven)/\(total)")
      }
    }
  }

  @Test func nationalLSOA11() throws {
    guard SharedData.available("national/lsoa11_ew_bsc.geojson") else { return }
    let (proven, total) = try check(SharedData.path("national/lsoa11_ew_bsc.geojson")!)
    #expect(total == 34_753)
    #expect(proven * 10 >= total * 9, "\(proven)/\(total)")
    print("validity proof: \(proven) of \(total) national LSOA11 features proven without GEOS")
  }
}
