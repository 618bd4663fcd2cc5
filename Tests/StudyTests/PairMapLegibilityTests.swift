import GeoCore
import Testing

@testable import Study

/// When the other layer's outlines are drawn on a pair map: dashed while its small units are big
/// on the page, thin when they are small, left out when they would be a few pixels across.
@Suite struct PairMapLegibilityTests {
  /// `count` squares of side `side` metres.
  static func squares(_ count: Int, side: Double) -> [BoundingBox] {
    (0..<count).map { BoundingBox(minX: Double($0) * side, minY: 0, maxX: Double($0 + 1) * side, maxY: side) }
  }

  // A 100 km square on the 900 × 700 page: the frame is about 700 × 580 px, so 100,000 / 580 =
  // 172.4 m a pixel (the height decides).
  static let extent = BoundingBox(minX: 0, minY: 0, maxX: 100_000, maxY: 100_000)

  @Test func sizesOnThePageDecide() {
    typealias L = ReportMaps.OutlineLegibility
    // 5 km is 29.0 px, 1 km 5.8 px, 300 m 1.7 px.
    #expect(L.of(Self.squares(20, side: 5_000), extent: Self.extent, width: 900, height: 700) == .dashed)
    #expect(L.of(Self.squares(20, side: 1_000), extent: Self.extent, width: 900, height: 700) == .thin)
    #expect(L.of(Self.squares(20, side: 300), extent: Self.extent, width: 900, height: 700) == .omitted)
    // 1.4 km is 8.1 px (dashed) and 1.35 km 7.8 px (thin): the threshold is 8 px; 3 px for thin
    // lies between 530 m (3.07 px) and 510 m (2.96 px).
    #expect(L.of(Self.squares(20, side: 1_400), extent: Self.extent, width: 900, height: 700) == .dashed)
    #expect(L.of(Self.squares(20, side: 1_350), extent: Self.extent, width: 900, height: 700) == .thin)
    #expect(L.of(Self.squares(20, side: 530), extent: Self.extent, width: 900, height: 700) == .thin)
    #expect(L.of(Self.squares(20, side: 510), extent: Self.extent, width: 900, height: 700) == .omitted)
  }

  @Test func theSmallTenthDecides() {
    typealias L = ReportMaps.OutlineLegibility
    // Of 20 units, 2 small ones are the 10th percentile's lower side: still dashed; 3 are not.
    let two = Self.squares(2, side: 300) + Self.squares(18, side: 5_000)
    let three = Self.squares(3, side: 300) + Self.squares(17, side: 5_000)
    #expect(L.of(two, extent: Self.extent, width: 900, height: 700) == .dashed)
    #expect(L.of(three, extent: Self.extent, width: 900, height: 700) == .omitted)
    #expect(L.of([], extent: Self.extent, width: 900, height: 700) == .dashed)
  }
}
