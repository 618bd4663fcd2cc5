import GeoCore

/// Where a layer's feature ids and names come from.
public struct IdentifierFields: Sendable, Hashable {
  /// Where the id comes from.
  public enum Source: Sendable, Hashable, CustomStringConvertible {
    /// A property, e.g. `LSOA11CD`.
    case property(String)
    /// The GeoJSON `id` member.
    case featureID
    /// No identifier: the feature's position, written `#index`.
    case position

    /// The source as summaries name it.
    public var description: String {
      switch self {
      case .property(let name): name
      case .featureID: "GeoJSON id"
      case .position: "feature position"
      }
    }
  }

  /// Where each feature's id comes from.
  public var id: Source
  /// The property holding the name, when there is one.
  public var name: String?
  /// How the choice was made ("detected", "given").
  public var how: String

  /// Fields as chosen.
  public init(id: Source, name: String?, how: String) {
    self.id = id
    self.name = name
    self.how = how
  }

  /// Picks id and name fields the way an analyst would read the file: an ONS code (`LSOA11CD`,
  /// `WD22CD`), a `*_code` field (`pcn_code`, `lsoa21_code`), then the GeoJSON `id`, then a
  /// name-like field; among several candidates the first whose values are all present and unique.
  /// `idField`/`nameField` override detection (validated by the caller).
  public static func detect(in features: [Feature], idField: String? = nil, nameField: String? = nil)
    -> IdentifierFields
  {
    let keys = orderedKeys(features)
    let idSource: Source
    var how = "detected"
    if let idField {
      idSource = idField == "id" && !keys.contains("id") ? .featureID : .property(idField)
      how = "given"
    } else if let code = keys.filter(isCodeLike).first(where: { isUniqueAndPresent($0, features) }) {
      idSource = .property(code)
    } else if !features.isEmpty, isFeatureIDUnique(features) {
      idSource = .featureID
    } else if let plain = keys.filter(isIDLike).first(where: { isUniqueAndPresent($0, features) }) {
      idSource = .property(plain)
    } else if let named = keys.filter(isNameLike).first(where: { isUniqueAndPresent($0, features) }) {
      idSource = .property(named)
    } else if let code = keys.first(where: isCodeLike) {
      idSource = .property(code)  // not unique: duplicates get reported, never merged
    } else {
      idSource = .position
    }
    let name = nameField ?? pairedName(for: idSource, keys: keys) ?? keys.first(where: isNameLike)
    return IdentifierFields(id: idSource, name: name, how: how)
  }

  /// The id of a feature at input position `index` (`nil` when the field is missing or null).
  public func id(of feature: Feature, index: Int) -> String? {
    switch id {
    case .property(let key): feature.properties[key]?.text.flatMap { $0.isEmpty ? nil : $0 }
    case .featureID: feature.id?.text
    case .position: "#\(index)"
    }
  }

  /// The name of a feature, when the layer has a name field and the feature a value.
  public func name(of feature: Feature) -> String? {
    name.flatMap { feature.properties[$0]?.text }.flatMap { $0.isEmpty ? nil : $0 }
  }

  // MARK: detection rules

  static func orderedKeys(_ features: [Feature]) -> [String] {
    var seen = Set<String>()
    var keys: [String] = []
    for feature in features.prefix(50) {
      for key in feature.properties.keys where seen.insert(key).inserted { keys.append(key) }
    }
    return keys
  }

  /// `LSOA11CD`, `WD22CD`, `SICBL22CD`, `lsoa21_code`, `pcn_code`, `area_code`, `code`.
  static func isCodeLike(_ key: String) -> Bool {
    let lower = key.lowercased()
    if lower == "code" || lower.hasSuffix("_code") || lower.hasSuffix(" code") { return true }
    guard key.hasSuffix("CD"), key.count > 2 else { return false }
    return key.dropLast(2).allSatisfy { $0.isLetter || $0.isNumber }
  }

  /// `ID`, `id`, `fid`, `OBJECTID`, `uid`, `guid`: identifiers with no code meaning.
  static func isIDLike(_ key: String) -> Bool {
    ["id", "fid", "objectid", "uid", "guid", "uuid", "identifier"].contains(key.lowercased())
  }

  /// `LSOA11NM`, `pcn_name`, `hcl_name`, `name`, `Name`, `area_name`.
  static func isNameLike(_ key: String) -> Bool {
    let lower = key.lowercased()
    if lower == "name" || lower.hasSuffix("_name") || lower.hasSuffix(" name") { return true }
    guard key.hasSuffix("NM"), key.count > 2 else { return false }
    return key.dropLast(2).allSatisfy { $0.isLetter || $0.isNumber }
  }

  /// `LSOA11CD` → `LSOA11NM`; `pcn_code` → `pcn_name`.
  static func pairedName(for source: Source, keys: [String]) -> String? {
    guard case .property(let key) = source else { return nil }
    let candidates: [String] =
      if key.hasSuffix("CD") { [String(key.dropLast(2)) + "NM"] } else if key.lowercased().hasSuffix("code") {
        [
          String(key.dropLast(4)) + "name", String(key.dropLast(4)) + "Name",
          String(key.dropLast(4)) + "NAME",
        ]
      } else { [] }
    return candidates.first(where: keys.contains)
  }

  static func isUniqueAndPresent(_ key: String, _ features: [Feature]) -> Bool {
    var seen = Set<String>()
    for feature in features {
      guard let value = feature.properties[key]?.text, !value.isEmpty, seen.insert(value).inserted else {
        return false
      }
    }
    return !features.isEmpty
  }

  static func isFeatureIDUnique(_ features: [Feature]) -> Bool {
    var seen = Set<String>()
    for feature in features {
      guard let value = feature.id?.text, seen.insert(value).inserted else { return false }
    }
    return true
  }
}
