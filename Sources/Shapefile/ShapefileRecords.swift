internal import CShapelib
import GeoCore

/// The record loop of `ShapefileReader`: shapes into flat geometries, dBASE values into JSON
/// values. Runs inside one shapelib session (`Shapelib.withFiles`).
struct ShapefileRecords {
  var encoding: TextEncoding
  var source: String
  private var closedRings = 0
  private var windingDisagreements = 0
  private var shapesWithZ = 0
  private var shapesWithM = 0
  private var undecodable = 0

  /// Every record as a feature, and the notes on what reading changed.
  static func read(hooks: inout SAHooks, encoding: TextEncoding, source: String) throws(ShapefileError)
    -> ([Feature], [String])
  {
    guard let shapes = ShapeFile(hooks: &hooks) else {
      throw .corrupt(path: source, what: "the .shp and .shx cannot be opened as a shapefile", shapelib: [])
    }
    guard let table = AttributeFile(hooks: &hooks) else {
      throw .corrupt(path: source, what: "the .dbf cannot be opened as a dBASE table", shapelib: [])
    }
    var reader = ShapefileRecords(encoding: encoding, source: source)
    let (count, _) = shapes.info
    guard table.recordCount == count else {
      throw .inconsistent(
        path: source,
        what: "the .shp holds \(count) shapes but the .dbf \(table.recordCount) records: the files are not "
          + "from one export")
    }
    let fields = table.fields.map { (name: reader.decoded($0.name), type: $0.type) }
    var features: [Feature] = []
    features.reserveCapacity(count)
    for index in 0..<count {
      guard let shape = shapes.shape(index) else {
        throw .corrupt(path: source, what: "shape \(index) cannot be read", shapelib: [])
      }
      let geometry = try reader.geometry(of: shape, index: index)
      var properties = JSONObject()
      for (field, (name, type)) in fields.enumerated() {
        let value: JSONValue
        if table.isNull(record: index, field: field) {
          value = .null
        } else if let text = table.text(record: index, field: field) {
          value = reader.value(text, type: type)
        } else {
          throw .corrupt(path: source, what: "record \(index) of the .dbf cannot be read", shapelib: [])
        }
        properties.append(key: name, value: value)
      }
      features.append(Feature(properties: properties, geometry: geometry))
    }
    return (features, reader.notes)
  }

  /// What a user should know about how the file was read.
  var notes: [String] {
    var notes: [String] = []
    if shapesWithZ > 0 {
      notes.append("Z (height) values dropped from \(shapesWithZ) shapes: nbhd works in 2D")
    }
    if shapesWithM > 0 { notes.append("M (measure) values dropped from \(shapesWithM) shapes") }
    if windingDisagreements > 0 {
      notes.append(
        "\(windingDisagreements) polygon rings are wound against the shapefile convention: shells and holes "
          + "were told apart by which rings contain which, not by winding")
    }
    if closedRings > 0 { notes.append("\(closedRings) unclosed polygon rings closed") }
    if undecodable > 0 {
      notes.append("\(undecodable) text values are not valid \(encoding.name): bad bytes shown as U+FFFD")
    }
    return notes
  }

