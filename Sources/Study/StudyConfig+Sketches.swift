import Analysis
import Yams

extension StudyConfig {
  /// A community layer given as residents' drawings (`sketches:`): the study runs the consensus
  /// and uses its neighbourhood map as the layer.
  public struct SketchSource: Sendable, Hashable {
    /// The drawings' file, relative to the config.
    public var file: String
    /// The drawings' CRS when the file does not say.
    public var crs: String?
    /// The consensus parameters (name field, respondent field, levels, thresholds).
    public var options: ConsensusOptions
    /// The config line `sketches` is on.
    public var line: Int
  }
}

extension YAMLReader {
  /// `sketches: {file, name_field, respondent_field, levels, min_drawings, outlier_iou,
  /// map_level, crs}`.
  func sketchSource(_ node: Node, directory: String) throws(StudyConfigError) -> StudyConfig.SketchSource {
    let allowed = [
      "file", "name_field", "respondent_field", "levels", "min_drawings", "outlier_iou", "map_level", "crs",
    ]
    var file: String?, crs: String?
    var options = ConsensusOptions()
    for (key, _, value) in try mapping(node, "sketches", allowed: allowed) {
      switch key {
      case "file": file = try existingFile(value, key, directory: directory)
      case "name_field": options.nameField = try string(value, key)
      case "respondent_field": options.respondentField = try string(value, key)
      case "levels":
        let items: [Node]
        if case .sequence(let list) = value { items = Array(list) } else { items = [value] }
        var levels: [AgreementLevel] = []
        for item in items {
          guard let text = item.string, let level = AgreementLevel(text) else {
            throw fail(item, "levels must be decimals in (0, 1], found \(Self.shown(item))")
          }
          if !levels.contains(level) { levels.append(level) }
        }
        guard !levels.isEmpty else { throw fail(value, "levels must list at least one level") }
        options.levels = levels.sorted()
      case "min_drawings": options.minimumDrawings = Int(try number(value, key, range: 1...1_000_000))
      case "outlier_iou": options.outlierIoU = try number(value, key, range: 0...1)
      case "map_level":
        guard let text = value.string, let level = AgreementLevel(text) else {
          throw fail(value, "map_level must be a decimal in (0, 1], found \(Self.shown(value))")
        }
        options.mapLevel = level
      default: crs = try string(value, key)
      }
    }
    guard let file else { throw fail(node, "sketches needs \"file\" (the drawings)") }
    return .init(file: file, crs: crs, options: options, line: node.mark?.line ?? 1)
  }
}
