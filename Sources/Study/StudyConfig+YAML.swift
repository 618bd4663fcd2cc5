import Foundation
import Yams

/// A mistake in a study config: the file, the line, and what to change.
public struct StudyConfigError: Error, CustomStringConvertible, Equatable {
  /// The config file.
  public var path: String
  /// The line the mistake is on (0 when the file could not be read).
  public var line: Int
  /// What is wrong and what to change.
  public var message: String
  /// `path:line: message`.
  public var description: String { "\(path):\(line): \(message)" }
}

extension StudyConfig {
  /// Reads and checks a config: unknown keys, wrong types, bad numbers and missing files are
  /// errors naming the line, found before any work starts.
  public static func load(_ path: String) throws(StudyConfigError) -> StudyConfig {
    // An empty file is not read: Foundation's contents(atPath:) leaks its 4 KB buffer for one
    // (found with AddressSanitizer, swift-foundation's zero-size read path on Linux).
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    guard let data = size == 0 ? Data() : FileManager.default.contents(atPath: path) else {
      throw StudyConfigError(
        path: path, line: 0, message: "cannot read the config file (not found or unreadable)")
    }
    return try parse(String(decoding: data, as: UTF8.self), path: path)
  }

  /// Checks the YAML `text` of a config read from `path` (which names it in messages and is the
  /// folder its file paths are relative to).
  public static func parse(_ text: String, path: String) throws(StudyConfigError) -> StudyConfig {
    if let line = YAMLNesting.lineTooDeep(text) {
      throw StudyConfigError(
        path: path, line: line,
        message: "nested more than \(YAMLNesting.limit) levels deep (lists, mappings or brackets); "
          + "a config needs a few")
    }
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw StudyConfigError(path: path, line: 1, message: "the config is empty")
      }
      root = node
    } catch let error as StudyConfigError {
      throw error
    } catch let error as YamlError {
      throw StudyConfigError(
        path: path, line: YAMLReader.line(of: error),
        message: "not valid YAML: \(YAMLReader.problem(of: error))")
    } catch {
      throw StudyConfigError(path: path, line: 1, message: "not valid YAML: \(error)")
    }
    var reader = YAMLReader(path: path)
    return try reader.study(root, path: path)
  }
}

/// Walks the YAML tree, keeping line numbers for every message.
struct YAMLReader {
  let path: String

  func fail(_ node: Node?, _ message: String) -> StudyConfigError {
    StudyConfigError(path: path, line: node?.mark?.line ?? 1, message: message)
  }

