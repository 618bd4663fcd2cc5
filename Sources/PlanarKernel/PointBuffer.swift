import Foundation
import GeoCore

/// The buffer of a point as GEOS draws it (`OffsetSegmentGenerator::createCircle`): a regular
/// polygon of 4 × `quadrantSegments` sides, starting due east of the point and running
/// clockwise, with the same trigonometry, so its vertices are GEOS's to the last bit. Drawing it
/// directly skips GEOS's whole buffer operation (noding and polygon building of one ring).
public enum PointBuffer {
  /// The buffer of (x, y) by `radius`, with `quadrantSegments` sides per quarter circle (GEOS's
  /// `quad_segs`), as one polygon ring.
  public static func circle(x: Double, y: Double, radius: Double, quadrantSegments: Int) -> FlatGeometry {
    let quantum = Double.pi / 2.0 / Double(quadrantSegments)
    let total = 2.0 * Double.pi
    let segments = Int(total / quantum + 0.5)
    let increment = total / Double(segments)
    var builder = FlatGeometryBuilder(kind: .polygon, reservingCoordinates: segments + 1)
    builder.append(x: x + radius, y: y)
    // GEOS adds the point at angle 0 again and drops it as a repeat.
    for i in 1..<segments {
      let angle = 0.0 + Double(-i) * increment
      builder.append(x: x + radius * cos(angle), y: y + radius * sin(angle))
    }
    builder.append(x: x + radius, y: y)
    builder.closeRing()
    builder.closePart()
    return builder.geometry
  }
}
