import Foundation
import GeoCore
import GeoPackage
import Layers
import PROJ

/// Writes result layers and tables into a GeoPackage (issue 16): geometries in the working CRS
/// (or `outputCRS`), at full precision unless `precision` is given, the CRS described in
/// `gpkg_spatial_ref_sys` with PROJ's WKT, atomically like every output.
public struct GeoPackageOutput: Sendable {
  /// The CRS the geometries are in (the working CRS).
  public var workingCRS: String
  /// The CRS to write: nil keeps the working CRS.
  public var outputCRS: String?
  /// Decimal places; nil keeps full precision.
  public var precision: Int?

  /// An output as given.
  public init(workingCRS: String, outputCRS: String? = nil, precision: Int? = nil) {
    self.workingCRS = workingCRS
    self.outputCRS = outputCRS
    self.precision = precision
  }

  /// One feature layer to write.
  public struct Layer: Sendable {
    /// The table name.
    public var name: String
    /// A line for `gpkg_contents.description`.
    public var description: String
    /// The features: geometry in the working CRS, properties.
    public var features: [(geometry: FlatGeometry?, properties: JSONObject)]
    /// Its QGIS style document (QML), written as the layer's default style; nil for none.
    public var style: String?
    /// Other styles QGIS offers in the layer's style menu (name, QML).
    public var alternativeStyles: [(name: String, qml: String)] = []
    /// The geometry type declared if the layer is empty.
    public var emptyType: GeometryKind?

    /// A layer as given.
    public init(
      name: String, description: String = "", features: [(geometry: FlatGeometry?, properties: JSONObject)],
      style: String? = nil, emptyType: GeometryKind? = nil
    ) {
      self.emptyType = emptyType
      self.name = name
      self.description = description
      self.features = features
      self.style = style
    }
  }

  /// One attribute table (what is a CSV file elsewhere): rows of properties.
  public struct Table: Sendable {
    /// The table name.
    public var name: String
    /// A line for `gpkg_contents.description`.
    public var description: String
    /// The rows.
    public var rows: [JSONObject]

    /// A table as given.
    public init(name: String, description: String = "", rows: [JSONObject]) {
      self.name = name
      self.description = description
      self.rows = rows
    }
  }

  /// Writes `layers` (each with its style, if any) and `tables` into one GeoPackage at `path`.
  public func write(layers: [Layer], tables: [Table] = [], to path: String) throws {
    let file = try open(path)
    for layer in layers { try file.write(layer) }
    for table in tables { try file.write(table) }
    try file.finish()
  }

  /// Starts a GeoPackage at `path` to be written a layer or table at a time (``File``);
  /// `lastChange` is the time recorded in `gpkg_contents` (now, or `SOURCE_DATE_EPOCH`).
  public func open(_ path: String, lastChange: String = GeoPackageOutput.timestamp()) throws -> File {
    let (writer, system, recipe) = try start(path, lastChange: lastChange)
    return File(output: self, writer: writer, system: system, recipe: recipe)
  }

  /// A GeoPackage being written one layer or table at a time, so that a report need not hold
  /// every layer's features until the end; the styles go in last, as `write(layers:tables:to:)`
  /// writes them. Nothing is visible at the path until `finish()`.
  public final class File {
    private let output: GeoPackageOutput
    private let writer: GeoPackageWriter
    private let system: SpatialReferenceSystem
    private let recipe: TransformerRecipe?
    private var styles: [QGISLayerStyle] = []

    fileprivate init(
      output: GeoPackageOutput, writer: GeoPackageWriter, system: SpatialReferenceSystem,
      recipe: TransformerRecipe?
    ) {
      self.output = output
      self.writer = writer
      self.system = system
      self.recipe = recipe
    }

    /// Writes a layer's features now and keeps its styles for `finish()`.
    public func write(_ layer: Layer) throws {
      let table = GeoPackageWriter.FeatureTable(
        name: layer.name, srsID: system.id, precision: output.precision, description: layer.description,
        emptyType: layer.emptyType)
      if recipe == nil {
        // In the working CRS already: no copy of the features.
        let features = layer.features
        try writer.writeFeatures(table, count: features.count) { features[$0] }
      } else {
        let source = layer.features
        let features = try OutputFeatures.made(
          source.indices, threads: ParallelChunks.defaultThreadCount, recipe: recipe
        ) { source[$0] }
        try writer.writeFeatures(table, count: features.count) { features[$0] }
      }
      if let style = layer.style {
        styles.append(
          QGISLayerStyle(
            table: layer.name, name: layer.name, qml: style, description: "nbhd report symbology"))
      }
      styles += layer.alternativeStyles.map {
        QGISLayerStyle(
          table: layer.name, name: $0.name, qml: $0.qml, isDefault: false,
          description: "nbhd report symbology")
      }
    }

