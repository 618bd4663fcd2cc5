import GeoCore

extension InscribedWidthProbe {
  /// Whether a disk of `radius` fits inside the region bounded by `linework` (a polygon's rings,
  /// or just its boundary as lines: even–odd), by branch and bound over square cells, as in the
  /// "polylabel" search for the pole of inaccessibility, but aimed at the yes/no question.
  ///
  /// Clearance (the distance to the boundary, negative outside) changes no faster than the
  /// distance moved, so no point of a cell of half-size h centred at c has more than
  /// clearance(c) + h√2. A cell whose bound falls short of `radius` is dropped; a centre with
  /// clearance ≥ `radius` proves `.fits`; when every cell is dropped, `.narrower` is proven.
  /// Gives up (`.unknown`) after `maxCells` cells, or once cells shrink to a millionth of the
  /// radius without a decision (the circle is the width to within rounding).
  public static func diskBySubdivision(
    of radius: Double, fitsIn linework: FlatGeometry, maxCells: Int = 20_000
  )
    -> Verdict
  {
    let box = linework.boundingBox
    guard radius > 0, !box.isEmpty else { return .unknown }
    let side = min(box.width, box.height)
    // Narrower than the disk in one direction: nothing fits.
    guard side >= 2 * radius else { return .narrower }
    var cells: [(x: Double, y: Double, half: Double)] = []
    let half = side / 2
    var y = box.minY + half
    while y - half < box.maxY {
      var x = box.minX + half
      while x - half < box.maxX {
        cells.append((x, y, half))
        x += side
      }
      y += side
    }
    var visited = 0
    let smallest = radius * 1e-6
    while let cell = cells.popLast() {
      visited += 1
      guard visited <= maxCells else { return .unknown }
      let clearance = linework.signedClearance(x: cell.x, y: cell.y)
      if clearance >= radius { return .fits }
      guard clearance + cell.half * 2.0.squareRoot() >= radius else { continue }
      guard cell.half > smallest else { return .unknown }
      let quarter = cell.half / 2
      for (dx, dy) in [(-1.0, -1.0), (1, -1), (-1, 1), (1, 1)] {
        cells.append((cell.x + dx * quarter, cell.y + dy * quarter, quarter))
      }
    }
    return .narrower
  }
}

extension FlatGeometry {
  /// The distance from (x, y) to the linework, positive inside the region it bounds (even–odd
  /// rule over every ring or line) and negative outside.
  func signedClearance(x: Double, y: Double) -> Double {
    var inside = false
    coordinates.withUnsafeBufferPointer { c in
      for ring in 0..<ringCount {
        let range = pointRange(ofRing: ring)
        guard range.count >= 2 else { continue }
        for i in range.lowerBound..<(range.upperBound - 1) {
          let ay = c[2 * i + 1], by = c[2 * i + 3]
          guard (ay > y) != (by > y) else { continue }
          let ax = c[2 * i], bx = c[2 * i + 2]
          if x < ax + (y - ay) / (by - ay) * (bx - ax) { inside.toggle() }
        }
      }
    }
    let distance = distanceToLinework(x: x, y: y)
    return inside ? distance : -distance
  }
}
