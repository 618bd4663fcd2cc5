import Foundation
import Testing

@Suite struct ConvertCommandTests {
  /// Output keeps every feature and property, follows RFC 7946 winding, and opens in GDAL.
  @Test func convertsToRFC7946() throws {
    let directory = try CLI.temporaryDirectory()
    let output = directory + "/squares.geojson"
    let run = try CLI.run(["convert", CLI.repo("Tests/Fixtures/layers/squares_27700.geojson"), output])
    #expect(run.status == 0)
    #expect(run.stderr.contains("4 features written (of 4 read)"))
    #expect(run.stderr.contains("repaired      1"))
    let json =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as! [String: Any]
    let features = json["features"] as! [[String: Any]]
    #expect(features.map { $0["id"] as! String } == ["sq1", "sq2", "sq3", "sq4"])
    #expect(
      features.map { ($0["properties"] as! [String: Any])["code"] as! String } == ["S1", "S2", "S3", "S1"])
    #expect(features[2]["geometry"] is NSNull)
    // Shell of sq1 in lon/lat: counter-clockwise (positive shoelace area).
    let ring = ((features[0]["geometry"] as! [String: Any])["coordinates"] as! [[[Double]]])[0]
    var twice = 0.0
    for i in 0..<(ring.count - 1) { twice += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] }
    #expect(twice > 0)
    if CLI.hasTool("ogrinfo") {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["ogrinfo", "-so", "-al", output]
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(text.contains("Feature Count: 4"))
    } else {
      print("SKIPPED: ogrinfo (gdal-bin) not installed; GDAL check not run")
    }
  }

  @Test func projectedOutputCarriesCRSMember() throws {
    let directory = try CLI.temporaryDirectory()
    let output = directory + "/wards.geojson"
    let run = try CLI.run([
      "convert", CLI.repo("data/trafford/wards23_full.geojson"), output, "--to", "EPSG:27700", "--precision",
      "2",
    ])
    #expect(run.status == 0)
    let text = try String(contentsOfFile: output, encoding: .utf8)
    #expect(text.contains(#""crs":{"type":"name","properties":{"name":"EPSG:27700"}}"#))
    #expect(run.stderr.contains("21 rings reversed"))
  }
}