    /// Writes an attribute table now.
    public func write(_ table: Table) throws {
      try writer.writeAttributes(name: table.name, description: table.description, rows: table.rows)
    }

    /// Writes a table the report also writes as CSV, typed as ``Table/init(name:description:csv:)``
    /// types it, straight from the parsed text (no object per row).
    public func write(name: String, description: String = "", csv: CSVWriter) throws {
      try write(try CSVTableRows(name: name, description: description, csv: csv))
    }

    /// Writes a table read by ``CSVTableRows/init(name:description:csv:)``.
    public func write(_ rows: CSVTableRows) throws {
      let (table, values): (CSVTable, [[Double?]?])
      switch rows.form {
      case .objects(let objects): return try write(objects)
      case .parsed(let parsed, let numbers): (table, values) = (parsed, numbers)
      }
      let (name, description) = (rows.name, rows.description)
      // The columns exactly as inferring them from the rows' objects would make them: one
      // representative value per column stands for the kinds the column holds.
      var sample = JSONObject()
      for (c, key) in table.header.enumerated() {
        let kind: JSONValue
        if let column = values[c] {
          let fractional = column.contains {
            $0.map { $0 != $0.rounded() || abs($0) >= 9_007_199_254_740_992 } ?? false
          }
          kind = fractional ? .number(0.5) : column.contains { $0 != nil } ? .number(0) : .null
        } else {
          kind = .string("")
        }
        sample.append(key: key, value: kind)
      }
      let columns = table.records.isEmpty ? [] : ColumnSchema.infer([sample], reserved: ["fid"])
      try writer.writeAttributes(
        name: name, description: description, columns: columns, count: table.records.count
      ) { k, c in
        if let column = values[c] {
          return column[k].map { GeoPackageWriter.cell(.number($0), columns[c].type) } ?? .null
        }
        let record = table.records[k]
        let text = c < record.count ? record[c] : ""
        return text.isEmpty ? .null : .text(text)
      }
    }

    /// Writes the layers' styles, commits and puts the file in place.
    public func finish() throws {
      if !styles.isEmpty { try writer.writeStyles(styles) }
      try writer.finish()
    }
  }

  /// A CSV table read back for ``File/write(_:)-(CSVTableRows)``: its records and the numbers in
  /// each column that holds only numbers. Reading is most of the work of writing such a table,
  /// and needs nothing of the file, so it can be done while the file is busy with something else.
  public struct CSVTableRows: Sendable {
    let name: String
    let description: String
    let form: Form

    enum Form: Sendable {
      /// The records, and each column's numbers when it holds only numbers.
      case parsed(CSVTable, [[Double?]?])
      /// With repeated column names, the object form decides which value each column holds.
      case objects(Table)
    }

    /// Reads `csv` back.
    public init(name: String, description: String = "", csv: CSVWriter) throws {
      (self.name, self.description) = (name, description)
      let table = try CSVTable.parse(csv.bytes, source: name)
      form =
        Set(table.header).count == table.header.count
        ? .parsed(table, Table.numbers(table))
        : .objects(try Table(name: name, description: description, csv: csv))
    }
  }

  /// Writes one layer of `count` features, the k-th made by `feature(k)`, as table `name`.
  /// Making and reprojecting run in parallel (`OutputFeatures.made`).
  public func write(
    count: Int, name: String, to path: String,
    feature: @Sendable (Int) -> (geometry: FlatGeometry?, properties: JSONObject)
  ) throws {
    var clock = StageClock()
    let (writer, system, recipe) = try start(path)
    clock.lap("GeoPackage: start")
    let features = try OutputFeatures.made(
      0..<count, threads: ParallelChunks.defaultThreadCount, recipe: recipe, feature)
    clock.lap("GeoPackage: features made")
    try writer.writeFeatures(
      GeoPackageWriter.FeatureTable(name: name, srsID: system.id, precision: precision), count: count
    ) { features[$0] }
    clock.lap("GeoPackage: table written")
    try writer.finish()
    clock.lap("GeoPackage: committed, synced, renamed")
  }

