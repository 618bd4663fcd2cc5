import Foundation
import Study
import TestSupport
import Testing

/// Writes `text` as a config inside data/ (so the sample's relative paths resolve) and loads it.
func loadConfig(_ text: String) throws(StudyConfigError) -> StudyConfig {
  let path = SharedData.repo("data/.test-\(UUID().uuidString).yml")
  FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
  defer { try? FileManager.default.removeItem(atPath: path) }
  return try StudyConfig.load(path)
}

@Suite struct StudyConfigTests {
  static let base = """
    study: Test
    layers:
      - name: localities
        role: community
        file: trafford/localities23_full.geojson
      - name: wards
        role: statutory
        file: trafford/wards23_full.geojson
    """

  @Test func sampleConfigLoads() throws {
    let config = try StudyConfig.load(SharedData.repo("data/study.yml"))
    #expect(config.study == "Trafford sample")
    #expect(config.layers.map(\.name) == ["localities", "pcn_areas", "wards"])
    #expect(
      config.comparedPairs.map { "\($0.a)×\($0.b)" } == [
        "localities×wards", "pcn_areas×wards", "localities×pcn_areas",
      ])
    #expect(config.assets.map(\.radius) == [800, 1000, 1200, 1500, 300])
    #expect(config.population?.field == "pop_mid2024")
  }

  @Test func defaultPairsAreCommunityAgainstStatutory() throws {
    let config = try loadConfig(Self.base)
    #expect(config.comparedPairs.map { "\($0.a)×\($0.b)" } == ["localities×wards"])
  }

  @Test func unknownKeyNamesTheLine() {
    #expect {
      try loadConfig(Self.base + "\n    colour: blue\n")
    } throws: { error in
      let e = error as! StudyConfigError
      return e.line == 9 && e.message.hasPrefix("unknown key \"colour\" in a layer")
    }
  }

  @Test func missingFileNamesTheLine() {
    #expect {
      try loadConfig(Self.base.replacingOccurrences(of: "wards23_full", with: "wards99"))
    } throws: { error in
      let e = error as! StudyConfigError
      return e.line == 8 && e.message.hasPrefix("file not found: trafford/wards99.geojson")
    }
  }

  @Test(arguments: ["0", "-5", "far"])
  func badRadiusNamesTheLine(radius: String) {
    let text =
      Self.base
      + "\nassets:\n  - category: gp\n    file: trafford/gp_practices_2026-05_pcn.geojson\n    radius: \(radius)\n"
    #expect {
      try loadConfig(text)
    } throws: { error in
      let e = error as! StudyConfigError
      return e.line == 12 && e.message.contains("radius must be")
    }
  }

  @Test func wrongTypeNamesTheLine() {
    #expect {
      try loadConfig("study: Test\nthresholds:\n  tolerance: high\nlayers: []\n")
    } throws: { error in
      let e = error as! StudyConfigError
      return e.line == 3 && e.message == "\"tolerance\" must be a number, found \"high\""
    }
  }

  /// A layer whose id field is not in the file stops at load, before any analysis, naming the
  /// config line of the layer.
  @Test func missingIDFieldStopsBeforeWork() throws {
    let config = try loadConfig(
      Self.base.replacingOccurrences(of: "role: statutory", with: "role: statutory\n    id_field: WD23CD"))
    #expect {
      try StudyRunner.run(config)
    } throws: { error in
      let e = error as! StudyConfigError
      return e.line == 6 && e.message.contains("layer wards:")
        && e.message.contains("no feature has the id field \"WD23CD\"")
    }
  }

  @Test func sha256MatchesKnownDigest() throws {
    // printf 'abc' | sha256sum
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("abc-\(UUID().uuidString)").path
    FileManager.default.createFile(atPath: path, contents: Data("abc".utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(
      try StudyChecksum.sha256(ofFile: path)
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }
}
