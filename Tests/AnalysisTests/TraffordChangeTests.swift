import Foundation
import GEOS
import GeoCore
import Layers
import TestSupport
import Testing

@testable import Analysis

/// Issue 19's properties on real data: Trafford's 21 wards and 738 output areas of people, its 26
/// GP practices in May 2026 as the "before" date and an "after" date with three closed, one moved
/// 600 m east and one opened 1.5 km east of the first.
@Suite struct TraffordChangeTests {
  struct Fixture {
    var wards: Layer
    var people: PopulationLayer
    var before: AssetVintage
    var after: AssetVintage
    var options: ChangeOptions
  }

  static func fixture() throws -> Fixture {
    let wards = try LayerLoader.load(SharedData.repo("data/trafford/wards23_full.geojson"))
    var load = LoadOptions()
    load.workingCRS = wards.crs
    let practices = try LayerLoader.load(
      SharedData.repo("data/trafford/gp_practices_2026-05_pcn.geojson"), options: load)
    var later = practices
    var opened = later.features[0]
    opened.geometry = .point(x: opened.geometry.x(0) + 1500, y: opened.geometry.y(0))
    opened.properties["practice_code"] = .string("NEW001")
    opened.id = "NEW001"
    later.features[5].geometry = .point(
      x: later.features[5].geometry.x(0) + 600, y: later.features[5].geometry.y(0))
    later.features =
      later.features.enumerated().filter { ![3, 7, 12].contains($0.offset) }.map(\.element) + [opened]
    var before = AssetVintage(label: "2026-05")
    try before.add(practices, category: "gp")
    var after = AssetVintage(label: "later")
    try after.add(later, category: "gp")
    let people = try PopulationLayer(
      try LayerLoader.load(SharedData.repo("data/trafford/oa21_pop_mid2024.geojson"), options: load),
      field: "pop_mid2024")
    return Fixture(
      wards: wards, people: people, before: before, after: after,
      options: ChangeOptions(coverage: CoverageOptions(radii: try ReachRadii(parsing: "gp=1000"))))
  }

  /// Covered before and after are coverage's on each date alone; after − before = gained − lost
  /// per ward (1e-9 relative); lost and gained never share ground; the statuses are the edits.
  @Test func coverageIdentityAndDisjointness() throws {
    let f = try Self.fixture()
    let result = try ChangeAnalysis.run(
      units: f.wards.geometries, before: f.before, after: f.after, population: f.people, options: f.options)
    #expect(result.matching == .identifier(field: "practice_code"))
    let counts = Dictionary(grouping: result.assets, by: \.status).mapValues(\.count)
    #expect(counts[.closed, default: 0] + counts[.mergedAtSite, default: 0] == 3)
    #expect(counts[.opened] == 1 && counts[.moved] == 1 && counts[.stayed] == 22)
    #expect(abs(try #require(result.assets.first { $0.status == .moved }?.distance) - 600) < 1e-6)
    for (assets, rows) in [
      (f.before.assets, result.rows.map(\.populationCoveredBefore)),
      (f.after.assets, result.rows.map(\.populationCoveredAfter)),
    ] {
      let alone = try CoverageAnalysis.run(
        units: f.wards.geometries, assets: assets, population: f.people, options: f.options.coverage)
      #expect(alone.rows.map(\.populationCovered) == rows)
    }
    var totalLost = 0.0
    for row in result.rows {
      let area = f.wards.geometries[row.unit].polygonalArea
      let people = try #require(row.population)
      #expect(
        abs((row.coveredAreaAfter - row.coveredAreaBefore) - (row.gainedArea - row.lostArea)) <= 1e-9 * area)
      let covered = try #require(row.populationCoveredAfter) - (try #require(row.populationCoveredBefore))
      #expect(abs(covered - (try #require(row.populationNetChange))) <= 1e-9 * people)
      totalLost += row.populationLost ?? 0
    }
    #expect(totalLost > 1000)
    let context = GeometryContext()
    for lost in result.lost {
      for gained in result.gained where gained.unit == lost.unit {
        let shared = try Geometry(lost.geometry, context: context).intersection(
          try Geometry(gained.geometry, context: context)
        ).polygonalPart().area()
        #expect(shared < 1e-6, "ward \(lost.unit)")
      }
    }
  }

  /// The same file at both dates changes nothing; swapping the dates swaps lost and gained
  /// exactly.
  @Test func noChangeAndSwap() throws {
    let f = try Self.fixture()
    let same = try ChangeAnalysis.run(
      units: f.wards.geometries, before: f.before, after: f.before, population: f.people, options: f.options)
    #expect(same.lost.isEmpty && same.gained.isEmpty)
    #expect(same.assets.allSatisfy { $0.status == .stayed && $0.distance == 0 })
    #expect(same.rows.allSatisfy { $0.lostArea == 0 && $0.gainedArea == 0 && $0.populationNetChange == 0 })
    let forward = try ChangeAnalysis.run(
      units: f.wards.geometries, before: f.before, after: f.after, population: f.people, options: f.options)
    let backward = try ChangeAnalysis.run(
      units: f.wards.geometries, before: f.after, after: f.before, population: f.people, options: f.options)
    #expect(forward.lost == backward.gained && forward.gained == backward.lost)
    #expect(forward.rows.map(\.lostArea) == backward.rows.map(\.gainedArea))
    #expect(forward.rows.map(\.populationLost) == backward.rows.map(\.populationGained))
    #expect(forward.rows.map(\.populationCoveredBefore) == backward.rows.map(\.populationCoveredAfter))
    let opened = backward.assets.filter { $0.status == .opened }.map(\.id).sorted()
    let closed = forward.assets.filter(\.status.isGone).map(\.id).sorted()
    #expect(opened == closed)
  }
}
