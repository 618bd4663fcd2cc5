import GeoCore
import Layers

/// What became of one input drawing: every feature of the file gets one.
public struct DrawingRecord: Sendable, Hashable {
  /// Used as drawn, used after repair, left out, or replaced by the same respondent's later
  /// drawing of the same neighbourhood.
  public enum Status: String, Sendable, Hashable {
    case used, repaired, excluded, replaced
  }

  /// Position in the input file (0-based).
  public var index: Int
  /// The feature's id (or `#index`).
  public var id: String
  /// The neighbourhood it is a drawing of, when it names one.
  public var name: String?
  /// What became of it.
  public var status: Status
  /// Why it was repaired, excluded or replaced (empty for `used`).
  public var reason: String
  /// Its area in the working CRS (m²), for used and repaired drawings.
  public var area: Double?
  /// IoU with its neighbourhood's core, when the neighbourhood has one.
  public var iouWithCore: Double?
  /// True when its IoU with the core is below the outlier threshold.
  public var isOutlier = false

  /// True for drawings that take part in the consensus.
  public var isUsed: Bool { status == .used || status == .repaired }
}

/// The drawings of a file, sorted into neighbourhoods: every feature accounted for, unusable
/// ones excluded with their reason (one resident's scribble never stops the run).
public struct DrawingSet: Sendable {
  /// One record per input feature, in input order.
  public var records: [DrawingRecord]
  /// The field naming the neighbourhood.
  public var nameField: String
  /// Neighbourhood names in byte order, each with the input positions of its used drawings.
  public var neighbourhoods: [(name: String, drawings: [Int])]
  /// Used drawings' geometries (working CRS, valid), by input position.
  public var geometries: [Int: FlatGeometry]

  /// Sorts a loaded drawing layer (loaded with polygons expected and unusable geometries
  /// excluded) into neighbourhoods.
  public static func make(_ layer: Layer, nameField given: String?, respondentField: String?)
    throws(ConsensusError) -> DrawingSet
  {
    let everyFeature = layer.features.map(\.properties) + layer.excludedFeatures.map(\.feature.properties)
    var keys: [String] = []
    for properties in everyFeature {
      for key in properties.keys where !keys.contains(key) { keys.append(key) }
    }
    let nameField: String
    if let given {
      guard keys.contains(given) else {
        throw .nameFieldMissing(path: layer.source, field: given, available: keys)
      }
      nameField = given
    } else {
      let wanted = ["neighbourhood", "neighborhood", "name"]
      guard let found = wanted.lazy.compactMap({ w in keys.first { $0.lowercased() == w } }).first else {
        throw .nameFieldMissing(path: layer.source, field: nil, available: keys)
      }
      nameField = found
    }
    var records = [DrawingRecord?](repeating: nil, count: layer.record.inputFeatures)
    let repairs = Dictionary(
      layer.record.repairs.map { ($0.index, $0.reason) }, uniquingKeysWith: { a, _ in a })
    let exclusions = Dictionary(
      layer.record.excluded.map { ($0.index, ($0.id, $0.reason)) }, uniquingKeysWith: { a, _ in a })
    for (index, feature) in layer.excludedFeatures {
      let (id, reason) = exclusions[index] ?? ("#\(index)", "excluded")
      records[index] = DrawingRecord(
        index: index, id: id, name: Self.text(feature.properties[nameField]), status: .excluded,
        reason: reason)
    }
    var geometries: [Int: FlatGeometry] = [:]
    var latest: [String: Int] = [:]
    for feature in layer.features {
      let name = Self.text(feature.properties[nameField])
      var record = DrawingRecord(
        index: feature.index, id: feature.id, name: name, status: .used, reason: "",
        area: feature.geometry.polygonalArea)
      if let why = repairs[feature.index] {
        record.status = .repaired
        record.reason = why
      }
      guard let name else {
        record.status = .excluded
        record.reason = "no neighbourhood name (\(nameField) is missing or empty)"
        record.area = nil
        records[feature.index] = record
        continue
      }
      if let respondentField, let who = Self.text(feature.properties[respondentField]) {
        // The respondent's later drawing of the same neighbourhood replaces the earlier one.
        let key = who + "\u{0}" + name
        if let earlier = latest[key], var replaced = records[earlier] {
          replaced.status = .replaced
          replaced.reason = "replaced by feature \(feature.index), drawn later by the same respondent"
          replaced.area = nil
          records[earlier] = replaced
          geometries[earlier] = nil
        }
        latest[key] = feature.index
      }
      records[feature.index] = record
      geometries[feature.index] = feature.geometry
    }
    let all = records.enumerated().map { index, record in
      record ?? DrawingRecord(index: index, id: "#\(index)", status: .excluded, reason: "not read")
    }
    var byName: [String: [Int]] = [:]
    for record in all where record.isUsed { byName[record.name!, default: []].append(record.index) }
    guard !byName.isEmpty else {
      var reasons: [String: Int] = [:]
      for record in all { reasons[record.reason, default: 0] += 1 }
      let common = reasons.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map {
        "\($0.value) × \($0.key)"
      }
      throw .noUsableDrawings(path: layer.source, read: all.count, reasons: common)
    }
    let neighbourhoods = byName.sorted { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) }
      .map { (name: $0.key, drawings: $0.value) }
    return DrawingSet(
      records: all, nameField: nameField, neighbourhoods: neighbourhoods, geometries: geometries)
  }

  /// A property's value as a name (numbers too), nil when missing or empty.
  static func text(_ value: JSONValue?) -> String? {
    guard let text = value?.text, !text.isEmpty else { return nil }
    return text
  }
}
