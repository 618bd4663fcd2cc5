import GeoCore

/// The `type` of a GeoJSON object, found by looking ahead in the object.
enum GeoJSONTypeName: Equatable {
  case featureCollection
  case feature
  case geometry(GeometryKind)
  case other(String)
}

extension GeoJSONParser {
  /// Finds the `type` member of the object at the cursor without consuming anything. Writers
  /// nearly always put `type` first, so this usually reads one member; when it comes later the
  /// members before it are skipped here and parsed on the real pass (key order must not matter).
  mutating func peekType(depth: Int, context: String) throws(ParseFailure) -> GeoJSONTypeName? {
    let start = scanner.pos
    var found: GeoJSONTypeName?
    try checkDepth(depth)
    scanner.skipWhitespace()
    guard scanner.current == UInt8(ascii: "{") else {
      throw scanner.unexpected(expected: "an object \(context)")
    }
    scanner.pos += 1
    if !scanner.consume(UInt8(ascii: "}")) {
      repeat {
        let name = try memberName(context: context)
        if scanner.rawString(name, equals: "type") {
          guard scanner.current == UInt8(ascii: "\"") else {
            throw scanner.failure(
              .wrongType, "the \"type\" member \(context) must be a string, found \(scanner.describeToken())")
          }
          found = scanner.classifyType(try scanner.scanString(context: "in \"type\""))
          break
        }
        let key = scanner.makeString(name)
        try skipValue(depth: depth + 1, context: "in \"\(key)\"")
      } while try separatorOrEnd(UInt8(ascii: "}"), context: "between members of an object \(context)")
    }
    // Only a look-ahead: the object is parsed from its start again.
    scanner.pos = start
    return found
  }

  static let geometryTypeList =
    "Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon or GeometryCollection"

  /// Parses a geometry object (or `null`, giving `nil`) at the cursor. A `crs` member is handed
  /// to `crsName` (it matters only for a bare geometry at the top level).
  mutating func parseGeometry(depth: Int, context: String, crsName: inout String?) throws(ParseFailure)
    -> FlatGeometry?
  {
    if consumeNull() { return nil }
    let objectStart = scanner.pos
    guard let type = try peekType(depth: depth, context: context) else {
      throw scanner.failure(
        .missingMember,
        "the geometry object \(context) has no \"type\" member (expected \(Self.geometryTypeList))",
        at: objectStart)
    }
    guard case .geometry(let kind) = type else {
      let name: String
      switch type {
      case .other(let text): name = text
      case .feature: name = "Feature"
      case .featureCollection: name = "FeatureCollection"
      case .geometry(let kind): name = kind.description
      }
      throw scanner.failure(
        .unknownType, "unknown geometry type \"\(name)\" \(context) (expected \(Self.geometryTypeList))",
        at: objectStart)
    }
    var geometry: FlatGeometry?
    var members: [FlatGeometry]?
    var crs: String?
    try forEachMember(depth: depth, context: context) { (parser, name) throws(ParseFailure) in
      if kind != .geometryCollection && parser.scanner.rawString(name, equals: "coordinates") {
        geometry = try parser.parseCoordinates(kind)
      } else if kind == .geometryCollection && parser.scanner.rawString(name, equals: "geometries") {
        members = try parser.parseGeometryList(depth: depth + 1)
      } else if parser.scanner.rawString(name, equals: "crs") {
        crs = try parser.parseCRS(depth: depth + 1)
      } else {
        // `type` was read by the look-ahead; `bbox` and foreign members of geometries are not kept.
        let key = parser.scanner.makeString(name)
        try parser.skipValue(depth: depth + 1, context: "in \"\(key)\"")
      }
    }
    if crs != nil { crsName = crs }
    if kind == .geometryCollection {
      guard let members else {
        throw scanner.failure(
          .missingMember, "the GeometryCollection \(context) has no \"geometries\" member", at: objectStart)
      }
      return FlatGeometry(kind: kind, coordinates: [], ringOffsets: [0], partOffsets: [0], members: members)
    }
    guard let geometry else {
      throw scanner.failure(
        .missingMember, "the \(kind) \(context) has no \"coordinates\" member", at: objectStart)
    }
    return geometry
  }

  /// The `geometries` array of a GeometryCollection at depth `depth`.
  mutating func parseGeometryList(depth: Int) throws(ParseFailure) -> [FlatGeometry] {
    try checkDepth(depth)
    guard scanner.current == UInt8(ascii: "[") else {
      throw scanner.failure(
        .wrongType, "expected an array in \"geometries\", found \(scanner.describeToken())")
    }
    scanner.pos += 1
    var members: [FlatGeometry] = []
    if scanner.consume(UInt8(ascii: "]")) { return members }
    var ignoredCRS: String?
    repeat {
      scanner.skipWhitespace()
      guard scanner.current == UInt8(ascii: "{") else {
        throw scanner.failure(
          .wrongType, "expected a geometry object in \"geometries\", found \(scanner.describeToken())")
      }
      if let member = try parseGeometry(depth: depth + 1, context: "in \"geometries\"", crsName: &ignoredCRS)
      {
        members.append(member)
      }
    } while try separatorOrEnd(UInt8(ascii: "]"), context: "between members of \"geometries\"")
    return members
  }

  /// The name in a legacy `{"type": "name", "properties": {"name": "EPSG:27700"}}` member, or
  /// `nil` for `null` or any other form (a linked CRS cannot be honoured anyway).
  mutating func parseCRS(depth: Int) throws(ParseFailure) -> String? {
    let value = try parseValue(depth: depth, context: "in \"crs\"")
    guard case .object(let crs) = value, case .object(let properties)? = crs["properties"],
      case .string(let name)? = properties["name"]
    else { return nil }
    return name
  }
}

extension ByteScanner {
  /// The GeoJSON type a `type` string names (a method of the scanner, not the parser, so that
  /// calling it does not copy the parser).
  func classifyType(_ raw: RawString) -> GeoJSONTypeName {
    // Most frequent first: one per feature, then the common geometry types.
    if rawString(raw, equals: "Feature") { return .feature }
    if rawString(raw, equals: "Polygon") { return .geometry(.polygon) }
    if rawString(raw, equals: "MultiPolygon") { return .geometry(.multiPolygon) }
    if rawString(raw, equals: "Point") { return .geometry(.point) }
    if rawString(raw, equals: "LineString") { return .geometry(.lineString) }
    if rawString(raw, equals: "MultiLineString") { return .geometry(.multiLineString) }
    if rawString(raw, equals: "MultiPoint") { return .geometry(.multiPoint) }
    if rawString(raw, equals: "GeometryCollection") { return .geometry(.geometryCollection) }
    if rawString(raw, equals: "FeatureCollection") { return .featureCollection }
    return .other(makeString(raw))
  }
}
