/// Douglas–Peucker line simplification on interleaved x, y coordinates.
public enum Simplify {
  /// The indices of the points of `points[range]` (pairs, interleaved x, y) that Douglas–Peucker
  /// keeps at `tolerance`: the first and last always, and every point farther than `tolerance`
  /// from the simplified line. A closed run (first point equal to the last) works: distances are
  /// then measured from that point until a second point splits the run.
  /// Appends the kept indices, in order, to `kept`.
  public static func douglasPeucker(
    _ points: UnsafeBufferPointer<Double>, range: Range<Int>, tolerance: Double, into kept: inout [Int]
  ) {
    let first = range.lowerBound
    let last = range.upperBound - 1
    guard last > first else {
      if last == first { kept.append(first) }
      return
    }
    let squaredTolerance = tolerance * tolerance
    // Marks instead of recursion: arcs of thousands of points must not grow the call stack.
    var keep = [Bool](repeating: false, count: last - first + 1)
    keep[0] = true
    keep[last - first] = true
    var stack: [(Int, Int)] = [(first, last)]
    while let (start, end) = stack.popLast() {
      guard end - start > 1 else { continue }
      let ax = points[2 * start], ay = points[2 * start + 1]
      let bx = points[2 * end], by = points[2 * end + 1]
      let dx = bx - ax, dy = by - ay
      let lengthSquared = dx * dx + dy * dy
      var farthest = -1
      var farthestDistance = squaredTolerance
      for i in (start + 1)..<end {
        let px = points[2 * i] - ax, py = points[2 * i + 1] - ay
        let distance: Double
        if lengthSquared == 0 {
          distance = px * px + py * py
        } else {
          // Distance to the segment, not the infinite line: a point beyond an end is measured
          // to that end (matters on the spiky outlines of generalised boundaries).
          let t = min(1, max(0, (px * dx + py * dy) / lengthSquared))
          let ex = px - t * dx, ey = py - t * dy
          distance = ex * ex + ey * ey
        }
        if distance > farthestDistance {
          farthestDistance = distance
          farthest = i
        }
      }
      if farthest >= 0 {
        keep[farthest - first] = true
        stack.append((farthest, end))
        stack.append((start, farthest))
      }
    }
    for (offset, isKept) in keep.enumerated() where isKept { kept.append(first + offset) }
  }
}
