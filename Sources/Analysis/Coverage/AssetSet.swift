import GeoCore
import Layers

/// Community assets (GP practices, pharmacies, libraries, green space) with a category each, in
/// the working CRS. Points reach from where they stand; polygons (parks, buildings) from their
/// edge.
public struct AssetSet: Sendable {
  /// One asset.
  public struct Asset: Sendable, Hashable {
    /// The category it counts for (pharmacy, gp, library…).
    public var category: String
    /// Its id in its layer (detected or given), as the outputs list it.
    public var id: String
    /// Its name, when the layer has a name field.
    public var name: String?
    /// The layer it came from and its position there.
    public var layer: String
    /// Its position among the layer's features (0-based).
    public var index: Int
    /// Where it is, in the working CRS: a point or a polygon.
    public var geometry: FlatGeometry
  }

  /// Every asset, in the order the layers and their features were added.
  public var assets: [Asset]

  /// A set of already categorised assets.
  public init(assets: [Asset]) {
    self.assets = assets
  }

  /// Categories in first-seen order.
  public var categories: [String] {
    var seen = Set<String>()
    return assets.compactMap { seen.insert($0.category).inserted ? $0.category : nil }
  }

  /// Assets of one category.
  public func assets(in category: String) -> [Asset] { assets.filter { $0.category == category } }

  /// Adds a layer's features: each gets `category`, or the value of `categoryField` (an error
  /// names the feature when the field is missing or blank).
  public mutating func add(_ layer: Layer, category: String?, categoryField: String?) throws(LayerError) {
    if let categoryField, !layer.features.contains(where: { $0.properties[categoryField] != nil }) {
      let keys = layer.features.first.map { $0.properties.keys.joined(separator: ", ") } ?? "none"
      throw .badOption(
        "\(layer.source): no feature has the category field \"\(categoryField)\"; properties are: \(keys)")
    }
    for feature in layer.features {
      let assetCategory: String
      if let categoryField {
        guard let value = feature.properties[categoryField]?.text, !value.isEmpty else {
          throw .badFeature(
            layer.source, index: feature.index, id: feature.id,
            "no value for the category field \"\(categoryField)\"")
        }
        assetCategory = value
      } else {
        assetCategory = category ?? layer.name
      }
      assets.append(
        Asset(
          category: assetCategory, id: feature.id, name: feature.name, layer: layer.name,
          index: feature.index,
          geometry: feature.geometry))
    }
  }

  /// Assets of the same category standing at exactly the same spot (same geometry): each group
  /// lists asset positions in `assets`.
  public var duplicates: [[Int]] {
    // The same category and the same coordinates, bit for bit (hashed as numbers, not text).
    struct Spot: Hashable {
      let category: String
      let bits: [UInt64]
    }
    var groups: [Spot: [Int]] = [:]
    for (i, asset) in assets.enumerated() {
      groups[Spot(category: asset.category, bits: asset.geometry.coordinates.map(\.bitPattern)), default: []]
        .append(i)
    }
    return groups.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
  }
}
