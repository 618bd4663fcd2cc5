import GEOS
import GeoCore
import PlanarKernel
import TestSupport
import Testing

/// Point buffers drawn in Swift are GEOS's buffers, bit for bit.
@Suite struct PointBufferTests {
  @Test func sameVerticesAsGEOS() throws {
    let context = GeometryContext()
    var generator = SeededGenerator(seed: 11)
    func next() -> Double { generator.unit() }
    for trial in 0..<200 {
      let x = 100_000 + next() * 500_000, y = 10_000 + next() * 900_000
      let radius = [800.0, 1_000, 1_609.344, 250.5][trial % 4] * (trial < 100 ? 1 : next() * 3)
      for segments in [1, 2, 8, 16, 30] {
        let geos = try Geometry(.point(x: x, y: y), context: context).buffer(
          radius, quadrantSegments: segments
        )
        .flat()
        let swift = PointBuffer.circle(x: x, y: y, radius: radius, quadrantSegments: segments)
        #expect(swift == geos, "(\(x), \(y)) r \(radius) q \(segments)")
      }
    }
  }
}
