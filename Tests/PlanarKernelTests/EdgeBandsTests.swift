import GeoCore
import Testing

@testable import PlanarKernel

/// The edge bands' own promises: bands joined from pieces' bands are the bands of the joined
/// pieces, and the answers do not depend on how the edges are banded (long edges get fewer
/// bands than short ones).
@Suite struct EdgeBandsTests {
  /// Three pieces as a coverage cover holds them: two overlapping-box reach circles (long
  /// edges, 8 segments a quarter) and a square with a hole.
  let pieces: [FlatGeometry] = [
    PointBuffer.circle(x: 1_000, y: 1_000, radius: 800, quadrantSegments: 8),
    PointBuffer.circle(x: 2_900, y: 1_300, radius: 800, quadrantSegments: 8),
    .polygon([
      [(0, 2_500), (900, 2_500), (900, 3_400), (0, 3_400), (0, 2_500)],
      [(300, 2_800), (300, 3_100), (600, 3_100), (600, 2_800), (300, 2_800)],
    ]),
  ]

  @Test func joiningPiecesBandsGivesTheJoinedPiecesBands() throws {
    let joined = try #require(EdgeBands(joining: pieces.map { EdgeBands($0)! }))
    let built = try #require(EdgeBands(.multiPolygon(joining: pieces)))
    #expect(joined.edgeCount == 32 + 32 + 4 + 4)
    #expect(joined.box == built.box)
    #expect(joined.x0 == built.x0 && joined.y0 == built.y0 && joined.x1 == built.x1 && joined.y1 == built.y1)
    #expect(joined.side == built.side)
    #expect(joined.ring == built.ring)
    #expect(joined.ringCount == 4 && built.ringCount == 4)
    #expect(joined.ringEdges == [0, 32, 64, 68, 72])
    #expect(built.ringEdges == joined.ringEdges)
    #expect(EdgeBands(joining: []) == nil)
  }

  /// The pieces' bands built from the joined pieces, and joined from the pieces' own bands
  /// (which answer for the joined ones).
  var both: [EdgeBands] {
    [EdgeBands(.multiPolygon(joining: pieces))!, EdgeBands(joining: pieces.map { EdgeBands($0)! })!]
  }

  @Test(arguments: [0, 1]) func edgesInABoxAreEveryEdgeMeetingIt(_ which: Int) throws {
    let bands = both[which]
    var found: [Int32] = []
    var checked = 0
    for x in stride(from: -200.0, through: 3_800, by: 350) {
      for y in stride(from: -200.0, through: 3_600, by: 310) {
        let query = BoundingBox(minX: x, minY: y, maxX: x + 420, maxY: y + 260)
        bands.edges(in: query, into: &found)
        let expected = (0..<bands.edgeCount).filter { e in
          min(bands.x0[e], bands.x1[e]) <= query.maxX && max(bands.x0[e], bands.x1[e]) >= query.minX
            && min(bands.y0[e], bands.y1[e]) <= query.maxY && max(bands.y0[e], bands.y1[e]) >= query.minY
        }.map(Int32.init)
        #expect(found == expected, "query \(query)")
        checked += expected.count
      }
    }
    #expect(checked > 100)
  }

  @Test(arguments: [0, 1]) func containsAgreesWithTheEvenOddRule(_ which: Int) throws {
    let bands = both[which]
    // Inside the first circle, in the second, in the square's hole, in the square, outside all.
    let cases: [(x: Double, y: Double, inside: Bool)] = [
      (1_000, 1_010, true), (2_900, 1_700, true), (450, 2_950, false), (100, 2_600, true),
      (1_950, 2_400, false), (1_950, 1_150, false),
    ]
    for point in cases {
      var tie = false
      #expect(bands.contains(x: point.x, y: point.y, shift: 1, tie: &tie) == point.inside, "\(point)")
      #expect(!tie)
    }
    // At the height of a vertex (the first circle's east point, y 1,000) the nudge decides,
    // and says so.
    var tie = false
    #expect(bands.contains(x: 1_000, y: 1_000, shift: 1, tie: &tie))
    #expect(tie)
    // Inside the first circle at the height of the second's west and east points (y 1,300),
    // well left of the second's box: still a tie for the joined edges.
    tie = false
    #expect(bands.contains(x: 1_000, y: 1_300, shift: 1, tie: &tie))
    #expect(tie)
    tie = false
    #expect(EdgeBands(pieces[0])!.contains(x: 1_000, y: 1_300, shift: 1, tie: &tie))
    #expect(!tie)
  }
}
