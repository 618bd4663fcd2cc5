import Foundation
import GeoCore
import Layers
import TestSupport
import Testing

@testable import Analysis

func pointLayer(_ points: [(Double, Double)], name: String) -> Layer {
  let features = points.enumerated().map { i, p in
    LayerFeature(index: i, id: "\(name)\(i)", name: nil, properties: [:], geometry: .point(x: p.0, y: p.1))
  }
  var record = LoadRecord()
  record.inputFeatures = features.count
  return Layer(
    name: name, source: "\(name).geojson", features: features,
    fields: IdentifierFields(id: .position, name: nil, how: "test"), crs: "EPSG:27700", record: record)
}

@Suite struct CoverageTests {
  /// A 1 km square unit with one asset at its centre reaching 100 m: the covered area is the
  /// 32-gon GEOS buffers a point into (8 segments per quarter), n/2·r²·sin(2π/n).
  @Test func circleInsideSquare() throws {
    var assets = AssetSet(assets: [])
    try assets.add(pointLayer([(500, 500)], name: "gp"), category: "gp", categoryField: nil)
    let result = try CoverageAnalysis.run(
      units: [square(0, 0, 1000)], assets: assets, population: nil,
      options: CoverageOptions(radii: try ReachRadii(parsing: "100")))
    let polygon = 16.0 * 100 * 100 * sin(2 * Double.pi / 32)
    let row = result.rows[0]
    #expect(abs(row.gapArea - (1_000_000 - polygon)) < 1e-6)
    #expect(abs(row.coveredShare - polygon / 1_000_000) < 1e-12)
    #expect(row.assetsInside == 1 && row.assetsReaching == 1)
    #expect(row.largestGapArea == row.gapArea)
    #expect(row.nearest == 0)  // the point on the surface of a square is its centre line; the asset is there
    // The corners are the farthest points: √(500² + 500²) from the centre.
    #expect(abs(row.farthest! - (500.0 * 500 * 2).squareRoot()) < 1e-9)
    #expect(result.gaps.count == 1 && abs(result.gaps[0].area - row.gapArea) < 1e-6)
  }

  /// A second layer's run takes the first run's reach only where it was built from the same
  /// thing: with the same radius the rows are those of a run that built its own union; with
  /// another radius the union is built again (a 100 m circle would leave a gap where 600 m
  /// covers the whole square).
  @Test func reachUnionsReusedOnlyForTheSameReach() throws {
    var assets = AssetSet(assets: [])
    try assets.add(pointLayer([(500, 500), (1500, 500)], name: "gp"), category: "gp", categoryField: nil)
    let first = try CoverageAnalysis.run(
      units: [square(0, 0, 1000)], assets: assets, population: nil,
      options: CoverageOptions(radii: try ReachRadii(parsing: "100")))
    let second = [square(1000, 0, 1000), square(0, 1000, 1000)]
    let fresh = try CoverageAnalysis.run(
      units: second, assets: assets, population: nil,
      options: CoverageOptions(radii: try ReachRadii(parsing: "100")))
    let reused = try CoverageAnalysis.run(
      units: second, assets: assets, population: nil,
      options: CoverageOptions(radii: try ReachRadii(parsing: "100")),
      knownReaches: first.reachUnions)
    #expect(reused.rows == fresh.rows && reused.gaps == fresh.gaps)
    #expect(abs(reused.rows[0].gapArea - (1_000_000 - 16.0 * 100 * 100 * sin(2 * Double.pi / 32))) < 1e-6)
    let wider = try CoverageAnalysis.run(
      units: second, assets: assets, population: nil,
      options: CoverageOptions(radii: try ReachRadii(parsing: "800")),
      knownReaches: first.reachUnions)
    #expect(wider.rows[0].gapArea == 0)
  }

  /// An asset outside the unit still reaches into it; another one is too far to count.
  @Test func reachFromOutsideAndAssetsOutsideEveryUnit() throws {
    var assets = AssetSet(assets: [])
    try assets.add(
      pointLayer([(1050, 500), (5000, 5000)], name: "pharmacy"), category: nil, categoryField: nil)
    let result = try CoverageAnalysis.run(
      units: [square(0, 0, 1000)], assets: assets, population: nil,
      options: CoverageOptions(radii: try ReachRadii(parsing: "pharmacy=100")))
    let row = result.rows[0]
    #expect(row.assetsInside == 0)
    #expect(row.assetsReaching == 1)
    #expect(row.coveredShare > 0)
    #expect(result.assetsOutside == [0, 1])
    #expect(result.categories == ["pharmacy"])
  }

