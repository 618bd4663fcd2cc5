import Foundation

/// A study area described in one YAML file (issue 6): the layers and their roles, the population
/// layer, the assets with their reach, thresholds, which pairs to compare and where to write.
/// File paths are relative to the config file.
public struct StudyConfig: Sendable {
  /// A polygon layer of the study.
  public struct AreaLayer: Sendable, Hashable {
    /// The layer's name in tables, file names and the report (`name:`).
    public var name: String
    /// Resident-defined neighbourhoods (`community`) or statutory units (`statutory`).
    public var role: Role
    /// The file, relative to the config's folder (`file:`).
    public var file: String
    /// The property holding feature ids (`id_field:`); detected when nil.
    public var idField: String?
    /// The property holding feature names (`name_field:`); detected when nil.
    public var nameField: String?
    /// The CRS of the file's coordinates when it does not say (`crs:`).
    public var crs: String?
    /// The feature table to read when the file is a GeoPackage holding several.
    public var layer: String? = nil
    /// The config line the layer starts on (for messages).
    public var line: Int
    /// Residents' drawings to make the layer from (a community layer: its consensus map).
    public var sketches: SketchSource? = nil
    /// The layer's own attribution line for maps (the OS/ONS lines are added for GB data only).
    public var attribution: String? = nil
  }

  /// What a layer stands for in the study.
  public enum Role: String, Sendable, Hashable {
    /// Neighbourhoods as residents see them: each is compared with the statutory layers.
    case community
    /// Health and council geographies (PCNs, wards, LSOAs).
    case statutory
  }

  /// A category of asset and how far it reaches.
  public struct AssetLayer: Sendable, Hashable {
    /// The category name (`category:`), e.g. gp or pharmacy.
    public var category: String
    /// The file, relative to the config's folder (`file:`).
    public var file: String
    /// How far the category reaches, in metres (`radius:`).
    public var radius: Double
    /// The CRS of the file's coordinates when it does not say (`crs:`).
    public var crs: String?
    /// The feature table to read when the file is a GeoPackage holding several.
    public var layer: String? = nil
    /// The config line the entry starts on (for messages).
    public var line: Int
    /// The same category at an earlier date (issue 19: the report's "What changed"), and how the
    /// two dates are named.
    public var before: String? = nil
    /// How the earlier date is named ("2022-01").
    public var beforeLabel: String? = nil
    /// How the later date is named ("2025-10").
    public var afterLabel: String? = nil
  }

  /// Where the study's people come from.
  public struct PopulationSource: Sendable, Hashable {
    /// The file, relative to the config's folder (`file:`).
    public var file: String
    /// The count field (`field:`).
    public var field: String
    /// The CRS of the file's coordinates when it does not say (`crs:`).
    public var crs: String?
    /// The feature table to read when the file is a GeoPackage holding several.
    public var layer: String? = nil
    /// The config line the entry starts on (for messages).
    public var line: Int
  }

  /// Two layers to compare, by name; A is the one that gets per-feature cards.
  public struct Pair: Sendable, Hashable {
    /// The layer that gets per-feature cards.
    public var a: String
    /// The layer it is compared with.
    public var b: String
    /// The config line of the pair (for messages).
    public var line: Int
  }

  /// The study's title (`study:`).
  public var study: String
  /// The config file's path.
  public var path: String
  /// The config file's folder: file paths are relative to it.
  public var directory: String
  /// The output folder, relative to the config's folder (`output:`).
  public var output: String
  /// The CRS to measure in (`working_crs:`); nil takes the first layer's.
  public var workingCRS: String?
  /// τ, the share above which a piece counts as the whole (`thresholds: tolerance:`).
  public var tolerance: Double = 0.95
  /// Pieces narrower than this (metres) are slivers (`sliver_width:`).
  public var sliverWidth: Double = 20
  /// Pieces smaller than this (m²) are slivers (`min_area:`).
  public var minArea: Double = 100
  /// Holes in a layer smaller than this (m²) are gaps (`max_gap_area:`).
  public var maxGapArea: Double = 100_000
  /// Buffer segments per quarter circle for the assets' reach (`quadrant_segments:`).
  public var quadrantSegments: Int = 8
  /// The area layers, in config order.
  public var layers: [AreaLayer] = []
  /// The population, if the study has one.
  public var population: PopulationSource?
  /// The asset categories, in config order.
  public var assets: [AssetLayer] = []
  /// The pairs listed under `pairs:`; empty compares every community layer with every statutory
  /// one.
  public var pairs: [Pair] = []
  /// A statutory layer derived from GP registrations (issue 15).
  public var registrations: RegistrationsSource?

  /// `file` resolved against the config's folder.
  public func resolve(_ file: String) -> String {
    file.hasPrefix("/") ? file : (directory as NSString).appendingPathComponent(file)
  }

  /// The pairs to compare: those listed, or every community layer against every statutory one.
  public var comparedPairs: [Pair] {
    if !pairs.isEmpty { return pairs }
    let statutory = layers.filter { $0.role == .statutory } + (registrations.map { [$0.areaLayer] } ?? [])
    return layers.filter { $0.role == .community }.flatMap { a in
      statutory.map { Pair(a: a.name, b: $0.name, line: a.line) }
    }
  }

  /// The area layer called `name`, if any (the registrations' derived layer too).
  public func layer(named name: String) -> AreaLayer? {
    layers.first { $0.name == name } ?? registrations.map(\.areaLayer).flatMap { $0.name == name ? $0 : nil }
  }
}