  /// The shape as a flat geometry; nil for a null shape. Rings and lines are kept as drawn
  /// (unclosed rings closed): a ring too short to be one is the loader's to judge, as in
  /// GeoJSON.
  mutating func geometry(of shape: ShapeRecord, index: Int) throws(ShapefileError) -> FlatGeometry? {
    if shape.type == ShapeType.null { return nil }
    guard shape.x.allSatisfy(\.isFinite), shape.y.allSatisfy(\.isFinite) else {
      throw .corrupt(
        path: source, what: "shape \(index) has a coordinate that is not a finite number", shapelib: [])
    }
    if shape.hasZ { shapesWithZ += 1 }
    if shape.hasM { shapesWithM += 1 }
    let parts = try partRanges(shape, index: index)
    if ShapeType.points.contains(shape.type) {
      return shape.x.isEmpty ? .empty(.point) : .point(x: shape.x[0], y: shape.y[0])
    }
    if ShapeType.multiPoints.contains(shape.type) {
      var builder = FlatGeometryBuilder(kind: .multiPoint, reservingCoordinates: shape.x.count)
      for i in shape.x.indices {
        builder.append(x: shape.x[i], y: shape.y[i])
        builder.closeRing()
        builder.closePart()
      }
      return builder.geometry
    }
    if ShapeType.arcs.contains(shape.type) {
      let lines = parts.filter { !$0.isEmpty }
      var builder = FlatGeometryBuilder(
        kind: lines.count == 1 ? .lineString : .multiLineString, reservingCoordinates: shape.x.count)
      for line in lines {
        for i in line { builder.append(x: shape.x[i], y: shape.y[i]) }
        builder.closeRing()
        builder.closePart()
      }
      return builder.geometry
    }
    if ShapeType.polygons.contains(shape.type) {
      var rings = FlatGeometryBuilder(kind: .multiPolygon, reservingCoordinates: shape.x.count + parts.count)
      for part in parts {
        guard let first = part.first, let last = part.last else { continue }
        let closed = shape.x[first] == shape.x[last] && shape.y[first] == shape.y[last]
        for i in part { rings.append(x: shape.x[i], y: shape.y[i]) }
        if !closed {
          rings.append(x: shape.x[first], y: shape.y[first])
          closedRings += 1
        }
        rings.closeRing()
        rings.closePart()
      }
      let (polygons, disagreements) = RingAssembly.polygons(from: rings.geometry)
      windingDisagreements += disagreements
      return polygons
    }
    throw .inconsistent(
      path: source,
      what:
        "shape \(index) is a \(shape.type == ShapeType.multiPatch ? "MultiPatch (3D surface)" : "type \(shape.type)") "
        + "shape, which nbhd does not read: export points, lines or polygons")
  }

  /// The vertex range of each part, checked against the vertex count.
  private func partRanges(_ shape: ShapeRecord, index: Int) throws(ShapefileError) -> [Range<Int>] {
    let count = shape.x.count
    guard !shape.partStarts.isEmpty else { return count > 0 ? [0..<count] : [] }
    var ranges: [Range<Int>] = []
    for (p, start) in shape.partStarts.enumerated() {
      let end = p + 1 < shape.partStarts.count ? shape.partStarts[p + 1] : count
      guard start >= 0, start <= end, end <= count else {
        throw .corrupt(path: source, what: "shape \(index) has parts outside its points", shapelib: [])
      }
      ranges.append(start..<end)
    }
    return ranges
  }

  /// Decodes text in the file's encoding (bad bytes become U+FFFD and are counted).
  mutating func decoded(_ bytes: [UInt8]) -> String {
    if let text = encoding.decode(bytes) { return text }
    undecodable += 1
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A dBASE value as a JSON value: `N`/`F` numbers, `L` booleans, `D` dates as `YYYY-MM-DD`
  /// text, everything else trimmed text.
  mutating func value(_ bytes: [UInt8], type: UInt8) -> JSONValue {
    // Trim blanks on the bytes (dBASE pads with spaces): cheaper than trimming decoded text.
    let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0 }
    guard let first = bytes.firstIndex(where: { !isBlank($0) }),
      let last = bytes.lastIndex(where: { !isBlank($0) })
    else { return type == UInt8(ascii: "C") ? .string("") : .null }
    let text = decoded(Array(bytes[first...last]))
    switch type {
    case UInt8(ascii: "N"), UInt8(ascii: "F"):
      if text.isEmpty { return .null }
      if let number = Double(text), number.isFinite { return .number(number) }
      return .string(text)
    case UInt8(ascii: "L"):
      switch text.first {
      case "T", "t", "Y", "y": return .bool(true)
      case "F", "f", "N", "n": return .bool(false)
      default: return .null
      }
    case UInt8(ascii: "D"):
      if text.isEmpty { return .null }
      if text.count == 8, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) {
        let digits = Array(text)
        return .string("\(String(digits[0..<4]))-\(String(digits[4..<6]))-\(String(digits[6..<8]))")
      }
      return .string(text)
    default:
      return .string(text)
    }
  }
}
