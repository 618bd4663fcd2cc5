import Analysis
import Foundation
import GeoCore
import Layers
import TestSupport
import Testing

/// The DNAinfo Chicago south set (../shared/data/sketches) against the independent shapely peer
/// (tools/peers/consensus_shapely.py): its band table is held in
/// Tests/Fixtures/consensus/south_peer_bands.csv and its headline figures here.
@Suite struct ConsensusSouthSetTests {
  static let drawings = "sketches/chicago_dnainfo_drawings_south.geojson"

  /// The working CRS nbhd picks for the whole set (and the peer uses): a subset is measured in it
  /// too, so its areas are the same.
  static let laea = "+proj=laea +lat_0=41.7683 +lon_0=-87.6311 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"

  /// Debug builds check four neighbourhoods (the whole set takes about a minute there); release
  /// builds (`swift test -c release`) check everything.
  @Test func southSetAgreesWithThePeer() throws {
    guard SharedData.available(Self.drawings), let path = SharedData.path(Self.drawings) else { return }
    #if DEBUG
      try checkSubset(path)
    #else
      try checkWholeSet(path)
    #endif
  }

  func checkSubset(_ path: String) throws {
    let names: Set = ["wicker-park", "bucktown", "hyde-park", "pilsen"]
    let text = try Data(contentsOf: URL(fileURLWithPath: path))
    var object = try JSONSerialization.jsonObject(with: text) as! [String: Any]
    object["features"] = (object["features"] as! [[String: Any]]).filter {
      names.contains(($0["properties"] as? [String: Any])?["neighborhood"] as? String ?? "")
    }
    let subset = NSTemporaryDirectory() + "consensus-south-subset-\(UUID().uuidString).geojson"
    try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: subset))
    defer { try? FileManager.default.removeItem(atPath: subset) }
    let run = try ConsensusRun.analyse(
      ConsensusRun.load(subset, workingCRS: Self.laea), options: ConsensusOptions())
    #expect(run.neighbourhoods.map(\.drawingCount) == [71, 68, 65, 75])
    try compareWithPeer(run, only: names)
    try ConsensusTests.checkProperties(run, relative: 1e-9)
  }

  func checkWholeSet(_ path: String) throws {
    let run = try ConsensusRun.analyse(ConsensusRun.load(path), options: ConsensusOptions())
    #expect(run.layer.crs.hasPrefix(Self.laea))
    let records = run.drawings.records
    #expect(records.count == 1_418)
    #expect(records.filter(\.isUsed).count == 1_410)
    let excluded = records.filter { $0.status == .excluded }
    #expect(excluded.count == 8)
    #expect(excluded.filter { $0.reason.contains("has 3 positions") }.count == 5)
    #expect(excluded.filter { $0.reason.hasPrefix("no area left after repair") }.count == 3)
    #expect(run.map.territories.count == 61)
    let agrees = Self.agrees
    // The peer: claimed 244,764,717.9, contested 17,544,388.9, unclaimed 502,120,755.4 m².
    #expect(agrees(run.map.claimedArea, 244_764_717.9))
    #expect(agrees(run.map.contestedArea, 17_544_388.9))
    #expect(agrees(run.map.unclaimedArea, 502_120_755.4))
    try compareWithPeer(run, only: nil)
    try ConsensusTests.checkProperties(run, relative: 1e-9)
  }

  static func agrees(_ ours: Double, _ theirs: Double) -> Bool {
    abs(ours - theirs) <= max(0.01, 1e-6 * abs(theirs))
  }

  /// The core and band figures, and every row of the peer's table (of `only`'s
  /// neighbourhoods, when given).
  func compareWithPeer(_ run: ConsensusRun, only: Set<String>?) throws {
    let agrees = Self.agrees
    let byName = Dictionary(uniqueKeysWithValues: run.neighbourhoods.map { ($0.name, $0) })
    #expect(agrees(byName["wicker-park"]!.coreArea, 1_668_154.7))
    #expect(agrees(byName["bucktown"]!.coreArea, 1_967_812.3))
    #expect(agrees(byName["hyde-park"]!.coreArea, 3_923_001.9))
    #expect(agrees(byName["pilsen"]!.bandAreas[0].area, 6_159_704.5))
    // Every band and union area of the peer's table.
    let table = try String(
      contentsOfFile: SharedData.repo("Tests/Fixtures/consensus/south_peer_bands.csv"), encoding: .utf8)
    var compared = 0
    for line in table.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",").map(String.init)
      let (name, level, area) = (fields[0], fields[1], Double(fields[2])!)
      if let only, !only.contains(name) { continue }
      let agreement = try #require(byName[name])
      let ours =
        level == "union"
        ? agreement.unionArea : agreement.bandAreas.first { $0.level.description == level }!.area
      #expect(agrees(ours, area), "\(name) \(level): \(ours) vs the peer's \(area)")
      compared += 1
    }
    #expect(compared == (only.map { $0.count * 4 } ?? 304))
  }
}
