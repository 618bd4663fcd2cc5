import ArgumentParser
import Foundation
import GeoCore
import Layers
import Maps

/// `nbhd render LAYER[:style]… -o map.svg`: one self-contained SVG map.
struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Render layers to one self-contained SVG map (British National Grid for GB data): choropleth, "
      + "categories, labels, legend, scale bar, north arrow, attribution, tooltips.",
    discussion: """
      The first layer is the main one (choropleth, categories and labels apply to it); the others are drawn \
      on top in order. Styles: fill (default for the first layer), outline (default for other polygon \
      layers), points (default for point layers), or outline=#RRGGBB.
      """)

  @Argument(help: "Layers as PATH or PATH:STYLE.")
  var layers: [String]

  @Option(name: .shortAndLong, help: "Output SVG file.")
  var output: String

  @Option(help: "Numeric field of the first layer to colour by.")
  var choropleth: String?

  @Flag(
    name: .customLong("per-km2"), help: "Divide the choropleth value by the feature's area in km² (density).")
  var perSquareKilometre = false

  @Option(help: "Number of classes.")
  var classes: Int = 5

  @Option(help: "quantile, equal, jenks, or breaks=10,20,50.")
  var scheme: String = "quantile"

  @Option(help: "Palette: viridis, cividis, or diverging.")
  var palette: String = "viridis"

  @Option(help: "Field of the first layer to colour by category.")
  var categories: String?

  @Option(help: "Field of the first layer to label polygons with.")
  var labels: String?

  @Option(help: "Map title.")
  var title: String?

  @Option(help: "Page width in pixels.")
  var width: Int = 1000

  @Option(help: "Page height in pixels (default: width × 0.85).")
  var height: Int?

  @OptionGroup(title: "Reading the layers") var reading: InputOptions<MapLayerInput>

  func validate() throws {
    if layers.isEmpty { throw ValidationError("give at least one layer") }
    if choropleth != nil && categories != nil {
      throw ValidationError("use --choropleth or --categories, not both")
    }
    guard (2...12).contains(classes) else { throw ValidationError("--classes must be 2 to 12") }
    guard (200...10_000).contains(width) else { throw ValidationError("--width must be 200 to 10000 pixels") }
    _ = try method(values: [])
    guard ["viridis", "cividis", "diverging"].contains(palette) else {
      throw ValidationError("--palette must be viridis, cividis or diverging")
    }
  }

  func method(values: [Double]) throws -> ClassificationMethod {
    switch scheme {
    case "quantile": return .quantile(classes)
    case "equal": return .equalInterval(classes)
    case "jenks": return .jenks(classes)
    default:
      guard scheme.hasPrefix("breaks=") else {
        throw ValidationError("--scheme must be quantile, equal, jenks or breaks=…")
      }
      let breaks = scheme.dropFirst(7).split(separator: ",").map {
        Double($0.trimmingCharacters(in: .whitespaces))
      }
      guard !breaks.isEmpty, breaks.allSatisfy({ $0 != nil }) else {
        throw ValidationError(
          "--scheme breaks=… needs numbers separated by commas, e.g. breaks=100,1000,5000")
      }
      return .explicit(breaks.map { $0! })
    }
  }

  func run() throws {
    var map = MapDocument(width: width, height: height ?? Int(Double(width) * 0.85), title: title ?? "")
    var working: String?
    var clock = StageClock()
    for (position, argument) in layers.enumerated() {
      let (path, style) = Self.split(argument)
      let layer = try reportingFailures {
        try reading.load(path, options: reading.loadOptions(workingCRS: working))
      }
      clock.lap("load")
      working = working ?? layer.crs
      if map.title.isEmpty { map.title = layer.name }
      if layer.isPuntal || style == "points" {
        map.add(
          PointLayer(
            title: layer.name,
            features: layer.features.map { feature(layer, $0, value: nil, category: layer.name) }))
        continue
      }
      if position == 0 {
        map.add(try mainLayer(layer))
      } else {
        let colour =
          style.flatMap { $0.hasPrefix("outline=") ? Color(hex: String($0.dropFirst(8))) : nil } ?? .darkGrey
        map.add(
          PolygonLayer(
            title: layer.name, features: layer.features.map { feature(layer, $0, value: nil, category: nil) },
            symbology: .single(.outline(colour, width: 1.5))))
      }
    }
    do {
      try map.write(toFile: output)
    } catch {
      throw CommandFailure(badInput: "\(output): \(error)")
    }
    clock.lap("render")
    let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
    StandardError.write("\(output): \(Count.grouped(size)) bytes")
  }

  func mainLayer(_ layer: Layer) throws -> PolygonLayer {
    var features: [MapFeature] = []
    for item in layer.features {
      var value: Double?
      if let choropleth {
        guard layer.features.contains(where: { $0.properties[choropleth] != nil }) else {
          throw CommandFailure(usage: "\(layer.source): no feature has the field \"\(choropleth)\"")
        }
        value = item.properties[choropleth]?.numberValue
        if perSquareKilometre, let v = value {
          let km2 = item.geometry.polygonalArea / 1_000_000
          value = km2 > 0 ? v / km2 : nil
        }
      }
      features.append(
        feature(layer, item, value: value, category: categories.flatMap { item.properties[$0]?.text }))
    }
    let labelOptions = labels.map { _ in LabelOptions(minimumFontSize: 8, maximumFontSize: 14) }
    if let choropleth {
      let chosen: Palette =
        palette == "cividis" ? .cividis : palette == "diverging" ? .orangePurple : .viridis
      let name = perSquareKilometre ? "\(choropleth) per km²" : choropleth
      return PolygonLayer(
        title: layer.name, features: features,
        symbology: .choropleth(
          Choropleth(
            method: try method(values: features.compactMap(\.value)), palette: chosen, valueName: name)),
        labels: labelOptions)
    }
    if let categories {
      let isMismatch = Set(features.compactMap(\.category)).isSubset(of: [
        "coterminous", "within", "aggregate", "split", "outside",
      ])
      let colours =
        isMismatch
        ? CategoryColors.mismatchClasses()
        : CategoryColors(
          assignment: .distinctFromNeighbours(CategoricalPalette.okabeIto), heading: categories,
          base: LayerStyle(stroke: .white, strokeWidth: 1, fillOpacity: 0.7))
      return PolygonLayer(
        title: layer.name, features: features, symbology: .categories(colours), labels: labelOptions)
    }
    return PolygonLayer(
      title: layer.name, features: features,
      symbology: .single(.filled(Color(0xCFE3F3), stroke: .darkGrey, strokeWidth: 0.8)),
      labels: labelOptions)
  }

  func feature(_ layer: Layer, _ item: LayerFeature, value: Double?, category: String?) -> MapFeature {
    let labelText = labels.flatMap { item.properties[$0]?.text }
    return MapFeature(
      id: item.id, name: item.name, geometry: item.geometry, value: value, category: category,
      labelText: labelText)
  }

  /// `path:style` → (path, style); a bare path (or one whose suffix is not a style) → (path, nil).
  static func split(_ argument: String) -> (String, String?) {
    guard let colon = argument.lastIndex(of: ":") else { return (argument, nil) }
    let style = String(argument[argument.index(after: colon)...])
    let known = ["fill", "outline", "points"]
    guard known.contains(where: { style == $0 || style.hasPrefix($0 + "=") }) else { return (argument, nil) }
    return (String(argument[..<colon]), style)
  }
}
