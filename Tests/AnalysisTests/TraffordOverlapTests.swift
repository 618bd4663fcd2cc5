import Analysis
import Foundation
import Layers
import TestSupport
import Testing

/// Issue 3 on Trafford through the library (OverlapRun.analyse), so that hausdorff_m can be compared
/// at full precision (the CSV keeps 2 decimals).
///
/// Expected figures: Python in /work/venv — geopandas 1.2 read, pyproj 3.7.2 / PROJ 9.5.1 with the
/// operation nbhd picks ("Inverse of OSGB36 to WGS 84 (6) + British National Grid"), shapely 2.2
/// intersection for the pieces, DESIGN.md §4 classification (τ 0.95, slivers < 100 m² or
/// inscribed radius < 10 m), and shapely.hausdorff_distance(a, best) (GEOS discrete Hausdorff, the
/// same definition nbhd uses).
@Suite(.serialized) struct TraffordOverlapTests {
  /// ../shared/data/<relative>, or nil (printing a SKIPPED line). AnalysisTests cannot import the
  /// LayersTests helper, so this is a one-line equivalent of SharedData.available.
  static func shared(_ relative: String) -> String? {
    let path = SharedData.repo("../shared/data/" + relative)
    if FileManager.default.fileExists(atPath: path) { return path }
    print("SKIPPED: ../shared/data/\(relative) is not present (shared-data test)")
    return nil
  }

  static func analyse(_ a: String, _ b: String) throws -> OverlapRun {
    let layerA = try LayerLoader.load(a)
    var options = LoadOptions()
    options.workingCRS = layerA.crs
    let layerB = try LayerLoader.load(b, options: options)
    return try OverlapRun.analyse(layerA, layerB, checkTopology: false)
  }

  static func classCounts(_ summaries: [FeatureSummary]) -> [String: Int] {
    Dictionary(summaries.map { ("\($0.mismatchClass)", 1) }, uniquingKeysWith: +)
  }

  /// shapely hausdorff_distance(ward 2022, best ward 2023) for the pairs nbhd must pick as best.
  static let wardHausdorff: [(old: String, new: String, metres: Double)] = [
    ("E05000829", "E05015247", 1542.317075357872),  // Gorse Hill → Gorse Hill & Cornbrook (largest)
    ("E05000826", "E05015251", 1506.684903302101),  // Davyhulme East → Lostock & Barton
    ("E05000839", "E05015257", 1348.2262664794207),  // Village → Timperley Central
    ("E05000827", "E05015245", 1313.1313567468749),  // Davyhulme West → Davyhulme
    ("E05000819", "E05015239", 1043.8931639498605),  // Altrincham
    ("E05000823", "E05015243", 7.733407209313852),  // Brooklands: barely moved
    ("E05000820", "E05015240", 0.03580415241747705),  // Ashton upon Mersey: identical up to digitising
  ]

  @Test(.enabled(if: shared("trafford/wards22_full_pre_review.geojson") != nil))
  func wardBoundaryReview2023() throws {
    let run = try Self.analyse(
      Self.shared("trafford/wards22_full_pre_review.geojson")!,
      SharedData.repo("data/trafford/wards23_full.geojson")
    )
    #expect(run.overlay.pieces.count == 89)  // shapely: 89 pieces with positive area
    // shapely classification: old wards 14 split, 5 coterminous, 2 within; new 13/5/3.
    #expect(Self.classCounts(run.summariesA) == ["split": 14, "coterminous": 5, "within": 2])
    #expect(Self.classCounts(run.summariesB) == ["split": 13, "coterminous": 5, "within": 3])
    let byID = Dictionary(uniqueKeysWithValues: run.summariesA.map { (run.a.features[$0.feature].id, $0) })
    for (old, new, metres) in Self.wardHausdorff {
      let summary = try #require(byID[old])
      #expect(summary.best.map { run.b.features[$0].id } == new, "\(old)")
      let h = try #require(summary.hausdorff)
      #expect(abs(h - metres) <= 1e-6 * metres, "\(old): nbhd \(h) m, shapely \(metres) m")
    }
    // The largest boundary change of the review is Gorse Hill (1,542 m).
    let worst = run.summariesA.max { ($0.hausdorff ?? 0) < ($1.hausdorff ?? 0) }
    #expect(worst.map { run.a.features[$0.feature].id } == "E05000829")
  }

  /// shapely: the 4 localities are each an aggregate of whole wards, every ward lies within one.
  static let localityHausdorff: [(id: String, best: String, metres: Double)] = [
    ("Central", "E05015254", 2504.0244612821148), ("North", "E05015247", 2330.7894971238857),
    ("South", "E05015241", 4130.024066361659), ("West", "E05015244", 3340.4756989428106),
  ]

  @Test func localitiesByWards() throws {
    let run = try Self.analyse(
      SharedData.repo("data/trafford/localities23_full.geojson"),
      SharedData.repo("data/trafford/wards23_full.geojson"))
    #expect(run.overlay.pieces.count == 21)
    #expect(Self.classCounts(run.summariesA) == ["aggregate": 4])
    #expect(Self.classCounts(run.summariesB) == ["within": 21])
    let byID = Dictionary(uniqueKeysWithValues: run.summariesA.map { (run.a.features[$0.feature].id, $0) })
    for (id, best, metres) in Self.localityHausdorff {
      let summary = try #require(byID[id])
      #expect(summary.best.map { run.b.features[$0].id } == best, "\(id)")
      let h = try #require(summary.hausdorff)
      #expect(abs(h - metres) <= 1e-6 * metres, "\(id): nbhd \(h) m, shapely \(metres) m")
    }
    // Ward side, e.g. Altrincham (E05015239) in South: shapely 7592.055569315726 m.
    let altrincham = try #require(run.summariesB.first { run.b.features[$0.feature].id == "E05015239" })
    #expect(abs(altrincham.hausdorff! - 7592.055569315726) <= 1e-6 * 7592.06)
  }
}
