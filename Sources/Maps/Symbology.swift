/// How a polygon layer chooses each feature's style.
public enum Symbology: Sendable, Hashable {
  /// Every feature alike.
  case single(LayerStyle)
  /// Colour by the feature's `value`, in classes.
  case choropleth(Choropleth)
  /// Colour by the feature's `category`.
  case categories(CategoryColors)
}

/// A choropleth: values put into classes, one palette colour per class, a hatch for no data.
public struct Choropleth: Sendable, Hashable {
  /// How the classes are made.
  public var method: ClassificationMethod
  /// Sampled into one colour per class, low values first.
  public var palette: Palette
  /// Outline and opacity; its fill is replaced by the class colour.
  public var base: LayerStyle
  /// Style of features without a value.
  public var noData: LayerStyle
  /// What the value is, for the legend heading and tooltips ("Residents per km²").
  public var valueName: String
  /// Decimals in the legend and tooltips; `nil` chooses from the width of the classes.
  public var decimals: Int?

  /// A choropleth; by default no outlines (neighbours' seams are sealed instead), so dense
  /// areas of small units are not drowned in boundary lines.
  public init(
    method: ClassificationMethod, palette: Palette = .viridis, valueName: String,
    base: LayerStyle = LayerStyle(stroke: nil, strokeWidth: 0.5), noData: LayerStyle = .noData,
    decimals: Int? = nil
  ) {
    self.method = method
    self.palette = palette
    self.base = base
    self.noData = noData
    self.valueName = valueName
    self.decimals = decimals
  }
}

/// How categories get their colours.
public enum CategoryAssignment: Sendable, Hashable {
  /// A fixed mapping, in legend order (for classes whose colour must never change, such as
  /// `CategoricalPalette.mismatchClasses`); other categories are drawn as no data.
  case fixed([CategoryColor])
  /// The categories in ascending order take the palette's colours in turn.
  case cycling([Color])
  /// Each category takes the first palette colour none of its already coloured neighbours has
  /// (greedy colouring over the shared-boundary graph, largest neighbour count first), so
  /// touching areas always differ even with many more categories than colours.
  case distinctFromNeighbours([Color])
}

/// A category name with its colour.
public struct CategoryColor: Sendable, Hashable {
  /// The category as found in `MapFeature.category`.
  public var name: String
  /// Its fill colour.
  public var color: Color

  /// A category colour.
  public init(_ name: String, _ color: Color) {
    self.name = name
    self.color = color
  }
}

/// A categorical polygon layer's styling.
public struct CategoryColors: Sendable, Hashable {
  /// How colours are assigned.
  public var assignment: CategoryAssignment
  /// Outline and opacity; the fill is replaced by the category colour.
  public var base: LayerStyle
  /// Style of features without a category (or one missing from a fixed mapping).
  public var noData: LayerStyle
  /// Legend heading ("Primary care network").
  public var heading: String

  /// Categorical styling.
  public init(
    assignment: CategoryAssignment = .cycling(CategoricalPalette.okabeIto), heading: String,
    base: LayerStyle = LayerStyle(stroke: .white, strokeWidth: 0.75), noData: LayerStyle = .noData
  ) {
    self.assignment = assignment
    self.base = base
    self.noData = noData
    self.heading = heading
  }

  /// The crosswalk classes (coterminous, within, aggregate, split, outside) in their fixed
  /// colour-blind-safe colours.
  public static func mismatchClasses(heading: String = "Fit with the other layer") -> CategoryColors {
    CategoryColors(
      assignment: .fixed(CategoricalPalette.mismatchClasses.map { CategoryColor($0.name, $0.color) }),
      heading: heading)
  }
}
