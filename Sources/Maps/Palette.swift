/// A continuous colour ramp given by evenly spaced stops, sampled into as many class colours as
/// a choropleth needs.
public struct Palette: Sendable, Hashable {
  /// A short name for the legend and documentation ("viridis").
  public let name: String
  /// Evenly spaced colours from the low end to the high end.
  public let stops: [Color]
  /// True for a ramp that diverges from a neutral middle (shares around a threshold).
  public let isDiverging: Bool

  /// A palette from its stops (at least one).
  public init(name: String, stops: [Color], isDiverging: Bool = false) {
    self.name = name
    self.stops = stops.isEmpty ? [Color.grey] : stops
    self.isDiverging = isDiverging
  }

  /// `count` colours spread evenly from the first stop to the last (linear in sRGB between
  /// neighbouring stops). One colour is the middle of the ramp.
  public func colors(count: Int) -> [Color] {
    guard count > 0 else { return [] }
    guard count > 1 else { return [color(at: 0.5)] }
    return (0..<count).map { color(at: Double($0) / Double(count - 1)) }
  }

  /// The colour at `position` (0 = low end, 1 = high end).
  public func color(at position: Double) -> Color {
    guard stops.count > 1 else { return stops[0] }
    let scaled = min(1, max(0, position)) * Double(stops.count - 1)
    let lower = min(stops.count - 2, Int(scaled.rounded(.down)))
    return stops[lower].mixed(with: stops[lower + 1], fraction: scaled - Double(lower))
  }

  /// The same ramp running the other way (for "more is darker" with viridis).
  public func reversed() -> Palette {
    Palette(name: name + " (reversed)", stops: stops.reversed(), isDiverging: isDiverging)
  }

  /// Viridis (matplotlib; van der Walt and Smith): perceptually uniform, readable in greyscale
  /// and with every common colour-vision deficiency. Nine samples at 0, 1/8, … 1.
  public static let viridis = Palette(
    name: "viridis",
    stops: [0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725].map(
      Color.init))

  /// Cividis (Nuñez, Anderton and Renslow): viridis reworked to look the same to readers with
  /// and without red–green colour blindness. Ten samples at 0, 1/9, … 1.
  public static let cividis = Palette(
    name: "cividis",
    stops: [
      0x00224E, 0x123570, 0x3B496C, 0x575D6D, 0x707173, 0x8A8678, 0xA59C74, 0xC3B369, 0xE1CC55, 0xFEE838,
    ]
    .map(Color.init))

  /// ColorBrewer PuOr (11 classes), orange below and purple above a neutral middle: the
  /// diverging ramp ColorBrewer marks colour-blind safe. For shares around a threshold, put the
  /// threshold at the middle break.
  public static let orangePurple = Palette(
    name: "orange–purple",
    stops: [
      0x7F3B08, 0xB35806, 0xE08214, 0xFDB863, 0xFEE0B6, 0xF7F7F7, 0xD8DAEB, 0xB2ABD2, 0x8073AC, 0x542788,
      0x2D004B,
    ].map(Color.init),
    isDiverging: true)
}

/// Fixed colours for categories: Okabe and Ito's eight colours, distinguishable with every common
/// colour-vision deficiency.
public enum CategoricalPalette {
  /// Okabe–Ito without black (black is kept for text and outlines): orange, sky blue, bluish
  /// green, yellow, blue, vermillion, reddish purple.
  public static let okabeIto: [Color] = [
    0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7,
  ]
  .map(Color.init)

  /// The overlap classes of the crosswalk (DESIGN §4), each always in the same colour so maps
  /// of different runs read alike: good fits in greens and blues, the problem class (`split`) in
  /// vermillion.
  public static let mismatchClasses: [(name: String, color: Color)] = [
    ("coterminous", Color(0x009E73)),
    ("within", Color(0x56B4E9)),
    ("aggregate", Color(0x0072B2)),
    ("split", Color(0xD55E00)),
    ("outside", Color(0xCC79A7)),
  ]

  /// The fixed colour of a crosswalk class, `nil` for an unknown class name.
  public static func color(forMismatchClass name: String) -> Color? {
    mismatchClasses.first { $0.name == name }?.color
  }
}
