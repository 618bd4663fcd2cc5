import Foundation
import Testing

@testable import Analysis

/// PCN churn between practice maps (issue 15): a hand-made case and the Staffordshire & Stoke-on-Trent
/// practices of the national maps of January 2022 and October 2025 (pandas on the same files: 4 left,
/// M83082, M83623, M83706, Y02414; 1 moved, M83627 from U06256 to U93998; 140 stayed; 25 PCNs each).
@Suite struct ChurnTests {
  static func entry(_ pcn: String) -> PracticeMap.Entry {
    .init(practiceName: nil, pcnCode: pcn, pcnName: nil)
  }

  @Test func handMadeSplitMergeDissolve() {
    // Old: P1 {A, B}, P3 {C}, P4 {D}. New: P1 {A}, P2 {B, C}, P4 {D, E}.
    let old = PracticeMap(
      source: "old",
      entries: ["A": Self.entry("P1"), "B": Self.entry("P1"), "C": Self.entry("P3"), "D": Self.entry("P4")])
    let new = PracticeMap(
      source: "new",
      entries: [
        "A": Self.entry("P1"), "B": Self.entry("P2"), "C": Self.entry("P2"), "D": Self.entry("P4"),
        "E": Self.entry("P4"),
      ])
    let churn = PracticeChurn(old: old, new: new)
    #expect(churn.practices.map(\.status) == [.stayed, .moved, .moved, .stayed, .joined])
    let pcns = Dictionary(uniqueKeysWithValues: churn.pcns.map { ($0.code, $0) })
    #expect(pcns["P1"]!.status == .kept && pcns["P1"]!.splitInto == ["P1", "P2"] && !pcns["P1"]!.isMerged)
    #expect(pcns["P1"]!.practicesLost == ["B"] && pcns["P1"]!.practicesGained.isEmpty)
    #expect(pcns["P2"]!.status == .new && pcns["P2"]!.mergedFrom == ["P1", "P3"])
    #expect(pcns["P3"]!.status == .dissolved && !pcns["P3"]!.isSplit)  // C went whole to P2
    #expect(pcns["P4"]!.status == .kept && pcns["P4"]!.practicesGained == ["E"] && !pcns["P4"]!.isSplit)
    #expect(churn.pcnsBefore == 3 && churn.pcnsAfter == 3)
  }

  @Test func staffordshireMaps() throws {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<2 { url.deleteLastPathComponent() }
    let folder = url.appendingPathComponent("Fixtures/catchments").path
    let old = try PracticeMap.read(folder + "/practice_map_2022-01_ssot.csv")
    let new = try PracticeMap.read(folder + "/practice_map_2025-10_ssot.csv")
    let registrations = try Registrations.read(folder + "/registrations_ssot_excerpt.csv")
    let churn = PracticeChurn(old: old, new: new, registrations: registrations)
    #expect(
      churn.practices.filter { $0.status == .left }.map(\.code) == ["M83082", "M83623", "M83706", "Y02414"])
    #expect(churn.count(.joined) == 0 && churn.count(.stayed) == 140)
    let moved = churn.practices.filter { $0.status == .moved }
    #expect(moved.map(\.code) == ["M83627"] && moved[0].oldPCN == "U06256" && moved[0].newPCN == "U93998")
    #expect(churn.pcnsBefore == 25 && churn.pcnsAfter == 25)
    #expect(churn.pcns.filter(\.isSplit).map(\.code) == ["U06256"])
    #expect(churn.pcns.filter(\.isMerged).map(\.code) == ["U93998"])
    // 36 practices are in the excerpt; the other 109 of the maps are unknown to it.
    #expect(churn.unknownPractices.count == 109)
    #expect(churn.registeredNotInMaps.isEmpty)
  }
}
