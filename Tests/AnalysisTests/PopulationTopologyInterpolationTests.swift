import Analysis
import GeoCore
import Layers
import TestSupport
import Testing

/// A layer of squares with a count each (for population and interpolation tests).
func squaresLayer(_ squares: [(x: Double, y: Double, side: Double, count: Double)], name: String = "people")
  -> Layer
{
  let features = squares.enumerated().map { i, s in
    LayerFeature(
      index: i, id: "p\(i)", name: nil, properties: ["count": .number(s.count)],
      geometry: square(s.x, s.y, s.side))
  }
  var record = LoadRecord()
  record.inputFeatures = features.count
  return Layer(
    name: name, source: "\(name).geojson", features: features,
    fields: IdentifierFields(id: .featureID, name: nil, how: "test"), crs: "EPSG:27700", record: record)
}

@Suite struct PopulationTests {
  /// A layer estimating its own people proves each neighbour pair apart once: the same totals as
  /// the general path. A 3 × 3 grid of 100 m cells (10, 20, … 90 people) and one more cell
  /// overlapping the centre by a quarter, which must not be taken as apart from it.
  @Test func aLayerOfItsOwnPeople() throws {
    var cells: [(x: Double, y: Double, side: Double, count: Double)] = []
    for k in 0..<9 {
      let x = Double(k % 3) * 100, y = Double(k / 3) * 100
      cells.append((x, y, 100, Double(k + 1) * 10))
    }
    cells.append((150, 150, 100, 40))
    let people = try PopulationLayer(squaresLayer(cells), field: "count")
    let own = try people.estimate(in: people.geometries, threads: 2)
    // The same areas plus one far away: not the population's own polygons, so the general path.
    let general = try people.estimate(in: people.geometries + [square(5_000, 5_000, 10)], threads: 1)
    #expect(own.totals == Array(general.totals.prefix(cells.count)))
    #expect(own.sources == Array(general.sources.prefix(cells.count)))
    // The centre cell (50 people) gets a quarter of the extra cell's 40; the extra cell holds all
    // 40 of its own and a quarter of each of the four cells it overlaps.
    #expect(own.totals[4] == 60)
    let quarters: Double = (50 + 60 + 80 + 90) / 4
    #expect(own.totals[9] == 40 + quarters)
  }

  /// Four 100 m cells of 100 people each; a 150 m square from the origin holds one whole cell,
  /// half of two and a quarter of the fourth: 100 + 50 + 50 + 25 = 225 people.
  @Test func areaWeightedCounts() throws {
    let people = try PopulationLayer(
      squaresLayer([(0, 0, 100, 100), (100, 0, 100, 100), (0, 100, 100, 100), (100, 100, 100, 100)]),
      field: "count")
    let estimate = try people.estimate(in: [square(0, 0, 150), square(500, 500, 10)], threads: 2)
    #expect(abs(estimate.totals[0] - 225) < 1e-9)
    #expect(estimate.totals[1] == 0)
    #expect(estimate.centroids[1] == nil)
    // Weighted centre: (100·50 + 50·125 + 50·50 + 25·125) / 225 in x, the same in y.
    let weighted: Double = 100 * 50.0 + 50 * 125.0 + 50 * 50.0 + 25 * 125.0
    let expected = weighted / 225
    #expect(abs(estimate.centroids[0]!.x - expected) < 1e-9)
    #expect(abs(estimate.centroids[0]!.y - expected) < 1e-9)
  }

  @Test func nonNumericCountIsAnErrorNamingTheFeature() {
    var layer = squaresLayer([(0, 0, 10, 1)])
    layer.features[0].properties["count"] = .string("lots")
    #expect {
      try PopulationLayer(layer, field: "count")
    } throws: { error in
      "\(error)"
        == #"people.geojson: feature 0 (id "p0"): population field "count" is "lots", not a count (a number ≥ 0)"#
    }
  }
}

@Suite struct TopologyTests {
  /// Two squares overlapping by 10 × 100, and a 5 m gap (5 × 100 = 500 m²) closed off by a third.
  static let overlappingLayer = [
    square(0, 0, 100),
    square(90, 0, 100),  // overlaps the first by 10 × 100
    FlatGeometry.polygon([[(0, 105), (190, 105), (190, 200), (0, 200), (0, 105)]]),  // leaves y 100..105
    FlatGeometry.polygon([[(-10, 0), (0, 0), (0, 200), (-10, 200), (-10, 0)]]),
    FlatGeometry.polygon([[(190, 0), (200, 0), (200, 200), (190, 200), (190, 0)]]),
  ]

