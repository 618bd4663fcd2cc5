import PROJ
import Testing

/// `CoordinateReferenceSystem.resolved` keeps what PROJ resolved, and never a failure.
@Suite struct ResolvedCRSTests {
  @Test func sameAsResolvingAgainAndFailuresRepeat() throws {
    let first = try CoordinateReferenceSystem.resolved("EPSG:27700")
    #expect(first == (try CoordinateReferenceSystem("EPSG:27700")))
    #expect(first.name == "OSGB36 / British National Grid" && first.epsgCode == 27700)
    #expect(try CoordinateReferenceSystem.resolved("EPSG:27700") == first)
    for _ in 0..<2 {
      #expect(throws: PROJError.self) { try CoordinateReferenceSystem.resolved("EPSG:999999") }
    }
  }
}
