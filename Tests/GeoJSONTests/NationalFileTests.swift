import GeoCore
import GeoJSON
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let nationalLSOA11 = "/work/shared/data/national/lsoa11_ew_bsc.geojson"

/// Whether the national file is on this machine; prints a visible note when it is not.
func nationalFileExists() -> Bool {
  if access(nationalLSOA11, R_OK) == 0 { return true }
  print("SKIPPED NationalFileTests: \(nationalLSOA11) not found (national data not installed)")
  return false
}

@Suite struct NationalFileTests {
  // Runs only where the national data set is installed (it is too big to ship as a fixture).
  @Test(.enabled(if: nationalFileExists(), "needs \(nationalLSOA11)"))
  func readsEveryLSOA() throws {
    let collection = try GeoJSONReader.read(contentsOf: nationalLSOA11)
    #expect(collection.features.count == 34_753)
    #expect(collection.crsName == "urn:ogc:def:crs:OGC:1.3:CRS84")
    #expect(collection.foreignMembers["name"] != nil)
    let first = try #require(collection.features.first)
    #expect(first.properties["LSOA11CD"] == .string("E01000001"))
    #expect(first.geometry?.pointCount == 6)
    #expect(first.geometry?.x(0) == -0.094744468765127)
    #expect(first.geometry?.y(0) == 51.520596102685502)
    var pairs = 0
    for feature in collection.features { pairs += feature.geometry?.pointCount ?? 0 }
    #expect(pairs == 430_993)  // counted with Python's json module
  }
}
