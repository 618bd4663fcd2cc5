import GEOS
import GeoCore
import Testing

@testable import Analysis

/// The consensus noder must give exactly what GEOS's noder (`GEOSNode`) gives: the arrangement,
/// and so every area summed over it, is built from its output.
@Suite struct LineNoderTests {
  /// Each line's consecutive points as segments, in order.
  static func segments(_ coordinates: [Double], _ offsets: [Int]) -> [[Double]] {
    var result: [[Double]] = []
    for line in 0..<(offsets.count - 1) where offsets[line + 1] - offsets[line] >= 2 {
      for k in offsets[line]..<(offsets[line + 1] - 1) {
        result.append(Array(coordinates[(2 * k)..<(2 * k + 4)]))
      }
    }
    return result
  }

  /// What GEOS's noder makes of the same lines, as segments in its order.
  static func geosSegments(_ coordinates: [Double], _ offsets: [Int]) throws -> [[Double]] {
    let lines = FlatGeometry(
      kind: .multiLineString, coordinates: coordinates, ringOffsets: offsets,
      partOffsets: Array(0..<offsets.count))
    let noded = try Geometry(lines, context: GeometryContext()).noded().flat()
    return segments(noded.coordinates, noded.ringOffsets)
  }

  @Test func crossingLinesAreSplitAtTheirCrossing() throws {
    let noded = try #require(LineNoder.node(coordinates: [0, 0, 2, 2, 0, 2, 2, 0], lineOffsets: [0, 2, 4]))
    #expect(noded.coordinates == [0, 0, 1, 1, 2, 2, 0, 2, 1, 1, 2, 0])
    #expect(noded.lineOffsets == [0, 3, 6])
  }

  @Test func overlappingLinesAreSplitAtEachOthersEnds() throws {
    // Collinear overlap: each line gets the other's inner end as a node.
    let noded = try #require(LineNoder.node(coordinates: [0, 0, 4, 0, 1, 0, 6, 0], lineOffsets: [0, 2, 4]))
    #expect(noded.coordinates == [0, 0, 1, 0, 4, 0, 1, 0, 4, 0, 6, 0])
  }

  @Test func randomAndNearlyCoincidentLinesAreNodedExactlyAsGEOSDoes() throws {
    var state: UInt64 = 12_345
    func random() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    var coordinates: [Double] = []
    var offsets = [0]
    // Polylines crossing each other many times.
    for _ in 0..<30 {
      for _ in 0..<6 { coordinates += [1000 * random(), 1000 * random()] }
      offsets.append(coordinates.count / 2)
    }
    // Lines a hair apart and at tiny angles, where rounded crossings need a second pass or
    // GEOS's nearest-endpoint fallback.
    for i in 0..<12 {
      let y = 500 + 1e-9 * Double(i)
      coordinates += [10 + Double(i) * 1e-7, y, 990, y + 1e-8 * Double(i % 3), 500, 800]
      offsets.append(coordinates.count / 2)
    }
    let noded = try #require(LineNoder.node(coordinates: coordinates, lineOffsets: offsets))
    let ours = Self.segments(noded.coordinates, noded.lineOffsets)
    let geos = try Self.geosSegments(coordinates, offsets)
    #expect(ours.count > 2 * Self.segments(coordinates, offsets).count)
    #expect(ours == geos)
  }
}
