import Foundation
import Study
import Testing

/// A study config's `registrations:` entry (issue 15) on the fixture extract (Tests/Fixtures/catchments):
/// the derived statutory layer, the neighbourhood cards' "who serves the people here", and the
/// entry's config errors.
@Suite(.serialized) struct StudyRegistrationsTests {
  static let fixtures: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<2 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Fixtures/catchments").path
  }()

  static func config(_ registrations: String) -> String {
    """
    study: Stafford registrations
    layers:
      - {name: hoods, role: community, file: \(fixtures)/neighbourhoods.geojson, id_field: msoa11_code, name_field: hcl_name}
    \(registrations)
    """
  }

  static let entry = """
    registrations:
      file: \(fixtures)/registrations_ssot_excerpt.csv
      lsoas: \(fixtures)/lsoas.geojson
      lsoa_id_field: lsoa21_code
      method: majority
    """

  @Test func derivedLayerAndWhoServesThePeopleHere() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nbhd-reg-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let config = try StudyConfig.parse(Self.config(Self.entry), path: folder + "/study.yml")
    #expect(config.comparedPairs.map { "\($0.a)|\($0.b)" } == ["hoods|pcn_areas"])
    let run = try StudyRunner.run(config, threads: 2)
    let layer = try #require(run.layer("pcn_areas"))
    #expect(layer.features.map(\.id) == ["U83494", "U84263"])  // pandas: the two majority PCNs
    let patients = try #require(run.registrations?.neighbourhoods["hoods"])
    let hoods = try #require(run.layer("hoods"))
    let mosspit = try #require(hoods.features.firstIndex { $0.id == "E02006203" })
    let main = try #require(patients.main(mosspit))
    // geopandas on the same files: 2830.0019322118 of 7341.7202331357 at U84263.
    #expect(abs(main.share - 2830.0019322118 / 7341.7202331357) < 1e-8)
    try ReportWriter.write(run, to: folder + "/out", versions: ["nbhd": .string("test")])
    let markdown = try String(contentsOfFile: folder + "/out/report.md", encoding: .utf8)
    #expect(markdown.contains("## pcn\\_areas: PCN areas, majority of registered patients"))
    #expect(markdown.components(separatedBy: "#### Who serves the people here").count == 3)
    #expect(markdown.contains("| STAFFORD TOWN PCN | U84263 | 2,830 | 38.5% |"))
    #expect(markdown.contains("| not an LSOA code | 62 | 531 |"))
    for file in ["lsoa_assignment_pcn_areas.csv", "outside_pcn_areas.csv", "registered_patients_hoods.csv"] {
      #expect(FileManager.default.fileExists(atPath: folder + "/out/" + file), "\(file)")
    }
  }

  @Test func entryErrorsNameTheLine() {
    let bad = Self.entry.replacingOccurrences(of: "method: majority", with: "method: nearest")
    #expect {
      try StudyConfig.parse(Self.config(bad), path: "/tmp/study.yml")
    } throws: { error in
      "\(error)" == "/tmp/study.yml:8: method must be majority, footprint or threshold, found \"nearest\""
    }
    let missing = "registrations:\n  file: \(Self.fixtures)/lsoas.geojson\n"
    #expect {
      try StudyConfig.parse(Self.config(missing), path: "/tmp/study.yml")
    } throws: { error in
      "\(error)".contains("registrations needs \"file\" (patients by LSOA) and \"lsoas\" (the LSOA polygons)")
    }
  }
}
