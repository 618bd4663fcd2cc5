/// An axis-aligned rectangle in the coordinates of whatever CRS the geometry is in.
public struct BoundingBox: Sendable, Hashable, CustomStringConvertible {
  /// The smallest x (west edge for lon/lat or eastings).
  public var minX: Double
  /// The smallest y (south edge).
  public var minY: Double
  /// The largest x (east edge).
  public var maxX: Double
  /// The largest y (north edge).
  public var maxY: Double

  /// The box with these edges (min above max makes an empty box).
  public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
    self.minX = minX
    self.minY = minY
    self.maxX = maxX
    self.maxY = maxY
  }

  /// The empty box: extends to anything it is unioned with.
  public static let empty = BoundingBox(
    minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)

  /// True when the box holds no point (a minimum above its maximum).
  public var isEmpty: Bool { minX > maxX || minY > maxY }
  /// maxX − minX, 0 for the empty box.
  public var width: Double { isEmpty ? 0 : maxX - minX }
  /// maxY − minY, 0 for the empty box.
  public var height: Double { isEmpty ? 0 : maxY - minY }

  /// Grows the box to include the point.
  public mutating func include(x: Double, y: Double) {
    if x < minX { minX = x }
    if x > maxX { maxX = x }
    if y < minY { minY = y }
    if y > maxY { maxY = y }
  }

  /// Grows the box to include another box.
  public mutating func include(_ other: BoundingBox) {
    guard !other.isEmpty else { return }
    include(x: other.minX, y: other.minY)
    include(x: other.maxX, y: other.maxY)
  }

  /// True when the two boxes share at least one point.
  public func intersects(_ other: BoundingBox) -> Bool {
    !isEmpty && !other.isEmpty && minX <= other.maxX && other.minX <= maxX && minY <= other.maxY
      && other.minY <= maxY
  }

  /// True when every point of `other` lies in this box.
  public func contains(_ other: BoundingBox) -> Bool {
    !other.isEmpty && minX <= other.minX && other.maxX <= maxX && minY <= other.minY && other.maxY <= maxY
  }

  /// The box grown by `distance` on every side.
  public func expanded(by distance: Double) -> BoundingBox {
    isEmpty
      ? self
      : BoundingBox(
        minX: minX - distance, minY: minY - distance, maxX: maxX + distance, maxY: maxY + distance)
  }

  /// `[minX, minY, maxX, maxY]`, or `(empty)`.
  public var description: String { isEmpty ? "(empty)" : "[\(minX), \(minY), \(maxX), \(maxY)]" }
}
