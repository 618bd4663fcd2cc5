import Foundation
import Study
import TestSupport
import Testing

/// A study whose community layer is given as residents' drawings (`sketches:`): the consensus
/// runs first, its map is the layer compared with the statutory one, and the report shows the
/// agreement per neighbourhood before the fit.
@Suite struct SketchStudyTests {
  static func folder() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nbhd-sketches-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    // Two statutory units in British National Grid over the hand-made drawings.
    let units = """
      {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:27700"}},"features":[
      {"type":"Feature","properties":{"code":"U1"},"geometry":{"type":"Polygon","coordinates":[[[400000,300000],[400100,300000],[400100,300150],[400000,300150],[400000,300000]]]}},
      {"type":"Feature","properties":{"code":"U2"},"geometry":{"type":"Polygon","coordinates":[[[400100,300000],[400225,300000],[400225,300150],[400100,300150],[400100,300000]]]}}]}
      """
    try units.write(toFile: folder + "/units.geojson", atomically: true, encoding: .utf8)
    return folder
  }

  @Test func reportShowsTheConsensusBeforeTheFit() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let drawings = SharedData.repo("Tests/Fixtures/consensus/squares.geojson")
    let config = """
      study: Drawn squares
      layers:
        - name: drawn
          role: community
          sketches: {file: \(drawings), name_field: neighbourhood, levels: [0.5], min_drawings: 3}
          attribution: "Drawings: made by hand for the tests"
        - {name: units, role: statutory, file: units.geojson, id_field: code}
      """
    try config.write(toFile: folder + "/study.yml", atomically: true, encoding: .utf8)
    let run = try StudyRunner.run(try StudyConfig.load(folder + "/study.yml"))
    let consensus = try #require(run.consensus["drawn"])
    #expect(consensus.neighbourhoods.map(\.name) == ["alpha", "beta", "gamma"])
    // The layer is the map: alpha and gamma (beta has one drawing), 7,500 m² each.
    let layer = try #require(run.layer("drawn"))
    #expect(layer.ids == ["alpha", "gamma"])
    #expect(layer.features.allSatisfy { abs($0.geometry.polygonalArea - 7_500) < 1e-6 })
    try ReportWriter.write(run, to: folder + "/out", versions: ["nbhd": .string("test")])
    let html = try String(contentsOfFile: folder + "/out/report.html", encoding: .utf8)
    let drawn = try #require(html.range(of: "Resident drawings: drawn"))
    let fit = try #require(html.range(of: "<h2 id=\"pair-drawn-units\">"))
    #expect(drawn.lowerBound < fit.lowerBound)
    #expect(html.contains("agreement-drawn-gamma") && html.contains("gamma: 3 drawings"))
    #expect(html.contains("Drawings: made by hand for the tests"))
    let maps = try FileManager.default.contentsOfDirectory(atPath: folder + "/out/maps")
    #expect(maps.contains("consensus_drawn.svg") && maps.contains("consensus_drawn_agreement_beta.svg"))
  }

  @Test func sketchesMakeACommunityLayerOnly() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let drawings = SharedData.repo("Tests/Fixtures/consensus/squares.geojson")
    let config = """
      study: Drawn squares
      layers:
        - {name: drawn, role: statutory, sketches: {file: \(drawings)}}
        - {name: units, role: community, file: units.geojson}
      """
    #expect(throws: StudyConfigError.self) { try StudyConfig.parse(config, path: folder + "/study.yml") }
    do {
      _ = try StudyConfig.parse(config, path: folder + "/study.yml")
    } catch {
      #expect(
        error.description.hasSuffix("a layer made from sketches is a community layer (role: community)"))
    }
  }
}
