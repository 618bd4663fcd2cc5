import GeoCore

/// Writes features as RFC 7946 GeoJSON: one feature per line (diff-friendly), coordinates with
/// a fixed maximum number of decimals, polygons wound by the right-hand rule, and optionally a
/// legacy `crs` member for projected output that QGIS reads.
public struct GeoJSONWriter: Sendable {
  /// How the output is written.
  public struct Options: Sendable, Hashable {
    /// Maximum decimal places of coordinates (0...15); trailing zeros are trimmed.
    public var precision: Int
    /// Reverse rings as needed so exterior rings are counter-clockwise and holes clockwise.
    public var enforceRightHandRule: Bool
    /// When set, a legacy `"crs": {"type": "name", "properties": {"name": ...}}` member is
    /// written (e.g. `"EPSG:27700"` for British National Grid output). The input collection's
    /// own `crsName` is never copied: only the caller knows what CRS the coordinates are in now.
    public var crsName: String?

    /// Creates options; the defaults give RFC 7946 output with 6 decimals (about 0.1 m).
    public init(precision: Int = 6, enforceRightHandRule: Bool = true, crsName: String? = nil) {
      self.precision = precision
      self.enforceRightHandRule = enforceRightHandRule
      self.crsName = crsName
    }
  }

  /// The options this writer uses.
  public var options: Options

  /// Creates a writer with `options`.
  public init(options: Options = Options()) {
    self.options = options
  }

  /// Members the writer produces itself; foreign members with these names are not written, so
  /// the output stays unambiguous.
  private static let reservedNames: Set<String> = [
    "type", "features", "crs", "bbox", "id", "properties", "geometry", "coordinates", "geometries",
  ]

  /// The collection as GeoJSON bytes (UTF-8). The collection's foreign members are written.
  public func encode(_ collection: FeatureCollection) -> [UInt8] {
    // A collection can be walked twice: size the buffer once instead of growing it repeatedly.
    var points = 0
    for feature in collection.features { points += feature.geometry.map(Self.pointCount) ?? 0 }
    let estimate = bytes(forPoints: points) + collection.features.count * 320
    return encode(
      features: collection.features, foreignMembers: collection.foreignMembers, capacity: estimate)
  }

  private static func pointCount(_ geometry: FlatGeometry) -> Int {
    geometry.members.reduce(geometry.pointCount) { $0 + pointCount($1) }
  }

  /// About how many bytes `points` positions take: 2 × (precision + 5) and the brackets.
  private func bytes(forPoints points: Int) -> Int { points * (2 * options.precision + 12) }

  /// `features` as a FeatureCollection with the given collection-level foreign members.
  public func encode<S: Sequence>(features: S, foreignMembers: JSONObject = JSONObject()) -> [UInt8]
  where S.Element == Feature {
    encode(features: features, foreignMembers: foreignMembers, capacity: features.underestimatedCount * 256)
  }

  private func encode<S: Sequence>(features: S, foreignMembers: JSONObject, capacity: Int) -> [UInt8]
  where S.Element == Feature {
    var out: [UInt8] = []
    out.reserveCapacity(4096 + capacity)
    let formatter = CoordinateFormatter(precision: options.precision)
    appendHeader(foreignMembers: foreignMembers, to: &out)
    var first = true
    for feature in features {
      append(first ? "\n" : ",\n", to: &out)
      first = false
      appendFeature(feature, formatter: formatter, to: &out)
    }
    append("\n]}\n", to: &out)
    return out
  }

  /// One feature's bytes exactly as `encode(features:)` writes them, so that features can be
  /// encoded on several threads and joined with `encode(encodedFeatures:foreignMembers:)`.
  public func encodeFeature(_ feature: Feature) -> [UInt8] {
    // Sized from the point count like `encode(_:)`, so a large polygon's bytes are not copied
    // again and again as the array doubles.
    let points = feature.geometry.map(Self.pointCount) ?? 0
    var out: [UInt8] = []
    out.reserveCapacity(512 + bytes(forPoints: points))
    appendFeature(feature, formatter: CoordinateFormatter(precision: options.precision), to: &out)
    return out
  }

