import Testing

@testable import Analysis

/// The grid must find every meeting pair of boxes exactly once (the noder relies on it for
/// every candidate crossing), and every item near a segment.
@Suite struct BoxGridTests {
  static func boxes(_ count: Int, seed: UInt64) -> [SIMD4<Double>] {
    var state = seed
    func random() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    return (0..<count).map { i in
      // Mostly small boxes, some long ones, and some touching exactly at an edge.
      let x = 100 * random(), y = 100 * random()
      let w = i % 17 == 0 ? 60 * random() : 3 * random(), h = i % 13 == 0 ? 60 * random() : 3 * random()
      return i % 5 == 0 ? SIMD4(x, y, x, y + h) : SIMD4(x, y, x + w, y + h)
    }
  }

  /// Every pair of boxes that meet, by brute force, lower item first, in order.
  static func meetingPairs(_ boxes: [SIMD4<Double>]) -> [SIMD2<Int>] {
    var pairs: [SIMD2<Int>] = []
    for i in boxes.indices {
      for j in (i + 1)..<boxes.count {
        let a = boxes[i], b = boxes[j]
        if a.x <= b.z && b.x <= a.z && a.y <= b.w && b.y <= a.w { pairs.append(SIMD2(i, j)) }
      }
    }
    return pairs
  }

  @Test func everyMeetingPairIsFoundOnce() {
    var boxes = Self.boxes(400, seed: 7)
    boxes.append(SIMD4(boxes[1].z, boxes[1].y, boxes[1].z + 1, boxes[1].w))  // touches box 1
    let grid = BoxGrid(boxes)
    var found: [SIMD2<Int>] = []
    grid.forEachPair(cells: 0..<grid.cellCount) { found.append(SIMD2($0, $1)) }
    let expected = Self.meetingPairs(boxes)
    let sorted = found.sorted { ($0.x, $0.y) < ($1.x, $1.y) }
    #expect(sorted == expected)
    #expect(expected.contains(SIMD2(1, boxes.count - 1)))
  }

  /// A crowded cell (more items than the insertion sort takes) must still be sorted for the
  /// scans that stop at the first box to the right: 300 boxes in one corner, a few far away.
  @Test func pairsInACrowdedCellAreAllFound() {
    var boxes = Self.boxes(300, seed: 5).map { $0 / 50 }
    boxes += [SIMD4(90, 90, 91, 91), SIMD4(95, 5, 96, 6), SIMD4(5, 95, 6, 96), SIMD4(99, 99, 100, 100)]
    let grid = BoxGrid(boxes)
    var found: [SIMD2<Int>] = []
    grid.forEachPair(cells: 0..<grid.cellCount) { found.append(SIMD2($0, $1)) }
    let expected = Self.meetingPairs(boxes)
    #expect(found.sorted { ($0.x, $0.y) < ($1.x, $1.y) } == expected)
    #expect(expected.count > 100)
  }

  @Test func itemsNearASegmentAreAllFound() {
    let boxes = Self.boxes(400, seed: 11)
    let grid = BoxGrid(boxes)
    var seen = [Int32](repeating: -1, count: boxes.count)
    // A long diagonal: every box it passes within 0.5 of must be among the items reported.
    let (x0, y0, x1, y1) = (2.0, 3.0, 97.0, 88.0)
    var found = Set<Int>()
    grid.forEachItem(alongSegment: x0, y0, x1, y1, margin: 0.5, seen: &seen, mark: 0) {
      #expect(found.insert($0).inserted)
    }
    for (i, box) in boxes.enumerated() {
      // The box's corner nearest the line, if within 0.5 of the segment, must be found.
      for (px, py) in [(box.x, box.y), (box.z, box.w), (box.x, box.w), (box.z, box.y)] {
        let dx = x1 - x0, dy = y1 - y0
        let t = max(0, min(1, ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy)))
        let ex = x0 + t * dx - px, ey = y0 + t * dy - py
        if (ex * ex + ey * ey).squareRoot() <= 0.5 { #expect(found.contains(i)) }
      }
    }
    #expect(found.count < boxes.count / 2)
  }
}
