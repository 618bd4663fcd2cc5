import GeoCore

/// A point on the page, in SVG user units (pixels), y growing downwards.
public struct PagePoint: Sendable, Hashable {
  /// Distance from the left edge of the page.
  public var x: Double
  /// Distance from the top edge of the page.
  public var y: Double

  /// A page point.
  public init(x: Double, y: Double) {
    self.x = x
    self.y = y
  }
}

/// A rectangle on the page (pixels, y down).
public struct PageRect: Sendable, Hashable {
  /// Left edge.
  public var x: Double
  /// Top edge.
  public var y: Double
  /// Width, never negative.
  public var width: Double
  /// Height, never negative.
  public var height: Double

  /// A rectangle from its top-left corner and size.
  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// Right edge.
  public var maxX: Double { x + width }
  /// Bottom edge.
  public var maxY: Double { y + height }

  /// True when the two rectangles share interior area (touching edges do not count, so labels
  /// may sit side by side).
  public func overlaps(_ other: PageRect) -> Bool {
    x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
  }

  /// The rectangle shrunk by `amount` on every side (grown when `amount` is negative).
  public func insetBy(_ amount: Double) -> PageRect {
    PageRect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
  }
}

/// The affine map from the projected working CRS (EPSG:27700 metres for Great Britain) onto a
/// frame of the page: one scale for both axes, so shapes keep their aspect ratio, the extent
/// centred in the frame, and y flipped so north is up.
public struct MapProjection: Sendable, Hashable {
  /// The part of the world shown (CRS units).
  public let extent: BoundingBox
  /// The page rectangle the extent is fitted into.
  public let frame: PageRect
  /// Pixels per CRS unit (per metre in EPSG:27700).
  public let scale: Double
  private let offsetX: Double
  private let offsetY: Double

  /// Fits `extent` into `frame`, shrinking the frame by `margin` pixels on every side first.
  /// A degenerate extent (a single point, a horizontal line) is widened to one CRS unit so the
  /// scale stays finite.
  public init(extent: BoundingBox, frame: PageRect, margin: Double = 0) {
    var world = extent
    if world.isEmpty { world = BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1) }
    if world.width == 0 {
      world = BoundingBox(minX: world.minX - 0.5, minY: world.minY, maxX: world.maxX + 0.5, maxY: world.maxY)
    }
    if world.height == 0 {
      world = BoundingBox(minX: world.minX, minY: world.minY - 0.5, maxX: world.maxX, maxY: world.maxY + 0.5)
    }
    let inner = frame.insetBy(margin)
    let scale = min(inner.width / world.width, inner.height / world.height)
    self.extent = world
    self.frame = frame
    self.scale = scale
    // Centre the extent: the spare room goes equally to both sides of the short axis.
    offsetX = inner.x + (inner.width - world.width * scale) / 2 - world.minX * scale
    offsetY = inner.y + (inner.height - world.height * scale) / 2 + world.maxY * scale
  }

  /// CRS units (metres) covered by one pixel.
  public var metresPerPixel: Double { 1 / scale }

  /// The page position of a world coordinate.
  public func page(x: Double, y: Double) -> PagePoint {
    PagePoint(x: pageX(x), y: pageY(y))
  }

  /// The page x of a world x.
  public func pageX(_ x: Double) -> Double { offsetX + x * scale }
  /// The page y of a world y (flipped: north up).
  public func pageY(_ y: Double) -> Double { offsetY - y * scale }

  /// The world coordinate under a page position (the inverse of `page(x:y:)`).
  public func world(_ point: PagePoint) -> (x: Double, y: Double) {
    ((point.x - offsetX) / scale, (offsetY - point.y) / scale)
  }

  /// The page rectangle the extent actually occupies (inside the frame, centred).
  public var occupiedRect: PageRect {
    PageRect(
      x: pageX(extent.minX), y: pageY(extent.maxY), width: extent.width * scale, height: extent.height * scale
    )
  }
}
