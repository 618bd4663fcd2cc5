import GeoCore

/// A polygon's area and centroid with GEOS's arithmetic (`GEOSArea_r`, `GEOSGetCentroid_r`),
/// bit for bit, without building a GEOS geometry: a layer estimating its own people measures
/// every unit whole, and the copy into GEOS cost more than the sums.
///
/// GEOS sums each ring's shoelace with x taken from the ring's first vertex, and each polygon's
/// area as its shell less its holes; the centroid sums triangles fanned from the first vertex of
/// each polygon's shell, each signed by its ring's orientation. The same operations in the same order
/// give the same doubles (neither side contracts them into fused multiply-adds on x86-64).
public enum PolygonMeasures {
  /// The area and centroid of a Polygon or MultiPolygon; nil for any other kind, an empty or
  /// zero-area geometry (GEOS then falls back to the linework's centroid), or a ring whose
  /// orientation the shoelace cannot tell for certain (GEOS's own test then decides).
  public static func areaAndCentroid(_ geometry: FlatGeometry) -> (area: Double, x: Double, y: Double)? {
    guard geometry.kind.isPolygonal, geometry.members.isEmpty, geometry.partCount > 0 else { return nil }
    var area = 0.0
    var base: (x: Double, y: Double)?
    var (sumX, sumY, sumArea) = (0.0, 0.0, 0.0)
    for part in 0..<geometry.partCount {
      var partArea = 0.0
      let rings = geometry.ringRange(ofPart: part)
      for ring in rings {
        let points = geometry.pointRange(ofRing: ring)
        guard points.count >= 4, let signed = certainSignedArea(geometry, points) else { return nil }
        let isShell = ring == rings.lowerBound
        if isShell { partArea += abs(signed) } else { partArea -= abs(signed) }
        // A clockwise shell and a counter-clockwise hole add; the others take away.
        let clockwise = signed > 0
        let sign = isShell == clockwise ? 1.0 : -1.0
        if isShell { base = (geometry.x(points.lowerBound), geometry.y(points.lowerBound)) }
        let b = base!
        for i in points.lowerBound..<(points.upperBound - 1) {
          let (x1, y1, x2, y2) = (geometry.x(i), geometry.y(i), geometry.x(i + 1), geometry.y(i + 1))
          let cx = b.x + x1 + x2, cy = b.y + y1 + y2
          let twice = (x1 - b.x) * (y2 - b.y) - (x2 - b.x) * (y1 - b.y)
          sumX += sign * twice * cx
          sumY += sign * twice * cy
          sumArea += sign * twice
        }
      }
      area += partArea
    }
    guard abs(sumArea) > 0 else { return nil }
    return (area, sumX / 3 / sumArea, sumY / 3 / sumArea)
  }

  /// A point inside a Polygon or MultiPolygon as GEOS's `GEOSPointOnSurface_r` places it, bit
  /// for bit, without building a GEOS geometry (a lookup takes one for every unit): each
  /// polygon is cut by a horizontal line midway between the vertex heights nearest its box's
  /// middle, and the widest stretch of that line inside it gives its midpoint; the widest
  /// polygon wins (the first on a tie). Nil for any other kind, an empty geometry, or an odd
  /// count of crossings (an invalid polygon): GEOS then decides.
  public static func pointOnSurface(_ geometry: FlatGeometry) -> (x: Double, y: Double)? {
    guard geometry.kind.isPolygonal, geometry.members.isEmpty, geometry.partCount > 0 else { return nil }
    var best: (x: Double, y: Double, width: Double)?
    var crossings: [Double] = []
    for part in 0..<geometry.partCount {
      let rings = geometry.ringRange(ofPart: part)
      let shell = geometry.pointRange(ofRing: rings.lowerBound)
      guard !shell.isEmpty else { continue }
      let scanY = scanLineHeight(geometry, rings: rings)
      crossings.removeAll(keepingCapacity: true)
      for ring in rings { addCrossings(geometry, ring: ring, at: scanY, into: &crossings) }
      guard crossings.count % 2 == 0 else { return nil }
      crossings.sort()
      // With no stretch wider than 0 the polygon's point is its first vertex.
      var point = (x: geometry.x(shell.lowerBound), y: geometry.y(shell.lowerBound), width: 0.0)
      for i in stride(from: 0, to: crossings.count, by: 2) where crossings[i + 1] - crossings[i] > point.width
      {
        point = ((crossings[i] + crossings[i + 1]) / 2.0, scanY, crossings[i + 1] - crossings[i])
      }
      if point.width > best?.width ?? -1 { best = point }
    }
    return best.map { ($0.x, $0.y) }
  }

  /// Midway between the highest vertex height at or below the middle of the shell's box and the
  /// lowest above it (the box's own edges when there are none), over every ring.
  private static func scanLineHeight(_ geometry: FlatGeometry, rings: Range<Int>) -> Double {
    let box = geometry.boundingBox(ofRing: rings.lowerBound)
    var (low, high) = (box.minY, box.maxY)
    let centre = (low + high) / 2.0
    for ring in rings {
      for i in geometry.pointRange(ofRing: ring) {
        let y = geometry.y(i)
        if y <= centre {
          if y > low { low = y }
        } else if y < high {
          high = y
        }
      }
    }
    return (high + low) / 2.0
  }

  /// Where a ring's edges cross the line at height `y`: an edge along it is not counted, and a
  /// vertex on it counts once (an edge going down leaves out its start, one going up its end).
  private static func addCrossings(
    _ geometry: FlatGeometry, ring: Int, at y: Double, into out: inout [Double]
  ) {
    let points = geometry.pointRange(ofRing: ring)
    let box = geometry.boundingBox(ofRing: ring)
    guard points.count >= 2, box.minY <= y, y <= box.maxY else { return }
    for i in (points.lowerBound + 1)..<points.upperBound {
      let (x0, y0, x1, y1) = (geometry.x(i - 1), geometry.y(i - 1), geometry.x(i), geometry.y(i))
      if (y0 > y && y1 > y) || (y0 < y && y1 < y) || y0 == y1 { continue }
      if (y0 == y && y1 < y) || (y1 == y && y0 < y) { continue }
      out.append(x0 == x1 ? x0 : x0 + (y - y0) / ((y1 - y0) / (x1 - x0)))
    }
  }

  /// GEOS's signed ring area (positive when clockwise), or nil when rounding could have flipped
  /// its sign.
  static func certainSignedArea(_ geometry: FlatGeometry, _ points: Range<Int>) -> Double? {
    let x0 = geometry.x(points.lowerBound)
    var sum = 0.0, magnitude = 0.0
    for i in (points.lowerBound + 1)..<(points.upperBound - 1) {
      let term = (geometry.x(i) - x0) * (geometry.y(i - 1) - geometry.y(i + 1))
      sum += term
      magnitude += abs(term)
    }
    guard abs(sum) > 1e-9 * magnitude else { return nil }
    return sum / 2.0
  }
}
