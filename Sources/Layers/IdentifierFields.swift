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
  /// Which detection rule chose the id, in words (for `inspect`); empty when not detected.
  public var rule: String = ""

  /// Fields as chosen.
  public init(id: Source, name: String?, how: String) {
    self.id = id
    self.name = name
    self.how = how
  }

  /// Picks id and name fields the way an analyst would read the file: an ONS code (`LSOA11CD`,
  /// `WD22CD`), a `*_code` field (`pcn_code`, `lsoa21_code`, or its 10-character DBF truncation
  /// `lsoa21_cod`), then the GeoJSON `id`, then an id-like field (`id`, `fid`, `OBJECTID`),
  /// then a name-like field; among several candidates the first whose values are all present
  /// and unique. With none of those, any property present and unique in every feature (names
  /// ending in code/cd/id first, then values without spaces, then file order), so that a file
  /// whose only property is a code such as `ambo22` is not keyed by position.
  /// `idField`/`nameField` override detection (validated by the caller).
  public static func detect(in features: [Feature], idField: String? = nil, nameField: String? = nil)
    -> IdentifierFields
  {
    let keys = orderedKeys(features)
    let idSource: Source
    var how = "detected"
    let rule: String
    if let idField {
      idSource = idField == "id" && !keys.contains("id") ? .featureID : .property(idField)
      how = "given"
      rule = "given"
    } else if let code = keys.filter(isCodeLike).first(where: { isUniqueAndPresent($0, features) }) {
      idSource = .property(code)
      rule = "a known code field (ONS *CD, *_code, code), present and unique in every feature"
    } else if !features.isEmpty, isFeatureIDUnique(features) {
      idSource = .featureID
      rule = "the GeoJSON feature id, present and unique in every feature"
    } else if let plain = keys.filter(isIDLike).first(where: { isUniqueAndPresent($0, features) }) {
      idSource = .property(plain)
      rule = "an id field (id, fid, OBJECTID, …), present and unique in every feature"
    } else if let named = keys.filter(isNameLike).first(where: { isUniqueAndPresent($0, features) }) {
      idSource = .property(named)
      rule = "a name field, present and unique in every feature"
    } else if let code = keys.first(where: isCodeLike) {
      idSource = .property(code)  // not unique: duplicates get reported, never merged
      rule = "a known code field, though not unique (duplicates are reported, never merged)"
    } else if let (unique, why) = uniqueProperty(keys: keys, features) {
      idSource = .property(unique)
      rule = why
    } else {
      idSource = .position
      rule = "no property is present and unique in every feature: features are keyed by position"
    }
    let name = nameField ?? pairedName(for: idSource, keys: keys) ?? keys.first(where: isNameLike)
    var fields = IdentifierFields(id: idSource, name: name, how: how)
    fields.rule = rule
    return fields
  }

  /// The last resort before position: of the properties present and unique in every feature,
  /// the first whose name ends in code/cd/id, else the first whose values have no spaces, else
  /// the first in file order; with the rule that chose it.
  static func uniqueProperty(keys: [String], _ features: [Feature]) -> (String, String)? {
    let candidates = keys.filter { isUniqueAndPresent($0, features) }
    guard let first = candidates.first else { return nil }
    let listed = candidates.prefix(5).joined(separator: ", ") + (candidates.count > 5 ? ", …" : "")
    if candidates.count == 1 { return (first, "the only property present and unique in every feature") }
    let among = "of the properties present and unique in every feature (\(listed)), the first"
    if let coded = candidates.first(where: endsLikeAnIdentifier) {
      return (coded, "\(among) whose name ends in code, cd or id")
    }
    let spaceless = candidates.first { key in
      features.allSatisfy { feature in !(feature.properties[key]?.text ?? "").contains(" ") }
    }
    if let spaceless { return (spaceless, "\(among) whose values have no spaces") }
    return (first, "\(among) in file order")
  }

  /// `ambo_code`, `AREA_CD`, `siteid`, `objectId`: names that say they identify.
  static func endsLikeAnIdentifier(_ key: String) -> Bool {
    let lower = key.lowercased()
    return lower.hasSuffix("code") || lower.hasSuffix("cd") || lower.hasSuffix("id")
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

  /// `LSOA11CD`, `WD22CD`, `SICBL22CD`, `lsoa21_code`, `pcn_code`, `area_code`, `code`, and
  /// DBF's 10-character truncations of `*_code` (`lsoa21_cod`, `ward22_co`).
  static func isCodeLike(_ key: String) -> Bool {
    let lower = key.lowercased()
    if lower == "code" || lower.hasSuffix("_code") || lower.hasSuffix(" code") { return true }
    if isTruncated(lower, from: "_code") { return true }
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
    if isTruncated(lower, from: "_name") { return true }
    guard key.hasSuffix("NM"), key.count > 2 else { return false }
    return key.dropLast(2).allSatisfy { $0.isLetter || $0.isNumber }
  }

  /// DBF field names hold at most 10 characters: `lsoa21_code` is written `lsoa21_cod`. True
  /// when `key` (lower case) is a 10-character name ending in a proper prefix of `suffix`
  /// longer than 2 (`_co`, `_cod` for `_code`), after at least one character of stem.
  static func isTruncated(_ key: String, from suffix: String) -> Bool {
    guard key.count == dbfNameLength else { return false }
    for length in 3..<suffix.count where key.hasSuffix(suffix.prefix(length)) && key.count > length {
      return true
    }
    return false
  }

  /// The longest field name a DBF holds.
  static let dbfNameLength = 10

  /// `LSOA11CD` → `LSOA11NM`; `pcn_code` → `pcn_name`; `lsoa21_cod` → `lsoa21_nam` (both
  /// truncated to DBF's 10 characters).
  static func pairedName(for source: Source, keys: [String]) -> String? {
    guard case .property(let key) = source else { return nil }
    let lower = key.lowercased()
    if isTruncated(lower, from: "_code"), let underscore = key.lastIndex(of: "_") {
      let stem = key[..<underscore]
      let truncated = [stem + "_name", stem + "_Name", stem + "_NAME"].map {
        String($0.prefix(dbfNameLength))
      }
      if let match = truncated.first(where: keys.contains) { return match }
    }
    let candidates: [String] =
      if key.hasSuffix("CD") { [String(key.dropLast(2)) + "NM"] } else if key.lowercased().hasSuffix("code") {
        [
          String(key.dropLast(4)) + "name", String(key.dropLast(4)) + "Name",
          String(key.dropLast(4)) + "NAME",
        ]
      } else { [] }
    return candidates.first(where: keys.contains)
  }

  // These two read through the buffer and size their sets up front: copying each feature in a
  // `for` loop retained and released all its buffers, and growing the set rehashed it a dozen
  // times, together most of the cost of a national layer's check.
  static func isUniqueAndPresent(_ key: String, _ features: [Feature]) -> Bool {
    var seen = Set<String>(minimumCapacity: features.count)
    return features.withUnsafeBufferPointer { features in
      for index in features.indices {
        guard let value = features[index].properties[key]?.text, !value.isEmpty, seen.insert(value).inserted
        else { return false }
      }
      return !features.isEmpty
    }
  }

  static func isFeatureIDUnique(_ features: [Feature]) -> Bool {
    var seen = Set<String>(minimumCapacity: features.count)
    return features.withUnsafeBufferPointer { features in
      for index in features.indices {
        guard let value = features[index].id?.text, seen.insert(value).inserted else { return false }
      }
      return true
    }
  }
}
