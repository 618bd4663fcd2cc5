import GeoCore
import Layers
import Testing

@testable import Analysis

/// The shortcuts of the population estimate: neighbours proven to share no area are skipped,
/// and pieces of a unit that is itself a population feature are weighted by area. Both must give
/// what intersecting every pair gives.
@Suite struct InteriorsDisjointPopulationTests {
  @Test func provesOnlyWhatIsTrue() {
    let a = square(0, 0, 100)
    #expect(InteriorsDisjoint.proven(a, square(100, 0, 100)))  // shared edge
    #expect(InteriorsDisjoint.proven(a, square(100, 100, 100)))  // shared corner
    #expect(InteriorsDisjoint.proven(a, square(300, 0, 100)))  // apart
    #expect(!InteriorsDisjoint.proven(a, square(99.99, 0, 100)))  // a sliver of overlap
    #expect(!InteriorsDisjoint.proven(a, a))  // the same polygon
    #expect(!InteriorsDisjoint.proven(a, square(10, 10, 20)))  // nested
    #expect(!InteriorsDisjoint.proven(square(10, 10, 20), a))  // nesting
    #expect(!InteriorsDisjoint.proven(a, square(100, 50, 100)))  // T-junction: unsure, so not proven
    // A neighbour sharing two edges of an L-shaped notch, with a hole elsewhere.
    let l = FlatGeometry.polygon([
      [(0, 0), (200, 0), (200, 100), (100, 100), (100, 200), (0, 200), (0, 0)],
      [(20, 20), (40, 20), (40, 40), (20, 40), (20, 20)],
    ])
    #expect(InteriorsDisjoint.proven(l, square(100, 100, 100)))
    #expect(InteriorsDisjoint.proven(l, square(25, 25, 10)))  // inside the hole: outside the polygon
  }

  /// Units that are their own population features, one pair overlapping by a 1 m sliver: the
  /// estimate with shortcuts equals intersecting every pair, and so do gap pieces.
  @Test func shortcutsAgreeWithIntersectingEverything() throws {
    let cells: [(x: Double, y: Double, side: Double, count: Double)] = [
      (0, 0, 100, 100), (100, 0, 100, 200), (0, 100, 100, 300), (99, 100, 101, 400),
    ]
    let layer = squaresLayer(cells)
    let people = try PopulationLayer(layer, field: "count")
    let units = layer.geometries
    let estimate = try people.estimate(in: units, threads: 2)
    // The sliver (1 m × 100 m) of unit 3 inside unit 2 gives unit 2 a share of unit 3's people.
    #expect(abs(estimate.totals[2] - (300 + 400 * 100 / 10_201.0)) < 1e-9)
    #expect(estimate.totals[0] == 100 && estimate.totals[1] == 200)
    #expect(estimate.sources[2] == [2, 3] && estimate.sources[0] == [0])
    // Gaps: the west half of each unit.
    let pieces = cells.map { square($0.x, $0.y, $0.side / 2, $0.side) }
    let areas = pieces.map(\.polygonalArea)
    let shortcut = try people.people(
      inPieces: pieces, pieceAreas: areas, of: Array(units.indices), areas: units, estimate: estimate,
      threads: 2)
    let direct = try people.estimate(in: pieces, threads: 2).totals
    for k in pieces.indices { #expect(abs(shortcut[k] - direct[k]) < 1e-9, "piece \(k)") }
  }
}
