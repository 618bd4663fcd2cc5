import Foundation
import Testing

/// The same inputs give byte-identical outputs, whatever the thread count and across runs.
@Suite struct DeterminismTests {
  @Test func overlapOutputsAreByteIdentical() throws {
    let directory = try CLI.temporaryDirectory()
    var outputs: [String] = []
    for threads in ["1", "2", "2"] {
      let out = directory + "/run\(outputs.count)"
      let run = try CLI.run([
        "overlap", CLI.repo("data/trafford/pcn_areas_voronoi_DERIVED.geojson"),
        CLI.repo("data/trafford/wards23_full.geojson"),
        "--population", CLI.repo("data/trafford/oa21_pop_mid2024.geojson"), "--population-field",
        "pop_mid2024",
        "--threads", threads, "--out", out,
      ])
      #expect(run.status == 0, "\(run.stderr)")
      outputs.append(out)
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: outputs[0]).sorted()
    #expect(files.contains("crosswalk.csv") && files.contains("pieces.geojson"))
    for file in files {
      let first = try Data(contentsOf: URL(fileURLWithPath: outputs[0] + "/" + file))
      for other in outputs.dropFirst() {
        #expect(try Data(contentsOf: URL(fileURLWithPath: other + "/" + file)) == first, "\(file) differs")
      }
    }
  }
}
