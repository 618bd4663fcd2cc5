import Foundation
import Testing

@Suite struct InspectCommandTests {
  @Test func sampleDataIsDescribed() throws {
    let run = try CLI.run(["inspect", CLI.repo("data/trafford/wards23_full.geojson")])
    #expect(run.status == 0)
    #expect(run.stdout.contains("features       21 (Polygon 21)"))
    #expect(run.stdout.contains("id field       area_code (detected)"))
    #expect(run.stdout.contains("working CRS    EPSG:27700 via"))
    #expect(run.stdout.contains("accuracy 2 m"))
  }

  @Test(.enabled(if: CLI.sharedAvailable("national/sicbl21_england_epsg27700.geojson")))
  func legacyCRSMemberIsHonoured() throws {
    let run = try CLI.run(["inspect", CLI.shared("national/sicbl21_england_epsg27700.geojson")!])
    #expect(run.status == 0)
    #expect(run.stdout.contains("CRS            EPSG:27700 (crs member)"))
    #expect(run.stdout.contains("features       106 (Polygon 88, MultiPolygon 18)"))
  }

  @Test(.enabled(if: CLI.sharedAvailable("national/lsoa11_ew_bsc.geojson")))
  func nationalInvalidLSOAsAreListedWithReasons() throws {
    let run = try CLI.run(["inspect", "--json", CLI.shared("national/lsoa11_ew_bsc.geojson")!])
    #expect(run.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [[String: Any]]
    let repaired = json[0]["repaired"] as! [[String: Any]]
    #expect(repaired.map { $0["id"] as! String } == ["E01018992", "E01019228", "E01024572"])
    #expect(repaired.allSatisfy { ($0["reason"] as! String).hasPrefix("Nested shells") })
    #expect(json[0]["features_in_file"] as? Int == 34_753)
  }

  @Test(.enabled(if: CLI.sharedAvailable("trafford/wards23_super_generalised_DUPLICATED.geojson")))
  func duplicatedIDsAreCounted() throws {
    let run = try CLI.run(["inspect", CLI.shared("trafford/wards23_super_generalised_DUPLICATED.geojson")!])
    #expect(run.status == 0)
    #expect(run.stdout.contains("duplicate ids  21 ids used more than once (every feature kept):"))
    #expect(run.stdout.contains("E05015239 at features 0, 21"))
  }

  @Test(.enabled(if: CLI.sharedAvailable("trafford/assets/trafford_places_of_worship.geojson")))
  func noCRSMemberMeansWGS84() throws {
    let run = try CLI.run(["inspect", CLI.shared("trafford/assets/trafford_places_of_worship.geojson")!])
    #expect(run.status == 0)
    #expect(run.stdout.contains("CRS            OGC:CRS84 (RFC 7946 default (no crs member))"))
  }
}