  private func start(_ path: String, lastChange: String = GeoPackageOutput.timestamp()) throws -> (
    GeoPackageWriter, SpatialReferenceSystem, TransformerRecipe?
  ) {
    let source = try CoordinateReferenceSystem.resolved(workingCRS)
    let target = try outputCRS.map { try CoordinateReferenceSystem.resolved($0) } ?? source
    let same =
      source.definition == target.definition
      || (source.identifier != nil && source.identifier == target.identifier)
    let recipe = same ? nil : try TransformerRecipe.best(from: source, to: target)
    let writer = try GeoPackageWriter(
      path: path, wgs84Definition: try CoordinateReferenceSystem.resolved("EPSG:4326").wellKnownText(),
      lastChange: lastChange)
    let system = try Self.system(for: target)
    try writer.add(system)
    return (writer, system, recipe)
  }

  /// The `gpkg_spatial_ref_sys` row for a CRS: its EPSG code when it has one (WGS84 lon/lat is
  /// EPSG:4326, whose GeoPackage axis order is longitude first), else a custom row described by
  /// PROJ's WKT.
  public static func system(for crs: CoordinateReferenceSystem) throws -> SpatialReferenceSystem {
    if crs.identifier == "OGC:CRS84" || crs.epsgCode == 4326 {
      return SpatialReferenceSystem(
        id: 4326, name: "WGS 84 geodetic", organization: "EPSG", organizationCode: 4326,
        definition: try CoordinateReferenceSystem.resolved("EPSG:4326").wellKnownText())
    }
    if let code = crs.epsgCode {
      return SpatialReferenceSystem(
        id: Int32(code), name: crs.name, organization: "EPSG", organizationCode: Int64(code),
        definition: try crs.wellKnownText())
    }
    let id = SpatialReferenceSystem.firstCustomID
    return SpatialReferenceSystem(
      id: id, name: crs.name == "unknown" ? "nbhd local equal-area" : crs.name, organization: "NBHD",
      organizationCode: Int64(id), definition: try crs.wellKnownText(), description: crs.definition)
  }

  /// Now, as GeoPackage wants it (`2026-12-03T10:04:05.000Z`); `SOURCE_DATE_EPOCH` (seconds)
  /// fixes it for reproducible files.
  public static func timestamp() -> String {
    let seconds =
      ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init)
      ?? Date().timeIntervalSince1970
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: seconds))
  }
}

extension GeoPackageOutput.Table {
  /// A table from a CSV the report writes: a column whose every value reads as a number (and
  /// none looks like a code with a leading zero, such as `01`) is numeric, an empty field is
  /// null, anything else text.
  public init(name: String, description: String = "", csv: CSVWriter) throws {
    let table = try CSVTable.parse(csv.bytes, source: name)
    let values = Self.numbers(table)
    let rows = table.records.indices.map { k in
      let record = table.records[k]
      var row = JSONObject()
      for (c, key) in table.header.enumerated() {
        let text = c < record.count ? record[c] : ""
        row.append(
          key: key,
          value: text.isEmpty ? .null : values[c].map { .number($0[k]!) } ?? .string(text))
      }
      return row
    }
    self.init(name: name, description: description, rows: rows)
  }

  /// Each numeric column's numbers row by row (nil for an empty field), nil for the other
  /// columns. A column is numeric when every value reads as a finite number and none looks like
  /// a code with a leading zero (`01`); empty fields do not count. Each field is read once.
  static func numbers(_ table: CSVTable) -> [[Double?]?] {
    table.header.indices.map { c in
      var values: [Double?] = []
      values.reserveCapacity(table.records.count)
      for record in table.records {
        guard c < record.count, !record[c].isEmpty else {
          values.append(nil)
          continue
        }
        guard let value = number(record[c]) else { return nil }
        values.append(value)
      }
      return values
    }
  }

  /// The finite number `text` reads as, unless it looks like a code with a leading zero (`01`,
  /// `-007`; `0.5` is a number). Bytes stand for characters here: any text with a non-ASCII
  /// character is not a number.
  private static func number(_ text: String) -> Double? {
    let utf8 = text.utf8
    var digits = utf8.drop { $0 == UInt8(ascii: "-") }.makeIterator()
    if digits.next() == UInt8(ascii: "0"), let second = digits.next(), second != UInt8(ascii: ".") {
      return nil
    }
    guard let value = Double(text), value.isFinite else { return nil }
    return value
  }
}