  @Test func overlapsAndGaps() throws {
    let layer = Self.overlappingLayer
    let report = try TopologyCheck.run(layer, maxGapArea: 10_000, threads: 2)
    #expect(report.overlaps.count == 1)
    #expect(report.overlaps[0].first == 0 && report.overlaps[0].second == 1)
    #expect(report.overlaps[0].area == 1000)
    #expect(report.gaps.count == 1)
    #expect(report.gaps[0].area == 190 * 5)
    #expect(report.gaps[0].neighbours == [0, 1, 2, 3, 4])
    let small = try TopologyCheck.run(layer, maxGapArea: 900, threads: 1)
    #expect(small.gaps.isEmpty)
  }

  /// The check in two halves, as an overlap run makes it: the overlaps at once, the gaps sought
  /// on another thread until asked for; the same report as the whole check on one thread.
  @Test func overlapsAtOnceGapsWhenAsked() throws {
    for threads in [1, 2] {
      let started = try TopologyCheck.start(Self.overlappingLayer, maxGapArea: 10_000, threads: threads)
      #expect(started.overlaps.map { [$0.first, $0.second] } == [[0, 1]])
      #expect(started.overlaps.map(\.area) == [1000])
      let report = try started.report()
      #expect(report.overlaps == started.overlaps)
      #expect(report.gaps.map(\.area) == [950])
      #expect(report.gaps.map(\.neighbours) == [[0, 1, 2, 3, 4]])
      let whole = try TopologyCheck.run(Self.overlappingLayer, maxGapArea: 10_000, threads: 1)
      #expect(report.gaps == whole.gaps)
      // Asked again, the same gaps (the search ran once).
      #expect(try started.report().gaps == report.gaps)
    }
  }

  /// Overlaps between features whose every edge is shared with a neighbour are found too: the
  /// search starts from the features with a free edge and follows the overlaps it finds. Two
  /// partitions of one 300 m square stacked: each a frame around a 100 m square that fills its
  /// hole exactly, the holes 50 m apart. The frames' outer edges are drawn twice the same way
  /// (free); the inner squares' edges are all shared, yet the squares overlap by 50 × 50.
  @Test func overlapsOfFeaturesWithOnlySharedEdges() throws {
    func frame(hole x: Double) -> FlatGeometry {
      .polygon([
        [(0, 0), (300, 0), (300, 300), (0, 300), (0, 0)],
        [(x, x), (x, x + 100), (x + 100, x + 100), (x + 100, x), (x, x)],
      ])
    }
    let layer = [frame(hole: 100), square(100, 100, 100), frame(hole: 50), square(50, 50, 100)]
    let report = try TopologyCheck.run(layer, maxGapArea: 1e6, threads: 2)
    #expect(report.overlaps.map { [$0.first, $0.second] } == [[0, 2], [0, 3], [1, 2], [1, 3]])
    // Frames: 90,000 less the union of the holes (20,000 − 2,500); a square in the other's
    // frame: 10,000 − 2,500; the two squares: 2,500.
    #expect(report.overlaps.map(\.area) == [72_500, 7_500, 7_500, 2_500])
    // The frames' union leaves the holes' common 50 × 50 corner open, bordered by no shared
    // edge (the squares' edges cross there); the squares cover it, so it is no gap.
    #expect(report.gaps.isEmpty)
  }

