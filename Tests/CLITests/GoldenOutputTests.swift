import Foundation
import GeoPackage
import TestSupport
import Testing

/// The success paths of the commands, compared exactly with committed outputs in
/// Tests/Fixtures/golden/expected: every file written, and what the command printed, byte for
/// byte. The inputs are a few squares in British National Grid whose figures can be checked by
/// hand (A1 ∩ B1 is 1,000 m × 600 m = 600,000 m²; interpolating A's people gives B1 0.6 × 100 +
/// 0.3 × 300 = 150). Coordinates stay in EPSG:27700 so no figure depends on a PROJ transformation.
/// After a deliberate change of output, regenerate with NBHD_UPDATE_GOLDEN=1 and review the diff.
@Suite struct GoldenOutputTests {
  /// One command run in Tests/Fixtures/golden; `{out}` is a fresh output folder.
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: [String]
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "overlap",
      arguments: [
        "overlap", "a.geojson", "b.geojson", "--a-id-field", "code", "--b-id-field", "ward", "--out", "{out}",
        "--output-crs", "EPSG:27700", "--precision", "2", "--quiet",
      ]),
    Case(
      name: "overlap-crosswalk-only",
      arguments: ["overlap", "a.geojson", "b.geojson", "--crosswalk-only", "--out", "{out}", "--quiet"]),
    Case(
      name: "coverage",
      arguments: [
        "coverage", "a.geojson", "pharmacy=pharmacies.csv", "--radius", "300", "--id-field", "code",
        "--population", "a.geojson", "--population-field", "people", "--out", "{out}", "--output-crs",
        "EPSG:27700", "--precision", "2", "--quiet",
      ]),
    Case(
      name: "interpolate-people",
      arguments: [
        "interpolate", "a.geojson", "b.geojson", "--source-id-field", "code", "--target-id-field", "ward",
        "--extensive", "people", "--out", "{out}", "--output-crs", "EPSG:27700", "--precision", "2",
      ]),
    Case(
      name: "interpolate-rate",
      arguments: [
        "interpolate", "b.geojson", "a.geojson", "--source-id-field", "ward", "--target-id-field", "code",
        "--intensive", "rate", "--out", "{out}", "--output-crs", "EPSG:27700", "--precision", "2",
      ]),
    Case(name: "inspect", arguments: ["inspect", "a.geojson", "pharmacies.csv"]),
    Case(
      name: "convert",
      arguments: ["convert", "b.geojson", "{out}/b.geojson", "--to", "EPSG:27700", "--precision", "1"]),
    Case(name: "report", arguments: ["report", "study.yml", "--out", "{out}", "--quiet"]),
    Case(
      name: "render",
      arguments: [
        "render", "a.geojson", "b.geojson:outline", "--choropleth", "people", "-o", "{out}/map.svg",
      ]),
  ]

  static let folder = SharedData.repo("Tests/Fixtures/golden")
  static let update = ProcessInfo.processInfo.environment["NBHD_UPDATE_GOLDEN"] != nil

  @Test(arguments: cases)
  func matchesGolden(_ test: Case) throws {
    let scratch = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let out = scratch + "/out"
    if test.arguments.contains(where: { $0.hasPrefix("{out}/") }) {
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    }
    let run = try CLI.run(
      test.arguments.map { $0.replacing("{out}", with: out) }, in: Self.folder, timeout: 120)
    #expect(run.status == 0, "\(test.name): \(run.stderr)")
    var produced = ["stdout.txt": run.stdout, "stderr.txt": run.stderr]
    for name in Self.files(under: out) {
      // A GeoPackage is binary with timestamps: its golden file is the description of its tables.
      produced[name] =
        name.hasSuffix(".gpkg")
        ? try Self.describeGeoPackage(out + "/" + name)
        : try String(contentsOfFile: out + "/" + name, encoding: .utf8)
    }
    produced = produced.mapValues { Self.normalized($0.replacing(out, with: "{out}")) }
    let expectedFolder = Self.folder + "/expected/" + test.name
    if Self.update {
      try? FileManager.default.removeItem(atPath: expectedFolder)
      try FileManager.default.createDirectory(atPath: expectedFolder, withIntermediateDirectories: true)
      for (name, text) in produced {
        let path = expectedFolder + "/" + name
        try FileManager.default.createDirectory(
          atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
      }
      return
    }
    let expectedNames = Self.files(under: expectedFolder)
    #expect(Set(produced.keys) == Set(expectedNames), "\(test.name): files written")
    for name in expectedNames.sorted() {
      let expected = try String(contentsOfFile: expectedFolder + "/" + name, encoding: .utf8)
      #expect(produced[name] == expected, "\(test.name)/\(name) differs from the golden file")
    }
  }

  /// One line per table of a GeoPackage: feature tables with their count, geometry type, CRS,
  /// first feature's properties and default style's renderer; attribute tables by name.
  static func describeGeoPackage(_ path: String) throws -> String {
    let (features, attributes) = try GeoPackageReader.tables(in: path)
    let styles = try GeoPackageReader.defaultStyles(in: path)
    var lines: [String] = []
    for info in features {
      let table = try GeoPackageReader.read(path, table: info.name)
      let renderer = styles[info.name].flatMap { $0.firstMatch(of: /renderer-v2 type="(\w+)"/)?.1 } ?? "none"
      let keys = table.features.first?.properties.keys.joined(separator: ",") ?? ""
      lines.append(
        "features \(info.name): \(table.features.count) \(info.geometryType) "
          + "\(table.system.crsDefinition ?? "undefined") [\(keys)] style \(renderer)")
    }
    lines += attributes.map { "attributes \($0)" }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The files under `folder` (subfolders included), as paths relative to it.
  static func files(under folder: String) -> [String] {
    guard let walk = FileManager.default.enumerator(atPath: folder) else { return [] }
    return walk.compactMap { $0 as? String }.filter { name in
      var isFolder: ObjCBool = false
      return FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder)
        && !isFolder.boolValue
    }
  }

  /// The library versions in summary.json and the report vary with the machine's GEOS and PROJ,
  /// not with nbhd: they are blanked before comparing.
  static func normalized(_ text: String) -> String {
    var text = text
    for key in ["geos", "proj"] {
      text = text.replacing(try! Regex("\"\(key)\": \"[^\"]*\""), with: "\"\(key)\": \"(version)\"")
      text = text.replacing(try! Regex("\\b\(key) [0-9][^,\\s<]*"), with: "\(key) (version)")
    }
    return text
  }
}
