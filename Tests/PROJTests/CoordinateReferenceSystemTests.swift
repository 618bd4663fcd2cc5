import GeoCore
import PROJ
import Testing

@Suite("Coordinate reference systems")
struct CoordinateReferenceSystemTests {
  @Test(
    "every accepted spelling of British National Grid resolves",
    arguments: ["EPSG:27700", "urn:ogc:def:crs:EPSG::27700", "epsg:27700"])
  func britishNationalGridSpellings(definition: String) throws {
    let crs = try CoordinateReferenceSystem(definition)
    #expect(crs.epsgCode == 27700)
    #expect(crs.name == "OSGB36 / British National Grid")
    #expect(!crs.isGeographic)
    let area = try #require(crs.areaOfUse)
    #expect(area.contains(BoundingBox(minX: -5.8, minY: 49.9, maxX: 1.8, maxY: 55.9)))
  }

  @Test(
    "every accepted spelling of CRS84 resolves to lon/lat WGS 84",
    arguments: ["urn:ogc:def:crs:OGC:1.3:CRS84", "CRS84", "OGC:CRS84", " crs84 "])
  func crs84Spellings(definition: String) throws {
    let crs = try CoordinateReferenceSystem(definition)
    #expect(crs.isGeographic)
    #expect(crs.identifier == "OGC:CRS84")
    #expect(crs.epsgCode == nil)
    #expect(crs.name == "WGS 84 (CRS84)")
  }

  @Test("EPSG:4326 is geographic with its EPSG code")
  func epsg4326() throws {
    let crs = try CoordinateReferenceSystem("EPSG:4326")
    #expect(crs.isGeographic)
    #expect(crs.epsgCode == 4326)
    #expect(crs.description == "WGS 84 (EPSG:4326)")
  }

  @Test("presets carry what PROJ says about them")
  func presets() throws {
    #expect(CoordinateReferenceSystem.wgs84LonLat == (try CoordinateReferenceSystem("OGC:CRS84")))
    #expect(CoordinateReferenceSystem.britishNationalGrid == (try CoordinateReferenceSystem("EPSG:27700")))
    #expect(
      CoordinateReferenceSystem.britishNationalGrid.description
        == "OSGB36 / British National Grid (EPSG:27700)")
  }

  @Test("PROJ strings become CRS definitions")
  func projString() throws {
    let crs = try CoordinateReferenceSystem("+proj=utm +zone=30 +datum=WGS84 +units=m")
    #expect(crs.definition.hasSuffix("+type=crs"))
    #expect(!crs.isGeographic)
    #expect(crs.epsgCode == nil)
    let geographic = try CoordinateReferenceSystem(
      "+proj=longlat +ellps=airy +towgs84=446.448,-125.157,542.06")
    #expect(geographic.isGeographic)
  }

  @Test("a CRS can be resolved in a caller's context")
  func inGivenContext() throws {
    let context = try ProjectionContext()
    let first = try CoordinateReferenceSystem("EPSG:27700", in: context)
    let second = try CoordinateReferenceSystem("EPSG:27700", in: context)
    #expect(first == second)
    #expect(context.messages.isEmpty)
  }

  @Test("the PROJ version is reported")
  func version() {
    #expect(PROJLibrary.version.split(separator: ".").count == 3)
    #expect(PROJLibrary.release.contains(PROJLibrary.version))
  }
}