  static func line(of error: YamlError) -> Int {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return mark.line
    default: return 1
    }
  }

  /// Yams's problem and context on one line (its own description spans several, quoting the YAML).
  static func problem(of error: YamlError) -> String {
    switch error {
    case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
      .composer(let context, let problem, _, _):
      guard let context else { return problem }
      return "\(problem) (\(context.text) on line \(context.mark.line))"
    default:
      return "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
    }
  }

  /// How a value that is not the expected scalar reads in a message.
  static func shown(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar): "\"\(scalar.string)\""
    case .sequence: "a list"
    case .mapping: "a mapping"
    }
  }

  /// The members of a mapping, checking every key is one of `allowed` and given once.
  func mapping(_ node: Node, _ what: String, allowed: [String]) throws(StudyConfigError) -> [(
    String, Node, Node
  )] {
    guard case .mapping(let mapping) = node else {
      throw fail(node, "\(what) must be a mapping of keys to values")
    }
    var members: [(String, Node, Node)] = []
    for (key, value) in mapping {
      guard let name = key.string else { throw fail(key, "keys of \(what) must be text") }
      guard allowed.contains(name) else {
        throw fail(key, "unknown key \"\(name)\" in \(what); allowed: \(allowed.joined(separator: ", "))")
      }
      if let first = members.first(where: { $0.0 == name }) {
        let firstLine = first.1.mark?.line ?? 1
        throw fail(key, "\"\(name)\" is given twice in \(what) (first on line \(firstLine)); keep one")
      }
      members.append((name, key, value))
    }
    return members
  }

  func string(_ node: Node, _ key: String) throws(StudyConfigError) -> String {
    guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
      throw fail(node, "\"\(key)\" must be text, found \(Self.shown(node))")
    }
    return scalar.string
  }

  func number(_ node: Node, _ key: String, range: ClosedRange<Double>) throws(StudyConfigError) -> Double {
    guard case .scalar(let scalar) = node, let value = Double(scalar.string), value.isFinite else {
      throw fail(node, "\"\(key)\" must be a number, found \(Self.shown(node))")
    }
    guard range.contains(value) else {
      throw fail(
        node, "\"\(key)\" must be between \(range.lowerBound) and \(range.upperBound), found \(scalar.string)"
      )
    }
    return value
  }

  func existingFile(_ node: Node, _ key: String, directory: String) throws(StudyConfigError) -> String {
    let file = try string(node, key)
    let resolved = file.hasPrefix("/") ? file : (directory as NSString).appendingPathComponent(file)
    guard FileManager.default.fileExists(atPath: resolved) else {
      throw fail(
        node, "file not found: \(file) (looked for \(resolved); paths are relative to the config file)")
    }
    return file
  }

  mutating func study(_ root: Node, path: String) throws(StudyConfigError) -> StudyConfig {
    let directory = ((path as NSString).deletingLastPathComponent as NSString).standardizingPath
    var config = StudyConfig(
      study: "", path: path, directory: directory.isEmpty ? "." : directory, output: "out")
    let keys = [
      "study", "output", "working_crs", "thresholds", "layers", "population", "assets", "pairs",
      "registrations",
    ]
    for (key, keyNode, value) in try mapping(root, "the config", allowed: keys) {
      switch key {
      case "study": config.study = try string(value, key)
      case "output": config.output = try string(value, key)
      case "working_crs": config.workingCRS = try string(value, key)
      case "thresholds": try thresholds(value, into: &config)
      case "layers":
        guard case .sequence(let items) = value else { throw fail(value, "\"layers\" must be a list") }
        for item in items { config.layers.append(try areaLayer(item, directory: config.directory)) }
      case "population": config.population = try population(value, directory: config.directory)
      case "registrations": config.registrations = try registrations(value, directory: config.directory)
      case "assets":
        guard case .sequence(let items) = value else { throw fail(value, "\"assets\" must be a list") }
        for item in items { config.assets.append(try asset(item, directory: config.directory)) }
      case "pairs":
        guard case .sequence(let items) = value else {
          throw fail(value, "\"pairs\" must be a list of [A, B]")
        }
        for item in items { config.pairs.append(try pair(item)) }
      default: throw fail(keyNode, "unknown key \"\(key)\"")
      }
    }
    if config.study.isEmpty { throw fail(root, "missing \"study\": give the study area a name") }
    if config.layers.isEmpty { throw fail(root, "missing \"layers\": list at least one polygon layer") }
    var names = Set<String>()
    for layer in config.layers + (config.registrations.map { [$0.areaLayer] } ?? [])
    where !names.insert(layer.name).inserted {
      throw StudyConfigError(path: path, line: layer.line, message: "two layers are named \"\(layer.name)\"")
    }
    for pair in config.pairs {
      for name in [pair.a, pair.b] where config.layer(named: name) == nil {
        throw StudyConfigError(
          path: path, line: pair.line,
          message:
            "pair names \"\(name)\", which is not a layer (layers: \(config.layers.map(\.name).joined(separator: ", ")))"
        )
      }
    }
    if config.comparedPairs.isEmpty {
      throw fail(root, "nothing to compare: give layers of role community and statutory, or list \"pairs\"")
    }
    return config
  }

  func thresholds(_ node: Node, into config: inout StudyConfig) throws(StudyConfigError) {
    let allowed = ["tolerance", "sliver_width", "min_area", "max_gap_area", "quadrant_segments"]
    for (key, _, value) in try mapping(node, "thresholds", allowed: allowed) {
      switch key {
      case "tolerance": config.tolerance = try number(value, key, range: 0.5...1)
      case "sliver_width": config.sliverWidth = try number(value, key, range: 0...10_000)
      case "min_area": config.minArea = try number(value, key, range: 0...1e12)
      case "max_gap_area": config.maxGapArea = try number(value, key, range: 0...1e12)
      default: config.quadrantSegments = Int(try number(value, key, range: 1...64))
      }
    }
  }

  func areaLayer(_ node: Node, directory: String) throws(StudyConfigError) -> StudyConfig.AreaLayer {
    var name: String?, role: StudyConfig.Role?, file: String?, idField: String?, nameField: String?,
      crs: String?, layer: String?, sketches: StudyConfig.SketchSource?, attribution: String?
    for (key, _, value) in try mapping(
      node, "a layer",
      allowed: ["name", "role", "file", "id_field", "name_field", "crs", "layer", "sketches", "attribution"])
    {
      switch key {
      case "sketches": sketches = try sketchSource(value, directory: directory)
      case "attribution": attribution = try string(value, key)
      case "name": name = try string(value, key)
      case "role":
        let text = try string(value, key)
        guard let parsed = StudyConfig.Role(rawValue: text) else {
          throw fail(value, "role must be community or statutory, found \"\(text)\"")
        }
        role = parsed
      case "file": file = try existingFile(value, key, directory: directory)
      case "id_field": idField = try string(value, key)
      case "name_field": nameField = try string(value, key)
      case "layer": layer = try string(value, key)
      default: crs = try string(value, key)
      }
    }
    if sketches != nil && file != nil {
      throw fail(node, "a layer takes \"file\" or \"sketches\" (residents' drawings), not both")
    }
    guard let file = file ?? sketches?.file else {
      throw fail(node, "a layer needs \"file\" (or \"sketches\" for residents' drawings)")
    }
    guard let role else { throw fail(node, "layer \(name ?? file) needs \"role\": community or statutory") }
    if sketches != nil && role != .community {
      throw fail(node, "a layer made from sketches is a community layer (role: community)")
    }
    let layerName = name ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    return .init(
      name: layerName, role: role, file: file, idField: idField, nameField: nameField, crs: crs, layer: layer,
      line: node.mark?.line ?? 1, sketches: sketches, attribution: attribution)
  }

  func population(_ node: Node, directory: String) throws(StudyConfigError) -> StudyConfig.PopulationSource {
    var file: String?, field: String?, crs: String?, layer: String?
    for (key, _, value) in try mapping(node, "population", allowed: ["file", "field", "crs", "layer"]) {
      switch key {
      case "file": file = try existingFile(value, key, directory: directory)
      case "field": field = try string(value, key)
      case "layer": layer = try string(value, key)
      default: crs = try string(value, key)
      }
    }
    guard let file, let field else { throw fail(node, "population needs \"file\" and \"field\" (the count)") }
    return .init(file: file, field: field, crs: crs, layer: layer, line: node.mark?.line ?? 1)
  }

  func asset(_ node: Node, directory: String) throws(StudyConfigError) -> StudyConfig.AssetLayer {
    var category: String?, file: String?, radius: Double?, crs: String?, layer: String?
    var before: String?, beforeLabel: String?, afterLabel: String?
    for (key, _, value) in try mapping(
      node, "an asset",
      allowed: ["category", "file", "radius", "crs", "layer", "before", "before_label", "after_label"])
    {
      switch key {
      case "layer": layer = try string(value, key)
      case "category": category = try string(value, key)
      case "file": file = try existingFile(value, key, directory: directory)
      case "before": before = try existingFile(value, key, directory: directory)
      case "before_label": beforeLabel = try string(value, key)
      case "after_label": afterLabel = try string(value, key)
      case "radius":
        guard case .scalar(let scalar) = value, let r = Double(scalar.string), r.isFinite else {
          throw fail(value, "radius must be a number of metres, found \(Self.shown(value))")
        }
        guard r > 0 else { throw fail(value, "radius must be more than 0 metres, found \(scalar.string)") }
        radius = r
      default: crs = try string(value, key)
      }
    }
    guard let file else { throw fail(node, "an asset needs \"file\"") }
    guard let radius else { throw fail(node, "asset \(category ?? file) needs \"radius\" (metres)") }
    let name = category ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    return .init(
      category: name, file: file, radius: radius, crs: crs, layer: layer, line: node.mark?.line ?? 1,
      before: before, beforeLabel: beforeLabel, afterLabel: afterLabel)
  }

  func pair(_ node: Node) throws(StudyConfigError) -> StudyConfig.Pair {
    guard case .sequence(let items) = node, items.count == 2, let a = items[0].string, let b = items[1].string
    else {
      throw fail(node, "each pair must be a list of two layer names, e.g. [localities, wards]")
    }
    return .init(a: a, b: b, line: node.mark?.line ?? 1)
  }
}
