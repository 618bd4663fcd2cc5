import Foundation
import GeoPackage
import Testing

/// GeoPackage in and out through the CLI (issue 16): convert both ways, layers read from a
/// GeoPackage give the same crosswalk as their GeoJSON, GDAL reads what nbhd writes.
@Suite struct GeoPackageCommandTests {
  static let wards = CLI.repo("data/trafford/wards23_full.geojson")
  static let localities = CLI.repo("data/trafford/localities23_full.geojson")

  static func tool(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, stdout, stderr)
  }

  /// The crosswalk of localities x wards is the same, byte for byte, whether wards come as the
  /// GeoJSON, as nbhd's GeoPackage (EPSG:27700, full precision), or as that GeoPackage taken
  /// back to GeoJSON by ogr2ogr.
  @Test func crosswalkIsTheSameFromGeoPackage() throws {
    let directory = try CLI.temporaryDirectory()
    let gpkg = directory + "/wards.gpkg"
    let convert = try CLI.run(["convert", Self.wards, gpkg])
    #expect(convert.status == 0, "\(convert.stderr)")
    #expect(convert.stderr.contains("21 features written (of 21 read)"))
    #expect(convert.stderr.contains("precision     full"))
    func crosswalk(_ b: String, _ name: String) throws -> String {
      let out = directory + "/" + name
      let run = try CLI.run(["overlap", Self.localities, b, "--crosswalk-only", "--out", out])
      #expect(run.status == 0, "\(run.stderr)")
      return try String(contentsOfFile: out + "/crosswalk.csv", encoding: .utf8)
    }
    let original = try crosswalk(Self.wards, "geojson")
    #expect(original.split(separator: "\n").count == 22)
    #expect(try crosswalk(gpkg, "gpkg") == original)
    guard CLI.hasTool("ogr2ogr") else {
      print("SKIPPED: ogr2ogr (gdal-bin) not installed; GDAL round trip not run")
      return
    }
    let info = try Self.tool(["ogrinfo", "-ro", "-so", gpkg, "wards23_full"])
    #expect(info.stderr.isEmpty, "\(info.stderr)")
    #expect(info.stdout.contains("Feature Count: 21"))
    #expect(info.stdout.contains("ID[\"EPSG\",27700]"))
    let index = try Self.tool([
      "ogrinfo", "-ro", gpkg, "-sql", "SELECT HasSpatialIndex('wards23_full','geom')",
    ])
    #expect(index.stdout.contains("HasSpatialIndex (Integer) = 1"))
    let back = directory + "/wards_back.geojson"
    let ogr = try Self.tool(["ogr2ogr", "-f", "GeoJSON", back, gpkg])
    #expect(ogr.status == 0)
    #expect(try crosswalk(back, "back") == original)
  }

  /// A GeoPackage with two layers: each input names its own.
  @Test func perInputLayerOptions() throws {
    let directory = try CLI.temporaryDirectory()
    let two = CLI.repo("Tests/Fixtures/gpkg/two_layers.gpkg")
    let run = try CLI.run([
      "overlap", two, Self.wards, "--a-layer", "pcn_areas", "--crosswalk-only", "--out", directory + "/o",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let csv = try String(contentsOfFile: directory + "/o/crosswalk.csv", encoding: .utf8)
    let plain = try CLI.run([
      "overlap", CLI.repo("data/trafford/pcn_areas_nearest_lsoa21_DERIVED.geojson"), Self.wards,
      "--crosswalk-only",
      "--out", directory + "/p",
    ])
    #expect(plain.status == 0)
    #expect(try String(contentsOfFile: directory + "/p/crosswalk.csv", encoding: .utf8) == csv)
    let coverage = try CLI.run([
      "coverage", Self.wards, "gp=\(two)@gp_practices", "--radius", "1000", "--format", "gpkg", "--out",
      directory + "/c",
    ])
    #expect(coverage.status == 0, "\(coverage.stderr)")
    #expect(coverage.stdout.contains("wrote coverage.csv, gaps.gpkg, assets.gpkg, summary.json"))
  }

  /// GeoPackage to GeoJSON: RFC 7946 lon/lat again, the same 21 features.
  @Test func convertsBackToGeoJSON() throws {
    let directory = try CLI.temporaryDirectory()
    #expect(try CLI.run(["convert", Self.wards, directory + "/w.gpkg"]).status == 0)
    let run = try CLI.run(["convert", directory + "/w.gpkg", directory + "/w.geojson"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("EPSG:27700 → OGC:CRS84"))
    let json =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/w.geojson")))
      as! [String: Any]
    let features = json["features"] as! [[String: Any]]
    #expect(features.count == 21)
    #expect((features[0]["properties"] as! [String: Any])["area_code"] as? String == "E05015239")
  }

  /// `--precision` rounds a GeoPackage's coordinates (full precision otherwise); `--output-crs`
  /// writes result layers in another CRS, described in gpkg_spatial_ref_sys.
  @Test func precisionAndOutputCRS() throws {
    let directory = try CLI.temporaryDirectory()
    #expect(try CLI.run(["convert", Self.wards, directory + "/full.gpkg"]).status == 0)
    #expect(try CLI.run(["convert", Self.wards, directory + "/metres.gpkg", "--precision", "0"]).status == 0)
    let full = try GeoPackageReader.read(directory + "/full.gpkg").features.flatMap {
      $0.geometry!.coordinates
    }
    let metres = try GeoPackageReader.read(directory + "/metres.gpkg").features.flatMap {
      $0.geometry!.coordinates
    }
    #expect(full.count == metres.count)
    #expect(metres.allSatisfy { $0 == $0.rounded() })
    #expect(full.contains { $0 != $0.rounded() })
    #expect(zip(full, metres).allSatisfy { abs($0 - $1) <= 0.5 })
    let run = try CLI.run([
      "overlap", Self.localities, Self.wards, "--format", "gpkg", "--output-crs", "OGC:CRS84", "--out",
      directory + "/o",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let pieces = try GeoPackageReader.read(directory + "/o/pieces.gpkg")
    #expect(pieces.system.id == 4326)
    #expect(pieces.features.count == 21)
    let box = pieces.features.reduce(into: BoundingBoxProbe()) { $0.include($1.geometry!.coordinates) }
    #expect(box.minX > -2.6 && box.maxX < -2.2 && box.minY > 53.3 && box.maxY < 53.5)
  }
}

extension GeoPackageCommandTests {
  /// With SOURCE_DATE_EPOCH fixing the timestamps, GeoPackage outputs are byte-identical
  /// whatever the thread count and across runs (encoding runs in parallel chunks).
  @Test func geoPackagesAreByteIdentical() throws {
    let directory = try CLI.temporaryDirectory()
    var outputs: [String] = []
    for threads in ["1", "2", "2"] {
      let out = directory + "/run\(outputs.count)"
      let process = Process()
      process.executableURL = CLI.executable
      process.arguments = [
        "overlap", CLI.repo("data/trafford/pcn_areas_voronoi_DERIVED.geojson"), Self.wards, "--format",
        "gpkg",
        "--threads", threads, "--out", out,
      ]
      process.environment = ProcessInfo.processInfo.environment.merging(["SOURCE_DATE_EPOCH": "0"]) { $1 }
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
      outputs.append(out)
    }
    for file in ["pieces.gpkg", "slivers.gpkg", "topology_a.gpkg", "topology_b.gpkg"] {
      let first = try Data(contentsOf: URL(fileURLWithPath: outputs[0] + "/" + file))
      #expect(first.count > 4096)
      for other in outputs.dropFirst() {
        #expect(try Data(contentsOf: URL(fileURLWithPath: other + "/" + file)) == first, "\(file) differs")
      }
    }
  }
}

extension GeoPackageCommandTests {
  /// Outside Great Britain the working CRS is a local equal-area projection: the GeoPackage
  /// describes it in a custom gpkg_spatial_ref_sys row (PROJ's WKT, the PROJ string kept in the
  /// description), reading it back measures in the same projection, and the crosswalk is the same.
  @Test func localEqualAreaRoundTrips() throws {
    let directory = try CLI.temporaryDirectory()
    // Two 0.01° squares in Chicago (lon/lat), overlapping by half.
    let squares = directory + "/chicago.geojson"
    try Data(
      """
      {"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":[[[-87.70,41.80],[-87.69,41.80],[-87.69,41.81],[-87.70,41.81],[-87.70,41.80]]]}},
      {"type":"Feature","properties":{"code":"B"},"geometry":{"type":"Polygon","coordinates":[[[-87.695,41.80],[-87.685,41.80],[-87.685,41.81],[-87.695,41.81],[-87.695,41.80]]]}}]}
      """.utf8
    ).write(to: URL(fileURLWithPath: squares))
    let gpkg = directory + "/chicago.gpkg"
    #expect(try CLI.run(["convert", squares, gpkg]).status == 0)
    let table = try GeoPackageReader.read(gpkg)
    #expect(table.system.id == 100_000)
    #expect(table.system.organization == "NBHD")
    #expect(
      table.system.definition.hasPrefix("PROJCS[") && table.system.definition.contains("Lambert_Azimuthal"))
    #expect(table.system.crsDefinition?.hasPrefix("+proj=laea +lat_0=41.805 +lon_0=-87.6925 ") == true)
    let inspect = try CLI.run(["inspect", gpkg])
    #expect(inspect.stdout.contains("(no transformation needed)"), "\(inspect.stdout)")
    func crosswalk(_ a: String, _ name: String) throws -> String {
      let run = try CLI.run(["overlap", a, squares, "--crosswalk-only", "--out", directory + "/" + name])
      #expect(run.status == 0, "\(run.stderr)")
      return try String(contentsOfFile: directory + "/" + name + "/crosswalk.csv", encoding: .utf8)
    }
    let original = try crosswalk(squares, "geojson")
    #expect(original.contains("A,,B,,"))
    #expect(try crosswalk(gpkg, "gpkg") == original)
  }
}

/// The extent of interleaved x, y values.
struct BoundingBoxProbe {
  var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
  mutating func include(_ coordinates: [Double]) {
    for i in stride(from: 0, to: coordinates.count, by: 2) {
      minX = min(minX, coordinates[i])
      maxX = max(maxX, coordinates[i])
      minY = min(minY, coordinates[i + 1])
      maxY = max(maxY, coordinates[i + 1])
    }
  }
}
