import GeoCore
import TestSupport
import Testing

@Suite struct BoxIndexTests {
  /// Every query answer equals a brute-force scan, on a grid and on random boxes.
  @Test(arguments: [1, 7, 100, 5000])
  func matchesBruteForce(count: Int) {
    var generator = SeededGenerator(seed: UInt64(count))
    var boxes: [BoundingBox] = []
    for _ in 0..<count {
      let x = generator.unit() * 1000, y = generator.unit() * 1000
      boxes.append(
        BoundingBox(minX: x, minY: y, maxX: x + generator.unit() * 50, maxY: y + generator.unit() * 50))
    }
    boxes.append(.empty)
    let index = BoxIndex(boxes, nodeCapacity: 4)
    #expect(index.count == count)
    for _ in 0..<200 {
      let x = generator.unit() * 1000, y = generator.unit() * 1000
      let query = BoundingBox(
        minX: x, minY: y, maxX: x + generator.unit() * 200, maxY: y + generator.unit() * 200)
      let expected = boxes.indices.filter { boxes[$0].intersects(query) }
      #expect(index.items(intersecting: query) == expected)
    }
  }
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