  @Test func populationCoveredPlusUncoveredIsTotal() throws {
    let people = try PopulationLayer(
      squaresLayer([(0, 0, 500, 100), (500, 0, 500, 200), (0, 500, 500, 300), (500, 500, 500, 400)]),
      field: "count")
    var assets = AssetSet(assets: [])
    try assets.add(pointLayer([(250, 250)], name: "library"), category: "library", categoryField: nil)
    let result = try CoverageAnalysis.run(
      units: [square(0, 0, 1000)], assets: assets, population: people,
      options: CoverageOptions(radii: try ReachRadii(parsing: "200")))
    let row = result.rows[0]
    #expect(row.population == 1000)
    #expect(abs(row.populationCovered! + row.populationUncovered! - 1000) < 1e-9)
    // The whole 200 m circle lies in the first cell (100 people over 250,000 m²).
    let circle = 16.0 * 200 * 200 * sin(2 * Double.pi / 32)
    #expect(abs(row.populationCovered! - 100 * circle / 250_000) < 1e-9)
    #expect(row.assetsPerThousand == 1)
  }

  @Test func radiusParsing() throws {
    let radii = try ReachRadii(parsing: "gp=1000,pharmacy=800, 500")
    #expect(try radii.radius(for: "gp") == 1000)
    #expect(try radii.radius(for: "library") == 500)
    #expect(throws: ReachError.notPositive("0")) { try ReachRadii(parsing: "0") }
    #expect(throws: ReachError.notPositive("-5")) { try ReachRadii(parsing: "gp=-5") }
    #expect(throws: ReachError.notANumber("far")) { try ReachRadii(parsing: "gp=far") }
    #expect(throws: ReachError.missingCategory("gp=1000, =800")) { try ReachRadii(parsing: "gp=1000, =800") }
    let onlyNamed = try ReachRadii(parsing: "gp=1000")
    #expect(throws: ReachError.noRadius(category: "library", given: ["gp"])) {
      try onlyNamed.radius(for: "library")
    }
    #expect(
      ReachError.noRadius(category: "library", given: ["gp"]).description
        == "no reach radius for category \"library\" (radii given for: gp)")
  }

  /// Trafford localities by pharmacies within 800 m: gap areas agree with shapely 2.2 / GEOS
  /// 3.14 (buffer quad_segs=8, union_all, difference), computed while writing this test.
  @Test func traffordLocalitiesAgreeWithShapely() throws {
    let localities = try LayerLoader.load(SharedData.repo("data/trafford/localities23_full.geojson"))
    let pharmacies = try LayerLoader.load(SharedData.repo("data/trafford/trafford_pharmacies.geojson"))
    var assets = AssetSet(assets: [])
    try assets.add(pharmacies, category: "pharmacy", categoryField: nil)
    let result = try CoverageAnalysis.run(
      units: localities.geometries, assets: assets, population: nil,
      options: CoverageOptions(radii: try ReachRadii(parsing: "800")))
    let expected: [String: Double] = [
      "Central": 3_951_975.49, "North": 5_373_202.76, "South": 26_456_551.02, "West": 14_089_626.24,
    ]
    for row in result.rows {
      let id = localities.features[row.unit].id
      #expect(abs(row.gapArea - expected[id]!) / expected[id]! < 1e-6, "\(id)")
      #expect(row.coveredShare >= 0 && row.coveredShare <= 1)
      let gapSum = result.gaps.filter { $0.unit == row.unit }.reduce(0) { $0 + $1.geometry.polygonalArea }
      #expect(abs(gapSum - row.gapArea) <= 1e-6 * max(1, row.gapArea))
    }
  }
}

/// Cutting a big cluster of assets into west-to-east groups, unioning them apart and merging the
/// groups gives the same reach as one union of the whole cluster.
@Suite struct ReachUnionGroupTests {
  @Test func groupedUnionEqualsWholeUnion() throws {
    // 400 assets on a jittered 20 × 20 grid 500 m apart with 400 m reach: one connected cluster.
    var assets: [FlatGeometry] = []
    for i in 0..<20 {
      for j in 0..<20 {
        let k = Double(i * 20 + j)
        let x = Double(i) * 500 + 150 * sin(k * 12.9898), y = Double(j) * 500 + 150 * cos(k * 78.233)
        assets.append(.point(x: 400_000 + x, y: 300_000 + y))
      }
    }
    let whole = try ReachUnion.build(assets, radius: 400, quadrantSegments: 8, threads: 1, groupSize: 1_000)
    let grouped = try ReachUnion.build(assets, radius: 400, quadrantSegments: 8, threads: 2, groupSize: 37)
    #expect(whole.parts.count == grouped.parts.count)
    let area = whole.partAreas.reduce(0, +), groupedArea = grouped.partAreas.reduce(0, +)
    #expect(abs(area - groupedArea) <= 1e-6 * area)
    // Sanity: less than 400 full circles (they overlap) and more than the grid's hull minus margins.
    #expect(area < 400 * Double.pi * 400 * 400)
    #expect(area > 9_000 * 9_000)
    // The cut depends on the group size only: one thread draws exactly the same parts.
    let groupedOnOneThread = try ReachUnion.build(
      assets, radius: 400, quadrantSegments: 8, threads: 1, groupSize: 37)
    #expect(groupedOnOneThread.parts == grouped.parts)
    #expect(groupedOnOneThread.parts != whole.parts, "the merged union places some vertices differently")
  }
}