  /// Gaps are found in the union of the features with a free edge; a hole there that features
  /// with only shared edges fill is no gap. A 3 × 3 grid of 100 m squares: with the centre, the
  /// eight outer squares ring a filled hole; without it, the hole is a 10,000 m² gap.
  @Test func holesFilledByInnerFeaturesAreNotGaps() throws {
    let grid = (0..<9).map { square(Double($0 % 3) * 100, Double($0 / 3) * 100, 100) }
    #expect(try TopologyCheck.run(grid, maxGapArea: 1e6, threads: 2).gaps.isEmpty)
    let holed = try TopologyCheck.run(
      grid.indices.filter { $0 != 4 }.map { grid[$0] }, maxGapArea: 1e6, threads: 2)
    #expect(holed.gaps.count == 1)
    #expect(holed.gaps.first?.area == 10_000)
    #expect(holed.gaps.first?.geometry.boundingBox == BoundingBox(minX: 100, minY: 100, maxX: 200, maxY: 200))
    // The centre split into two with an extra vertex on one side (a T-junction the union nodes).
    let halves = [
      FlatGeometry.polygon([[(100, 100), (150, 100), (150, 200), (100, 200), (100, 150), (100, 100)]]),
      square(150, 100, 50, 100),
    ]
    let withHalves = try TopologyCheck.run(
      grid.indices.filter { $0 != 4 }.map { grid[$0] } + halves, maxGapArea: 1e6, threads: 2)
    #expect(withHalves.gaps.isEmpty)
    #expect(withHalves.overlaps.isEmpty)
  }

  /// A layer that is not a coverage takes the general union, built in groups: the gaps must not
  /// depend on the thread count. Trafford's 738 output areas with every 40th left out (holes in
  /// the union) and the first repeated (an overlap, so no coverage union).
  @Test func gapsDoNotDependOnThreads() throws {
    let areas = try LayerLoader.load(SharedData.repo("data/trafford/oa21_pop_mid2024.geojson")).features.map(
      \.geometry)
    let layer = areas.indices.filter { $0 % 40 != 20 }.map { areas[$0] } + [areas[0]]
    let reports = try [1, 2, 3].map { try TopologyCheck.run(layer, maxGapArea: 1e7, threads: $0) }
    #expect(reports[0].overlaps.count == 1)
    #expect(reports[0].gaps.count >= 10)
    for report in reports.dropFirst() {
      #expect(report.gaps == reports[0].gaps)
    }
  }
}

@Suite struct InterpolationTests {
  /// Sources: two 100 m squares with 100 and 300 people, the second half outside the targets.
  /// Target: the 150 m × 100 m strip. Extensive: 100 + 300/2 = 250 (not 400: only the part
  /// inside moves). Intensive (rates 2 and 4, area-weighted 10,000 and 5,000 m²): (2·1 + 4·0.5)/1.5.
  @Test func extensiveAndIntensiveByArea() throws {
    let sources = [square(0, 0, 100), square(100, 0, 100)]
    let targets = [FlatGeometry.polygon([[(0, 0), (150, 0), (150, 100), (0, 100), (0, 0)]])]
    let overlay = try OverlapEngine.overlay(a: sources, b: targets)
    let weights = ArealInterpolation.Weights.area(overlay)
    let counts = ArealInterpolation.interpolate(
      [100, 300], kind: .extensive, overlay: overlay, targetCount: 1, weights: weights)
    #expect(counts.values == [250])
    #expect(counts.expectedTotal == 250)
    #expect(counts.interpolatedTotal == 250)
    #expect(counts.sourceTotal == 400)
    let rates = ArealInterpolation.interpolate(
      [2, 4], kind: .intensive, overlay: overlay, targetCount: 1, weights: weights)
    #expect(abs(rates.values[0]! - (2 * 10_000 + 4 * 5_000) / 15_000) < 1e-12)
  }

  /// Conservation on a random-ish tiling: every source inside the targets, totals kept to 1e-12.
  @Test func conservesTotalsWhenSourcesAreCovered() throws {
    var sources: [FlatGeometry] = []
    var values: [Double?] = []
    for i in 0..<20 {
      for j in 0..<20 {
        sources.append(square(Double(i) * 50, Double(j) * 50, 50))
        values.append(Double((i * 31 + j * 17) % 97))
      }
    }
    var targets: [FlatGeometry] = []
    for i in 0..<3 {
      for j in 0..<3 { targets.append(square(Double(i) * 1000 / 3, Double(j) * 1000 / 3, 1000 / 3)) }
    }
    let overlay = try OverlapEngine.overlay(a: sources, b: targets)
    let result = ArealInterpolation.interpolate(
      values, kind: .extensive, overlay: overlay, targetCount: targets.count, weights: .area(overlay))
    let total = values.reduce(0) { $0 + $1! }
    #expect(abs(result.interpolatedTotal - total) / total < 1e-12)
    #expect(abs(result.expectedTotal - total) / total < 1e-12)
  }
}
