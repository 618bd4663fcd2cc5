import GeoCore

/// A layer of a map, drawn in the order the document lists them.
public enum MapLayer: Sendable, Hashable {
  /// Polygons (or lines).
  case polygons(PolygonLayer)
  /// Point symbols.
  case points(PointLayer)
}

/// A whole map page: layers in the projected working CRS, a title, a legend, a scale bar, a north
/// arrow and an attribution line, rendered as one self-contained SVG file.
///
/// ```swift
/// var map = MapDocument(width: 1000, height: 800, title: "Trafford wards")
/// map.add(PolygonLayer(title: "Wards", features: wards, symbology: .choropleth(density)))
/// try map.write(toFile: "/tmp/wards.svg")
/// ```
public struct MapDocument: Sendable, Hashable {
  /// The attribution required by the OS and ONS open licences (DESIGN §8).
  public static let defaultAttribution =
    "Contains OS data © Crown copyright and database right 2024. Contains public sector information licensed under the Open Government Licence v3.0."

  /// The attribution a map's data ask for: the OS/ONS lines belong on Great Britain data only
  /// (a working CRS of British National Grid); other data get none unless `own` lines are given
  /// (a study can give a layer its own attribution), which follow.
  public static func attribution(forWorkingCRS crs: String, own: [String] = []) -> String {
    let isGreatBritain =
      crs == "EPSG:27700" || crs.hasSuffix("EPSG::27700") || crs.contains("+init=epsg:27700")
    return ((isGreatBritain ? [defaultAttribution] : []) + own.filter { !$0.isEmpty }).joined(separator: " ")
  }

  /// Page width in pixels.
  public var width: Int
  /// Page height in pixels.
  public var height: Int
  /// Title at the top of the page (and the SVG's accessible name); empty for none.
  public var title: String
  /// A smaller line under the title; `nil` for none.
  public var subtitle: String?
  /// Attribution at the foot of the page.
  public var attribution: String
  /// Layers, drawn first to last.
  public var layers: [MapLayer]
  /// The part of the world to show; `nil` fits every layer.
  public var extent: BoundingBox?
  /// Whether to draw a scale bar.
  public var showsScaleBar: Bool
  /// Whether to draw a north arrow.
  public var showsNorthArrow: Bool
  /// Whether to draw the legend panel (on the right of the map).
  public var showsLegend: Bool
  /// The CSS font family of every text.
  public var fontFamily: String

  /// An empty map page.
  public init(
    width: Int, height: Int, title: String, subtitle: String? = nil,
    attribution: String = MapDocument.defaultAttribution
  ) {
    self.width = width
    self.height = height
    self.title = title
    self.subtitle = subtitle
    self.attribution = attribution
    layers = []
    extent = nil
    showsScaleBar = true
    showsNorthArrow = true
    showsLegend = true
    fontFamily = "Helvetica, Arial, sans-serif"
  }

  /// Adds a polygon layer on top of the layers already added.
  public mutating func add(_ layer: PolygonLayer) { layers.append(.polygons(layer)) }

  /// Adds a point layer on top of the layers already added.
  public mutating func add(_ layer: PointLayer) { layers.append(.points(layer)) }

  /// The SVG text. The same document always gives the same bytes.
  public func render() throws(MapError) -> String {
    try rendering().svg
  }

  /// The SVG with what went into it: the projection, the scale bar, the labels drawn and
  /// counts of what was simplified or left out.
  public func rendering() throws(MapError) -> MapRendering {
    var renderer = MapRenderer(document: self)
    return try renderer.render()
  }

  /// Renders and writes the SVG atomically to `path` (see `AtomicFile`).
  public func write(toFile path: String) throws(MapError) {
    let svg = try render()
    do {
      try AtomicFile.write(svg, to: path)
    } catch {
      throw .write(path: path, message: error.reason)
    }
  }
}

/// A rendered map and what the renderer decided.
public struct MapRendering: Sendable {
  /// The SVG document.
  public let svg: String
  /// How world coordinates were put on the page.
  public let projection: MapProjection
  /// The scale bar drawn, if any.
  public let scaleBar: ScaleBar?
  /// Labels drawn (dropped ones are only counted).
  public let labels: [PlacedLabel]
  /// Counts for reports and tests.
  public let statistics: MapStatistics
}

/// Counts of what the renderer drew and left out.
public struct MapStatistics: Sendable, Hashable {
  /// Features with at least one ring or point drawn.
  public var featuresDrawn = 0
  /// Features whose every ring collapsed below the minimum ring area at this scale.
  public var featuresTooSmall = 0
  /// Vertices of the polygon layers' arcs before simplification.
  public var arcPointsBefore = 0
  /// Vertices kept after simplification.
  public var arcPointsKept = 0
  /// Arcs (shared boundaries counted once).
  public var arcs = 0
  /// Label candidates that could not be placed (too small or colliding).
  public var labelsDropped = 0
  /// Features whose label position GEOS could not compute (layer, id and GEOS's message).
  public var labelErrors: [String] = []

  /// Empty counts.
  public init() {}
}
