import GeoCore

extension GeoJSONParser {
  /// Parses the Feature object at the cursor (its `type` already checked by the caller). Inside
  /// a collection a feature-level `crs` is a foreign member; on a bare Feature it names the CRS.
  mutating func parseFeature(depth: Int, crsName: inout String?, isRoot: Bool) throws(ParseFailure) -> Feature
  {
    // Separate locals rather than one Feature the closure mutates: fewer copies of the struct.
    var id: JSONValue?
    var properties = JSONObject()
    var geometry: FlatGeometry?
    var foreignMembers = JSONObject()
    var crs: String?
    try forEachMember(depth: depth, context: "in a Feature") { (parser, name) throws(ParseFailure) in
      if parser.scanner.rawString(name, equals: "type") {
        try parser.skipValue(depth: depth + 1, context: "in \"type\"")
      } else if parser.scanner.rawString(name, equals: "properties") {
        properties = try parser.parseProperties(depth: depth + 1)
      } else if parser.scanner.rawString(name, equals: "geometry") {
        var geometryCRS: String?
        let start = parser.scanner.pos
        do throws(ParseFailure) {
          geometry = try parser.parseGeometry(
            depth: depth + 1, context: "in \"geometry\"", crsName: &geometryCRS)
        } catch  where parser.skipsUnusableGeometries && error.problem == .invalidGeometry {
          // The value is well-formed JSON with coordinates that make no geometry: skip it whole.
          parser.scanner.pos = start
          try parser.skipValue(depth: depth + 1, context: "in \"geometry\"")
          geometry = nil
          if let index = parser.featureIndex { parser.unusableGeometries[index] = error.message }
        }
      } else if parser.scanner.rawString(name, equals: "id") {
        let start = parser.scanner.pos
        let value = try parser.parseValue(depth: depth + 1, context: "in \"id\"")
        switch value {
        case .string, .number:
          id = value
          parser.featureID = value
        default:
          throw parser.scanner.failure(
            .wrongType,
            "the \"id\" member must be a string or a number, found \(parser.scanner.describeToken(at: start))",
            at: start)
        }
      } else if parser.scanner.rawString(name, equals: "bbox") {
        try parser.skipValue(depth: depth + 1, context: "in \"bbox\"")
      } else if isRoot && parser.scanner.rawString(name, equals: "crs") {
        crs = try parser.parseCRS(depth: depth + 1)
      } else {
        let key = parser.scanner.makeString(name)
        foreignMembers.append(
          key: key, value: try parser.parseValue(depth: depth + 1, context: "in \"\(key)\""))
      }
    }
    if crs != nil { crsName = crs }
    return Feature(id: id, properties: properties, geometry: geometry, foreignMembers: foreignMembers)
  }

  /// The `properties` object (or `null`, read as no properties).
  ///
  /// Features of one file nearly always have the same keys in the same order, so the previous
  /// feature's properties serve as a template: while the keys match, the template's key
  /// strings are reused (shared storage, nothing decoded) and only the values are replaced,
  /// which costs one allocation instead of a dozen growing appends.
  mutating func parseProperties(depth: Int) throws(ParseFailure) -> JSONObject {
    if consumeNull() { return JSONObject() }
    guard scanner.current == UInt8(ascii: "{") else {
      throw scanner.failure(
        .wrongType, "expected an object or null in \"properties\", found \(scanner.describeToken())")
    }
    let template = propertiesTemplate
    // Starts empty but with the template's capacity: appending allocates each buffer once.
    var object = propertiesCapacityTemplate
    var matching = !template.isEmpty
    try forEachMember(depth: depth, context: "in \"properties\"") { (parser, name) throws(ParseFailure) in
      let index = object.count
      if matching && index < template.count && parser.scanner.rawString(name, equals: template.keys[index]) {
        let key = template.keys[index]
        object.append(key: key, value: try parser.parseValue(depth: depth + 1, context: "in \"\(key)\""))
        return
      }
      matching = false
      let key = parser.scanner.makeString(name)
      object.append(key: key, value: try parser.parseValue(depth: depth + 1, context: "in \"\(key)\""))
    }
    if !(matching && object.count == template.count) {
      propertiesTemplate = object.count <= 64 ? object : JSONObject()
      var empty = propertiesTemplate
      // Removing every member keeps the arrays' capacity (keys are unique only if checked).
      if Self.isUsableTemplate(empty) {
        for key in propertiesTemplate.keys { empty[key] = nil }
      } else {
        empty = JSONObject()
        propertiesTemplate = JSONObject()
      }
      propertiesCapacityTemplate = empty
    }
    return object
  }

  /// A template must have unique keys (values are replaced by key) and few of them (checking
  /// uniqueness is quadratic).
  static func isUsableTemplate(_ object: JSONObject) -> Bool {
    guard object.count <= 64 else { return false }
    for i in object.keys.indices {
      for j in object.keys.indices where j > i && object.keys[i] == object.keys[j] { return false }
    }
    return true
  }