  /// A FeatureCollection of features already encoded with `encodeFeature`: the same bytes as
  /// `encode(features:foreignMembers:)` on the features themselves.
  public func encode(encodedFeatures: [[UInt8]], foreignMembers: JSONObject = JSONObject()) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(4096 + encodedFeatures.reduce(0) { $0 + $1.count + 2 })
    appendHeader(foreignMembers: foreignMembers, to: &out)
    for (k, feature) in encodedFeatures.enumerated() {
      Self.append(encodedFeature: feature, at: k, to: &out)
    }
    Self.endCollection(in: &out)
    return out
  }

  /// Starts the bytes of a FeatureCollection whose features, encoded with `encodeFeature`, are
  /// then appended one by one with `append(encodedFeature:at:to:)` and closed with
  /// `endCollection(in:)`: the same bytes as `encode(encodedFeatures:foreignMembers:)`, without
  /// holding every encoded feature at once.
  public func beginCollection(in out: inout [UInt8], foreignMembers: JSONObject = JSONObject()) {
    appendHeader(foreignMembers: foreignMembers, to: &out)
  }

  /// Appends the `k`-th feature (from 0) of a collection begun with `beginCollection(in:)`.
  public static func append(encodedFeature: [UInt8], at k: Int, to out: inout [UInt8]) {
    out += k == 0 ? newline : commaNewline
    out += encodedFeature
  }

  /// Ends a collection begun with `beginCollection(in:)`.
  public static func endCollection(in out: inout [UInt8]) { out += footer }

  private static let newline = Array("\n".utf8), commaNewline = Array(",\n".utf8)
  private static let footer = Array("\n]}\n".utf8)

  /// Everything before the first feature.
  private func appendHeader(foreignMembers: JSONObject, to out: inout [UInt8]) {
    append("{\"type\":\"FeatureCollection\"", to: &out)
    for (key, value) in foreignMembers where !Self.reservedNames.contains(key) {
      out.append(UInt8(ascii: ","))
      JSONBytes.appendQuoted(key, to: &out)
      out.append(UInt8(ascii: ":"))
      JSONBytes.append(value, to: &out)
    }
    if let crsName = options.crsName {
      append(",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":", to: &out)
      JSONBytes.appendQuoted(crsName, to: &out)
      append("}}", to: &out)
    }
    append(",\"features\":[", to: &out)
  }

  /// Encodes `collection` and writes it to `path` atomically (temporary file + rename): on any
  /// error the temporary file is removed and an existing file at `path` is left as it was.
  public static func write(
    _ collection: FeatureCollection, to path: String, options: Options = Options()
  ) throws(GeoJSONError) {
    try atomically(GeoJSONWriter(options: options).encode(collection), to: path)
  }

  /// Writes `features` (with collection-level foreign members) to `path` atomically.
  public static func write<S: Sequence>(
    features: S, foreignMembers: JSONObject = JSONObject(), to path: String, options: Options = Options()
  ) throws(GeoJSONError) where S.Element == Feature {
    try atomically(
      GeoJSONWriter(options: options).encode(features: features, foreignMembers: foreignMembers), to: path)
  }

  private static func atomically(_ bytes: [UInt8], to path: String) throws(GeoJSONError) {
    do {
      try AtomicFile.write(bytes, to: path)
    } catch {
      throw .writeFailed(path: path, reason: error.reason)
    }
  }

  // MARK: Features and geometries

  private func appendFeature(_ feature: Feature, formatter: CoordinateFormatter, to out: inout [UInt8]) {
    append("{\"type\":\"Feature\"", to: &out)
    if let id = feature.id {
      append(",\"id\":", to: &out)
      JSONBytes.append(id, to: &out)
    }
    append(",\"properties\":", to: &out)
    JSONBytes.appendObject(feature.properties, to: &out)
    append(",\"geometry\":", to: &out)
    if let geometry = feature.geometry {
      appendGeometry(geometry, formatter: formatter, to: &out)
    } else {
      append("null", to: &out)
    }
    for (key, value) in feature.foreignMembers where !Self.reservedNames.contains(key) {
      out.append(UInt8(ascii: ","))
      JSONBytes.appendQuoted(key, to: &out)
      out.append(UInt8(ascii: ":"))
      JSONBytes.append(value, to: &out)
    }
    out.append(UInt8(ascii: "}"))
  }

  private func appendGeometry(_ geometry: FlatGeometry, formatter: CoordinateFormatter, to out: inout [UInt8])
  {
    append("{\"type\":\"", to: &out)
    out.append(contentsOf: geometry.kind.description.utf8)
    if geometry.kind == .geometryCollection {
      append("\",\"geometries\":[", to: &out)
      for (i, member) in geometry.members.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        appendGeometry(member, formatter: formatter, to: &out)
      }
      append("]}", to: &out)
      return
    }
    append("\",\"coordinates\":", to: &out)
    let parts = 0..<geometry.partCount
    switch geometry.kind {
    case .point:
      if geometry.pointCount == 0 {
        append("[]", to: &out)
      } else {
        appendPosition(geometry, 0, formatter: formatter, to: &out)
      }
    case .lineString:
      if geometry.partCount == 0 {
        append("[]", to: &out)
      } else {
        appendRing(geometry, 0, reversed: false, formatter: formatter, to: &out)
      }
    case .polygon:
      if geometry.partCount == 0 {
        append("[]", to: &out)
      } else {
        appendPolygon(geometry, part: 0, formatter: formatter, to: &out)
      }
    case .multiPoint:
      appendList(parts, to: &out) { part, out in
        self.appendPosition(
          geometry, geometry.ringOffsets[geometry.partOffsets[part]], formatter: formatter, to: &out)
      }
    case .multiLineString:
      appendList(parts, to: &out) { part, out in
        self.appendRing(geometry, geometry.partOffsets[part], reversed: false, formatter: formatter, to: &out)
      }
    case .multiPolygon:
      appendList(parts, to: &out) { part, out in
        self.appendPolygon(geometry, part: part, formatter: formatter, to: &out)
      }
    case .geometryCollection:
      break
    }
    out.append(UInt8(ascii: "}"))
  }

  /// The rings of `part` as a Polygon's coordinates; with the right-hand rule, the exterior ring
  /// (the first) is written counter-clockwise and holes clockwise.
  private func appendPolygon(
    _ geometry: FlatGeometry, part: Int, formatter: CoordinateFormatter, to out: inout [UInt8]
  ) {
    let rings = geometry.ringRange(ofPart: part)
    appendList(rings, to: &out) { ring, out in
      var reversed = false
      if self.options.enforceRightHandRule {
        let area = geometry.signedDoubleArea(ofRing: ring)
        reversed = ring == rings.lowerBound ? area < 0 : area > 0
      }
      self.appendRing(geometry, ring, reversed: reversed, formatter: formatter, to: &out)
    }
  }

  private func appendRing(
    _ geometry: FlatGeometry, _ ring: Int, reversed: Bool, formatter: CoordinateFormatter,
    to out: inout [UInt8]
  ) {
    let points = geometry.pointRange(ofRing: ring)
    out.append(UInt8(ascii: "["))
    for k in 0..<points.count {
      let i = reversed ? points.upperBound - 1 - k : points.lowerBound + k
      formatter.appendPosition(geometry.x(i), geometry.y(i), comma: k > 0, to: &out)
    }
    out.append(UInt8(ascii: "]"))
  }

  @inline(__always)
  private func appendPosition(
    _ geometry: FlatGeometry, _ i: Int, formatter: CoordinateFormatter, to out: inout [UInt8]
  ) {
    formatter.appendPosition(geometry.x(i), geometry.y(i), comma: false, to: &out)
  }

  @inline(__always)
  private func appendList(_ range: Range<Int>, to out: inout [UInt8], _ body: (Int, inout [UInt8]) -> Void) {
    out.append(UInt8(ascii: "["))
    for i in range {
      if i > range.lowerBound { out.append(UInt8(ascii: ",")) }
      body(i, &out)
    }
    out.append(UInt8(ascii: "]"))
  }

  @inline(__always)
  private func append(_ literal: StaticString, to out: inout [UInt8]) {
    out.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }
}
