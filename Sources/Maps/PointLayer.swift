/// A symbol shape for points. Shapes as well as colours tell categories apart, so the map still
/// reads in greyscale print and for colour-blind readers.
public enum PointSymbol: String, Sendable, Hashable, CaseIterable {
  /// The shapes, in the order categories without a listed symbol take them.
  case circle, square, triangle, diamond, cross, invertedTriangle

  /// SVG markup of the shape centred on the origin, `size` pixels across.
  func markup(size: Double) -> String {
    let h = size / 2
    let n = NumberText.coordinate
    switch self {
    case .circle:
      return "<circle r=\"\(n(h))\"/>"
    case .square:
      let side = size * 0.88
      return "<rect x=\"\(n(-side / 2))\" y=\"\(n(-side / 2))\" width=\"\(n(side))\" height=\"\(n(side))\"/>"
    case .triangle, .invertedTriangle:
      // An equilateral triangle around its centroid, a little larger so it looks as heavy as the circle.
      let r = h * 1.25
      let sign = self == .triangle ? 1.0 : -1.0
      let top = -r * sign, base = r / 2 * sign, halfWidth = r * 0.866
      return "<path d=\"M0 \(n(top))L\(n(halfWidth)) \(n(base))L\(n(-halfWidth)) \(n(base))z\"/>"
    case .diamond:
      let r = h * 1.2
      return "<path d=\"M0 \(n(-r))L\(n(r)) 0L0 \(n(r))L\(n(-r)) 0z\"/>"
    case .cross:
      let a = h * 1.1, b = h * 0.38
      return
        "<path d=\"M\(n(-b)) \(n(-a))H\(n(b))V\(n(-b))H\(n(a))V\(n(b))H\(n(b))V\(n(a))H\(n(-b))V\(n(b))H\(n(-a))V\(n(-b))H\(n(-b))z\"/>"
    }
  }
}

/// How the points of one category look.
public struct PointCategory: Sendable, Hashable {
  /// The category as found in `MapFeature.category` (`nil` matches points without one).
  public var name: String?
  /// Legend text; defaults to the category name.
  public var label: String
  /// Shape.
  public var symbol: PointSymbol
  /// Fill colour.
  public var color: Color
  /// Size across, in pixels.
  public var size: Double

  /// A point category.
  public init(_ name: String?, label: String? = nil, symbol: PointSymbol, color: Color, size: Double = 9) {
    self.name = name
    self.label = label ?? name ?? "Other"
    self.symbol = symbol
    self.color = color
    self.size = size
  }
}

/// Points (GP practices, pharmacies, libraries…) drawn with a symbol per category.
public struct PointLayer: Sendable, Hashable {
  /// Legend heading.
  public var title: String
  /// Point (or MultiPoint) features; `category` picks the symbol.
  public var features: [MapFeature]
  /// Symbols by category, in legend order. Categories not listed get the next unused shape and
  /// Okabe–Ito colour, in ascending order of name.
  public var categories: [PointCategory]
  /// Outline colour around every symbol (keeps it visible on any fill).
  public var outline: Color
  /// Whether the layer appears in the legend.
  public var showsInLegend: Bool

  /// A point layer.
  public init(
    title: String, features: [MapFeature], categories: [PointCategory] = [], outline: Color = .white,
    showsInLegend: Bool = true
  ) {
    self.title = title
    self.features = features
    self.categories = categories
    self.outline = outline
    self.showsInLegend = showsInLegend
  }

  /// The listed categories followed by one for every other category the features use.
  func resolvedCategories() -> [PointCategory] {
    var result = categories
    let listed = Set(categories.map(\.name))
    var unlisted: [String?] = []
    var seen = Set<String?>()
    for feature in features where !listed.contains(feature.category) && !seen.contains(feature.category) {
      seen.insert(feature.category)
      unlisted.append(feature.category)
    }
    // Darker Okabe–Ito colours first: points sit on top of fills and need contrast.
    let colors = [0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0x000000].map {
      Color(UInt32($0))
    }
    let usedSymbols = Set(result.map(\.symbol))
    var freeSymbols = PointSymbol.allCases.filter { !usedSymbols.contains($0) }
    if freeSymbols.isEmpty { freeSymbols = PointSymbol.allCases }
    let sorted = unlisted.sorted { ($0 ?? "\u{10FFFF}") < ($1 ?? "\u{10FFFF}") }
    for (k, name) in sorted.enumerated() {
      let symbol = freeSymbols[k % freeSymbols.count]
      result.append(PointCategory(name, symbol: symbol, color: colors[(result.count) % colors.count]))
    }
    return result
  }
}
