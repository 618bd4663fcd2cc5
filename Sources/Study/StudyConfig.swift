import Foundation

/// A study area described in one YAML file (issue 6): the layers and their roles, the population
/// layer, the assets with their reach, thresholds, which pairs to compare and where to write.
/// File paths are relative to the config file.
public struct StudyConfig: Sendable {
  /// A polygon layer of the study.
  public struct AreaLayer: Sendable, Hashable {
    public var name: String
    /// Resident-defined neighbourhoods (`community`) or statutory units (`statutory`).
    public var role: Role
    public var file: String
    public var idField: String?
    public var nameField: String?
    public var crs: String?
    /// The config line the layer starts on (for messages).
    public var line: Int
    /// Residents' drawings to make the layer from (a community layer: its consensus map).
    public var sketches: SketchSource? = nil
    /// The layer's own attribution line for maps (the OS/ONS lines are added for GB data only).
    public var attribution: String? = nil
  }

  public enum Role: String, Sendable, Hashable {
    case community, statutory
  }

  /// A category of asset and how far it reaches.
  public struct AssetLayer: Sendable, Hashable {
    public var category: String
    public var file: String
    public var radius: Double
    public var crs: String?
    public var line: Int
  }

  public struct PopulationSource: Sendable, Hashable {
    public var file: String
    public var field: String
    public var crs: String?
    public var line: Int
  }

  /// Two layers to compare, by name; A is the one that gets per-feature cards.
  public struct Pair: Sendable, Hashable {
    public var a: String
    public var b: String
    public var line: Int
  }

  public var study: String
  /// The config file's path and folder (paths are relative to the folder).
  public var path: String
  public var directory: String
  public var output: String
  public var workingCRS: String?
  public var tolerance: Double = 0.95
  public var sliverWidth: Double = 20
  public var minArea: Double = 100
  public var maxGapArea: Double = 100_000
  public var quadrantSegments: Int = 8
  public var layers: [AreaLayer] = []
  public var population: PopulationSource?
  public var assets: [AssetLayer] = []
  public var pairs: [Pair] = []

  /// `file` resolved against the config's folder.
  public func resolve(_ file: String) -> String {
    file.hasPrefix("/") ? file : (directory as NSString).appendingPathComponent(file)
  }

  /// The pairs to compare: those listed, or every community layer against every statutory one.
  public var comparedPairs: [Pair] {
    if !pairs.isEmpty { return pairs }
    return layers.filter { $0.role == .community }.flatMap { a in
      layers.filter { $0.role == .statutory }.map { Pair(a: a.name, b: $0.name, line: a.line) }
    }
  }

  public func layer(named name: String) -> AreaLayer? { layers.first { $0.name == name } }
}
