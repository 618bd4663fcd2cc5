import Foundation
import Testing

/// Shapefile and KML inputs end to end, and ids found without being told.
@Suite struct InterchangeCommandTests {
  static func temporaryFolder() -> String {
    let folder = NSTemporaryDirectory() + "nbhd-interchange-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  static let ogr2ogr = ["/usr/bin/ogr2ogr", "/usr/local/bin/ogr2ogr"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  static func convert(_ source: String, to target: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ogr2ogr!)
    process.arguments = ["-f", "ESRI Shapefile", target, source]
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  /// Issue 16: a file whose only property is a unique code, as the NHS ambulance-service
  /// catchments ship (`ambo22`), is keyed by it, and inspect says why.
  @Test func ambulanceCatchmentsAreKeyedByTheirOnlyProperty() throws {
    let folder = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let codes = ["RX9", "RYA", "RRU"]
    let features = codes.enumerated().map { i, code in
      let x = -2.0 + Double(i)
      return """
        {"type":"Feature","properties":{"ambo22":"\(code)"},"geometry":{"type":"Polygon","coordinates":\
        [[[\(x),52],[\(x + 1),52],[\(x + 1),53],[\(x),53],[\(x),52]]]}}
        """
    }
    let path = "\(folder)/ambo22.geojson"
    try #"{"type":"FeatureCollection","features":["#.appending(features.joined(separator: ",") + "]}")
      .write(toFile: path, atomically: true, encoding: .utf8)
    let run = try CLI.run(["inspect", path])
    #expect(run.status == 0)
    #expect(run.stdout.contains("  id field       ambo22 (detected)\n"))
    #expect(run.stdout.contains("  id rule        the only property present and unique in every feature\n"))
    let json = try CLI.run(["inspect", "--json", path])
    let summary = try #require(
      (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])?.first)
    #expect(summary["id_field"] as? String == "ambo22")
    #expect(summary["id_rule"] as? String == "the only property present and unique in every feature")
    guard Self.ogr2ogr != nil else {
      print("SKIPPED: ogr2ogr is not installed (the ambo22 shapefile check)")
      return
    }
    try Self.convert(path, to: "\(folder)/ambo22.shp")
    let shapefile = try CLI.run(["inspect", "\(folder)/ambo22.shp"])
    #expect(shapefile.status == 0)
    #expect(shapefile.stdout.contains("  id field       ambo22 (detected)\n"))
    #expect(shapefile.stdout.contains("  features       3 (Polygon 3)\n"))
  }

  /// The shared Trafford wards and localities exported by ogr2ogr give the GeoJSON's crosswalk,
  /// byte for byte.
  @Test func traffordShapefilesGiveTheGeoJSONCrosswalk() throws {
    guard Self.ogr2ogr != nil else {
      print("SKIPPED: ogr2ogr is not installed (Trafford shapefile crosswalk)")
      return
    }
    let folder = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let wards = CLI.repo("data/trafford/wards23_full.geojson")
    let localities = CLI.repo("data/trafford/localities23_full.geojson")
    try Self.convert(wards, to: "\(folder)/wards.shp")
    try Self.convert(localities, to: "\(folder)/localities.shp")
    let fromGeoJSON = try CLI.run(["overlap", "--crosswalk-only", "--out", "\(folder)/a", localities, wards])
    let fromShapefiles = try CLI.run([
      "overlap", "--crosswalk-only", "--out", "\(folder)/b", "\(folder)/localities.shp",
      "\(folder)/wards.shp",
    ])
    #expect(fromGeoJSON.status == 0 && fromShapefiles.status == 0)
    let a = try String(contentsOfFile: "\(folder)/a/crosswalk.csv", encoding: .utf8)
    let b = try String(contentsOfFile: "\(folder)/b/crosswalk.csv", encoding: .utf8)
    #expect(a.split(separator: "\n").count == 22)
    #expect(a == b)
    let inspect = try CLI.run(["inspect", "\(folder)/wards.shp"])
    #expect(inspect.stdout.contains("  CRS            OGC:CRS84 (.prj file (WGS 84))\n"))
    #expect(inspect.stdout.contains("  id field       area_code (detected)\n"))
  }

  @Test func shapefileFixtureIsInspected() throws {
    let run = try CLI.run(["inspect", CLI.repo("Tests/Fixtures/shapefile/rings.shp")])
    #expect(run.status == 0)
    #expect(run.stdout.contains("  features       4 (Polygon 2, MultiPolygon 1, null 1)\n"))
    #expect(run.stdout.contains("  CRS            EPSG:27700 (.prj file)\n"))
    #expect(run.stdout.contains("                   feature 2 (Null shape): null geometry\n"))
  }
}