  /// Parses the `features` array of a FeatureCollection at depth `depth`, tracking the feature
  /// index and id for error messages. A big array is parsed in two halves on two threads (see
  /// `FeatureListSplit`); anything unexpected there falls back to this sequential parse, so the
  /// features and every error message are the same either way.
  mutating func parseFeatureList(depth: Int) throws(ParseFailure) -> [Feature] {
    try checkDepth(depth)
    guard scanner.current == UInt8(ascii: "[") else {
      throw scanner.failure(.wrongType, "expected an array in \"features\", found \(scanner.describeToken())")
    }
    scanner.pos += 1
    var features: [Feature] = []
    if scanner.consume(UInt8(ascii: "]")) { return features }
    if scanner.count - scanner.pos > parallelAbove, let halves = FeatureListSplit.parse(self, depth: depth) {
      scanner.pos = halves.end
      return halves.features
    }
    var ignoredCRS: String?
    repeat {
      features.append(try parseListedFeature(index: features.count, depth: depth, ignoredCRS: &ignoredCRS))
    } while try separatorOrEnd(UInt8(ascii: "]"), context: "between features")
    featureIndex = nil
    featureID = nil
    return features
  }

  /// One member of a `features` array (at array depth `depth`): it must be a Feature object.
  mutating func parseListedFeature(index: Int, depth: Int, ignoredCRS: inout String?) throws(ParseFailure)
    -> Feature
  {
    featureIndex = index
    featureID = nil
    scanner.skipWhitespace()
    let start = scanner.pos
    guard scanner.current == UInt8(ascii: "{") else {
      throw scanner.failure(
        .wrongType, "expected a Feature object in \"features\", found \(scanner.describeToken())")
    }
    let type = try peekType(depth: depth + 1, context: "in \"features\"")
    guard type == .feature else {
      if let type {
        let name: String
        switch type {
        case .other(let text): name = text
        case .featureCollection: name = "FeatureCollection"
        case .geometry(let kind): name = kind.description
        case .feature: name = "Feature"
        }
        throw scanner.failure(
          .wrongType, "expected \"type\": \"Feature\" for a member of \"features\", found \"\(name)\"",
          at: start)
      }
      throw scanner.failure(
        .missingMember, "the feature has no \"type\" member (expected \"Feature\")", at: start)
    }
    return try parseFeature(depth: depth + 1, crsName: &ignoredCRS, isRoot: false)
  }

  /// Parses a whole document: a FeatureCollection, a Feature or a bare geometry, then nothing
  /// but whitespace.
  mutating func parseDocument() throws(ParseFailure) -> FeatureCollection {
    scanner.skipByteOrderMark()
    scanner.skipWhitespace()
    if scanner.isAtEnd {
      throw scanner.failure(.emptyInput, "the input is empty: expected a GeoJSON object")
    }
    guard scanner.current == UInt8(ascii: "{") else {
      throw scanner.failure(
        .wrongType, "expected a GeoJSON object at the top level, found \(scanner.describeToken())")
    }
    let start = scanner.pos
    let expectedTypes = "\"FeatureCollection\", \"Feature\" or a geometry type"
    var collection = FeatureCollection(features: [])
    switch try peekType(depth: 1, context: "at the top level") {
    case nil:
      throw scanner.failure(
        .missingMember, "the top-level object has no \"type\" member (expected \(expectedTypes))", at: start)
    case .other(let name)?:
      throw scanner.failure(
        .unknownType, "unknown GeoJSON type \"\(name)\" (expected \(expectedTypes))", at: start)
    case .featureCollection?:
      var sawFeatures = false
      try forEachMember(depth: 1, context: "in the FeatureCollection") {
        (parser, name) throws(ParseFailure) in
        if parser.scanner.rawString(name, equals: "features") {
          collection.features = try parser.parseFeatureList(depth: 2)
          sawFeatures = true
        } else if parser.scanner.rawString(name, equals: "type")
          || parser.scanner.rawString(name, equals: "bbox")
        {
          let key = parser.scanner.makeString(name)
          try parser.skipValue(depth: 2, context: "in \"\(key)\"")
        } else if parser.scanner.rawString(name, equals: "crs") {
          collection.crsName = try parser.parseCRS(depth: 2)
        } else {
          let key = parser.scanner.makeString(name)
          collection.foreignMembers.append(
            key: key, value: try parser.parseValue(depth: 2, context: "in \"\(key)\""))
        }
      }
      if !sawFeatures {
        throw scanner.failure(.missingMember, "the FeatureCollection has no \"features\" member", at: start)
      }
    case .feature?:
      featureIndex = 0
      collection.features = [try parseFeature(depth: 1, crsName: &collection.crsName, isRoot: true)]
      featureIndex = nil
      featureID = nil
    case .geometry?:
      let geometry = try parseGeometry(depth: 1, context: "at the top level", crsName: &collection.crsName)
      collection.features = [Feature(geometry: geometry)]
    }
    scanner.skipWhitespace()
    if !scanner.isAtEnd {
      throw scanner.failure(
        .malformedJSON, "unexpected \(scanner.describeToken()) after the end of the GeoJSON object")
    }
    return collection
  }
}
