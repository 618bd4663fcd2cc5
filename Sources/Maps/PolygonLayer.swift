/// Polygons (or lines) drawn as one group: a choropleth, a categorical fill, or outlines.
public struct PolygonLayer: Sendable, Hashable {
  /// Name used as the legend heading for single-style layers and in the group's `data-layer`.
  public var title: String
  /// The features, drawn in this order.
  public var features: [MapFeature]
  /// How each feature is styled.
  public var symbology: Symbology
  /// Labels inside the polygons; `nil` for none.
  public var labels: LabelOptions?
  /// Douglas–Peucker tolerance in pixels, applied once per shared boundary: below the display
  /// resolution the file gets smaller and nobody can see the difference.
  public var simplification: Double
  /// Rings that cover less than this many square pixels after rounding to the pixel grid are
  /// left out (a ring on integer pixels has an area that is a multiple of ½, so the default
  /// drops only rings that collapsed to nothing).
  public var minimumRingArea: Double
  /// Whether the layer appears in the legend.
  public var showsInLegend: Bool

  /// A polygon layer.
  public init(
    title: String, features: [MapFeature], symbology: Symbology = .single(LayerStyle()),
    labels: LabelOptions? = nil, simplification: Double = 0.5, minimumRingArea: Double = 0.5,
    showsInLegend: Bool = true
  ) {
    self.title = title
    self.features = features
    self.symbology = symbology
    self.labels = labels
    self.simplification = simplification
    self.minimumRingArea = minimumRingArea
    self.showsInLegend = showsInLegend
  }
}

/// How labels are placed inside polygons.
public struct LabelOptions: Sendable, Hashable {
  /// The smallest font size used; a label that does not fit at this size is dropped.
  public var minimumFontSize: Double
  /// The largest font size used, however roomy the polygon.
  public var maximumFontSize: Double
  /// Text colour.
  public var color: Color
  /// Halo colour (drawn under the text with `paint-order: stroke`).
  public var haloColor: Color
  /// Halo width in pixels.
  public var haloWidth: Double
  /// Whether a label with spaces may be broken onto two lines when that lets it be larger.
  public var allowsTwoLines: Bool
  /// Bold text.
  public var isBold: Bool

  /// Label options.
  public init(
    minimumFontSize: Double = 8, maximumFontSize: Double = 16, color: Color = .darkGrey,
    haloColor: Color = .white, haloWidth: Double = 3, allowsTwoLines: Bool = true, isBold: Bool = false
  ) {
    self.minimumFontSize = minimumFontSize
    self.maximumFontSize = max(minimumFontSize, maximumFontSize)
    self.color = color
    self.haloColor = haloColor
    self.haloWidth = haloWidth
    self.allowsTwoLines = allowsTwoLines
    self.isBold = isBold
  }
}
