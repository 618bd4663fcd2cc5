import GEOS
import GeoCore

/// Decides whether a piece is a sliver (DESIGN.md §4): smaller than the minimum area, or with a
/// maximum inscribed circle narrower than the sliver width.
struct SliverTest: Sendable {
  let width: Double
  let minArea: Double

  /// A point on the surface at least width/2 from the boundary proves the piece is not a sliver
  /// without computing the (much dearer) maximum inscribed circle.
  func isSliver(_ piece: Geometry, flat: FlatGeometry, area: Double) throws -> Bool {
    if area < minArea { return true }
    let inside = try piece.pointOnSurface().pointCoordinates()
    if flat.distanceToLinework(x: inside.x, y: inside.y) >= width / 2 { return false }
    let circle = try piece.maximumInscribedCircle(tolerance: max(width / 100, 0.01))
    return circle.radius < width / 2
  }
}
