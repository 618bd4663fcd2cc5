/// A diagonal line pattern used as a fill (for "no data", gaps and slivers): readable in print
/// and for colour-blind readers, where a second shade of grey would not be.
public struct Hatch: Sendable, Hashable {
  /// Line colour.
  public var color: Color
  /// Colour behind the lines; `nil` leaves what is underneath visible.
  public var background: Color?
  /// Distance between lines, in pixels.
  public var spacing: Double
  /// Line angle in degrees, counter-clockwise from horizontal.
  public var angle: Double
  /// Line width in pixels.
  public var lineWidth: Double

  /// A hatch pattern.
  public init(
    color: Color, background: Color? = nil, spacing: Double = 6, angle: Double = 45, lineWidth: Double = 1.5
  ) {
    self.color = color
    self.background = background
    self.spacing = spacing
    self.angle = angle
    self.lineWidth = lineWidth
  }

  /// The conventional "no data" fill: grey lines on a pale grey background.
  public static let noData = Hatch(color: Color.grey, background: Color(0xF2F2F2))
}

/// What fills a polygon.
public enum Fill: Sendable, Hashable {
  /// Nothing: the polygon is drawn as an outline only.
  case none
  /// A flat colour.
  case color(Color)
  /// A line pattern.
  case hatch(Hatch)
}

/// How one feature (or every feature of a layer) is drawn.
public struct LayerStyle: Sendable, Hashable {
  /// Interior paint.
  public var fill: Fill
  /// Outline colour; `nil` for no outline.
  public var stroke: Color?
  /// Outline width in pixels (kept constant under zoom by `vector-effect: non-scaling-stroke`).
  public var strokeWidth: Double
  /// Opacity of the whole feature, 0–1.
  public var opacity: Double
  /// Opacity of the fill alone, 0–1 (lets outlines stay crisp over translucent fills).
  public var fillOpacity: Double
  /// Dash pattern in pixels (`[4, 2]`); empty for a solid line.
  public var dash: [Double]
  /// Outline each polygon in its own fill colour when it has no stroke, so the anti-aliased
  /// seam between two neighbours does not show the page through as a hairline.
  public var sealsSeams: Bool

  /// A style; the defaults draw a mid-grey polygon with a thin white outline.
  public init(
    fill: Fill = .color(Color(0xBDBDBD)), stroke: Color? = .white, strokeWidth: Double = 0.5,
    opacity: Double = 1, fillOpacity: Double = 1, dash: [Double] = [], sealsSeams: Bool = true
  ) {
    self.fill = fill
    self.stroke = stroke
    self.strokeWidth = strokeWidth
    self.opacity = opacity
    self.fillOpacity = fillOpacity
    self.dash = dash
    self.sealsSeams = sealsSeams
  }

  /// Outlines only (boundaries drawn over another layer).
  public static func outline(_ color: Color = .darkGrey, width: Double = 1.5, dash: [Double] = [])
    -> LayerStyle
  {
    LayerStyle(fill: .none, stroke: color, strokeWidth: width, dash: dash, sealsSeams: false)
  }

  /// A flat fill with a thin outline.
  public static func filled(_ color: Color, stroke: Color? = .white, strokeWidth: Double = 0.5) -> LayerStyle
  {
    LayerStyle(fill: .color(color), stroke: stroke, strokeWidth: strokeWidth)
  }

  /// The "no data" style: grey hatch, grey outline.
  public static let noData = LayerStyle(
    fill: .hatch(.noData), stroke: Color.grey, strokeWidth: 0.5, sealsSeams: false)

  /// This style with another fill.
  public func with(fill: Fill) -> LayerStyle {
    var copy = self
    copy.fill = fill
    return copy
  }
}
