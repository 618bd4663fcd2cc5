import GeoCore
import Testing

@Suite struct BoxIndexTests {
  /// Every query answer equals a brute-force scan, on a grid and on random boxes.
  @Test(arguments: [1, 7, 100, 5000])
  func matchesBruteForce(count: Int) {
    var generator = SplitMix64(seed: UInt64(count))
    var boxes: [BoundingBox] = []
    for _ in 0..<count {
      let x = generator.unit() * 1000, y = generator.unit() * 1000
      boxes.append(BoundingBox(minX: x, minY: y, maxX: x + generator.unit() * 50, maxY: y + generator.unit() * 50))
    }
    boxes.append(.empty)
    let index = BoxIndex(boxes, nodeCapacity: 4)
    #expect(index.count == count)
    for _ in 0..<200 {
      let x = generator.unit() * 1000, y = generator.unit() * 1000
      let query = BoundingBox(minX: x, minY: y, maxX: x + generator.unit() * 200, maxY: y + generator.unit() * 200)
      let expected = boxes.indices.filter { boxes[$0].intersects(query) }
      #expect(index.items(intersecting: query) == expected)
    }
  }
}

/// A small deterministic random generator for tests.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

@Suite struct BoxClustersTests {
  @Test func chainsOfTouchingBoxesFormOneGroup() {
    let boxes = [
      BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1),
      BoundingBox(minX: 10, minY: 10, maxX: 11, maxY: 11),
      BoundingBox(minX: 1, minY: 0, maxX: 2, maxY: 1),  // touches 0
      BoundingBox(minX: 1.5, minY: 0.5, maxX: 3, maxY: 3),  // overlaps 2
      BoundingBox(minX: 20, minY: 20, maxX: 21, maxY: 21),
    ]
    #expect(BoxClusters.group(boxes) == [[0, 2, 3], [1], [4]])
    #expect(BoxClusters.group([]) == [])
  }
}
