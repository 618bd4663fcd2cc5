import Foundation
import GEOS
import GeoCore
import Layers
import TestSupport
import Testing

@testable import Analysis

/// A point layer whose features carry `code` (or no property when `code` is nil).
func codedPoints(_ points: [(code: String?, x: Double, y: Double)], name: String) -> Layer {
  let features = points.enumerated().map { i, p in
    LayerFeature(
      index: i, id: p.code ?? "#\(i)", name: nil, properties: p.code.map { ["code": .string($0)] } ?? [:],
      geometry: .point(x: p.x, y: p.y))
  }
  var record = LoadRecord()
  record.inputFeatures = features.count
  let fields =
    points.contains { $0.code != nil }
    ? IdentifierFields(id: .property("code"), name: nil, how: "test")
    : IdentifierFields(id: .position, name: nil, how: "test")
  return Layer(
    name: name, source: "\(name).geojson", features: features, fields: fields, crs: "EPSG:27700",
    record: record)
}

func vintage(_ label: String, _ points: [(code: String?, x: Double, y: Double)], category: String = "gp")
  throws
  -> AssetVintage
{
  var vintage = AssetVintage(label: label)
  try vintage.add(codedPoints(points, name: "\(label)_file"), category: category)
  return vintage
}

@Suite struct ChangeTests {
  /// The 32-gon a point is buffered into (8 segments per quarter): n/2·r²·sin(2π/n).
  static func polygon(_ r: Double) -> Double { 16 * r * r * sin(2 * Double.pi / 32) }

  /// One 4 × 2 km unit with 8,000 people spread evenly (1 per 1,000 m²); a practice moves 2 km
  /// along it, its 500 m reach never overlapping the old one: the old circle is lost, the new one
  /// gained, 780.36 people each way.
  @Test func movedPracticeLosesOneCircleAndGainsAnother() throws {
    let unit = square(0, 0, 4000, 2000)
    let people = try PopulationLayer(
      squaresLayer([(0, 0, 4000, 8000)]).replacingGeometry(unit), field: "count")
    var options = ChangeOptions(coverage: CoverageOptions(radii: try ReachRadii(parsing: "500")))
    options.coverage.threads = 1
    let result = try ChangeAnalysis.run(
      units: [unit], before: try vintage("2022", [("A", 1000, 1000)]),
      after: try vintage("2025", [("A", 3000, 1000)]),
      population: people, options: options)
    let row = try #require(result.rows.first)
    let circle = Self.polygon(500)
    #expect(abs(circle - 780_361.288) < 0.001)
    #expect(abs(row.lostArea - circle) < 1e-6 && abs(row.gainedArea - circle) < 1e-6)
    #expect(abs(try #require(row.populationLost) - circle / 1000) < 1e-9)
    #expect(abs(try #require(row.populationGained) - circle / 1000) < 1e-9)
    #expect(abs(try #require(row.populationCoveredBefore) - circle / 1000) < 1e-9)
    #expect(row.nearestBefore != nil && row.nearestAfter != nil)
    #expect(result.matching == .identifier(field: "code"))
    #expect(result.assets.map(\.status) == [.moved])
    #expect(result.assets[0].distance == 2000)
  }

  /// A closed practice alone in the unit, one merged into a practice at the same spot that stays:
  /// the closed one's sole reach is its whole circle; the merged one shares its spot, so none.
  @Test func closedAndMergedAtASite() throws {
    let unit = square(0, 0, 4000, 2000)
    let before = try vintage("2022", [("A", 1000, 1000), ("B", 3000, 1000), ("C", 3000, 1000)])
    let after = try vintage("2025", [("C", 3000, 1000)])
    let result = try ChangeAnalysis.run(
      units: [unit], before: before, after: after, population: nil,
      options: ChangeOptions(coverage: CoverageOptions(radii: try ReachRadii(parsing: "500"))))
    #expect(result.assets.map(\.status) == [.closed, .mergedAtSite, .stayed])
    #expect(result.assets[1].distance == 0 && result.assets[1].sharesSpotWith == 1)
    #expect(abs(try #require(result.assets[0].soleReachArea) - Self.polygon(500)) < 1e-6)
    #expect(result.assets[1].soleReachArea == 0)
    #expect(abs(result.rows[0].lostArea - Self.polygon(500)) < 1e-6 && result.rows[0].gainedArea == 0)
    #expect(result.lost.count == 1 && result.gained.isEmpty)
  }

  /// Without ids, an after asset within the moved distance is the same asset (closest first, one
  /// to one); 150 m away it is a closure and an opening; the 100 m limit is inclusive.
  @Test func locationMatching() throws {
    let before = try vintage(
      "2022", [(nil, 1000, 1000), (nil, 1050, 1000), (nil, 3000, 1000), (nil, 5000, 0)])
    let after = try vintage("2025", [(nil, 1040, 1000), (nil, 3000, 1150), (nil, 5100, 0)])
    let result = try ChangeAnalysis.run(
      units: [square(0, 0, 6000, 2000)], before: before, after: after, population: nil,
      options: ChangeOptions(coverage: CoverageOptions(radii: try ReachRadii(parsing: "500"))))
    guard case .location = result.matching else {
      Issue.record("expected location matching")
      return
    }
    // (1050 → 1040) is 10 m, closer than (1000 → 1040): the 1000 one is left, with an after
    // asset 40 m away, so merged at a site.
    #expect(result.assets.map(\.status) == [.mergedAtSite, .stayed, .closed, .stayed, .opened])
    #expect(result.assets[0].distance == 40 && result.assets[1].distance == 10)
    #expect(result.assets[3].distance == 100)
  }

  /// An id that repeats is listed, and assets are matched by location instead.
  @Test func repeatedIDFallsBackToLocation() throws {
    let before = try vintage("2022", [("A", 0, 0), ("A", 5000, 0)])
    let after = try vintage("2025", [("A", 0, 0), ("B", 5000, 0)])
    let method = ChangeAnalysis.identifier(before: before, after: after, field: nil)
    #expect(method == .location(reasons: ["code is not unique in the 2022 gp assets: \"A\" is held by 2"]))
    let result = try ChangeAnalysis.run(
      units: [square(-1000, -1000, 7000, 2000)], before: before, after: after, population: nil,
      options: ChangeOptions(coverage: CoverageOptions(radii: try ReachRadii(parsing: "500"))))
    #expect(result.assets.map(\.status) == [.stayed, .stayed])
    #expect(result.rows[0].lostArea == 0 && result.rows[0].gainedArea == 0)
  }

  @Test func categoryAtOneDateOnly() throws {
    var after = try vintage("2025", [("A", 0, 0)])
    try after.add(codedPoints([("P", 10, 10)], name: "pharmacies"), category: "pharmacy")
    #expect(throws: ChangeError.categoryInOneVintage(category: "pharmacy", vintage: "2025", other: "2022")) {
      try ChangeAnalysis.run(
        units: [square(-1000, -1000, 2000)], before: try vintage("2022", [("A", 0, 0)]), after: after,
        population: nil,
        options: ChangeOptions(coverage: CoverageOptions(radii: try ReachRadii(parsing: "500"))))
    }
  }
}

extension Layer {
  /// The layer with its first feature's geometry replaced (a population polygon matching a unit).
  func replacingGeometry(_ geometry: FlatGeometry) -> Layer {
    var layer = self
    layer.features[0].geometry = geometry
    return layer
  }
}
