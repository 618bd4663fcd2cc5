import GeoCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a GeoPackage 1.3 file (application_id `GPKG`, user_version 10300): spatial reference
/// systems, feature tables with typed columns, GeoPackage binary geometries and an R-tree index
/// each, attribute tables, and QGIS `layer_styles`. Everything goes into a temporary file in the
/// target's folder inside one transaction, with journaling and syncing off (the file is not
/// visible until `finish()` syncs it and renames it into place); a writer dropped without
/// `finish()` removes its temporary file, so an error never leaves a half file.
public final class GeoPackageWriter {
  /// The file the GeoPackage will be.
  public let path: String
  private let temporary: String
  private var database: SQLiteDatabase?
  private var systems: [Int32: SpatialReferenceSystem] = [:]
  private var tables: Set<String> = []
  private var hasStyles = false
  private let timestamp: String

  /// Starts a GeoPackage for `path` with the required systems (-1, 0, EPSG:4326 with the given
  /// WKT). `lastChange` is the ISO 8601 time written in `gpkg_contents` and `layer_styles`.
  public init(path: String, wgs84Definition: String, lastChange: String) throws(GeoPackageError) {
    self.path = path
    self.temporary = AtomicFile.temporaryPath(for: path)
    self.timestamp = lastChange
    let database = try SQLiteDatabase(path: temporary, mode: .create)
    self.database = database
    do {
      // One transaction, no journal: nothing is visible until `finish()` renames the file. A
      // 16 MB page cache lets SQLite write pages out as it goes; a cache as big as the file (the
      // England report's is 72 MB) held all of it in memory until the commit, for no gain in
      // time and the same bytes.
      try database.execute(
        """
        PRAGMA application_id = 1196444487;
        PRAGMA user_version = 10300;
        PRAGMA page_size = 4096;
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        PRAGMA cache_size = -16384;
        PRAGMA locking_mode = EXCLUSIVE;
        BEGIN;
        \(GeoPackageSchema.core)
        """)
      for system in [
        SpatialReferenceSystem.undefinedCartesian, .undefinedGeographic,
        SpatialReferenceSystem(
          id: 4326, name: "WGS 84 geodetic", organization: "EPSG", organizationCode: 4326,
          definition: wgs84Definition,
          description: "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
      ] {
        try add(system)
      }
    } catch {
      self.database = nil
      unlink(temporary)
      throw error
    }
  }

  deinit {
    if database != nil {
      database = nil
      unlink(temporary)
    }
  }

  /// Adds a row to `gpkg_spatial_ref_sys` (once per id).
  public func add(_ system: SpatialReferenceSystem) throws(GeoPackageError) {
    guard systems[system.id] == nil else { return }
    let statement = try open().prepare(
      "INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, "
        + "description) VALUES (?, ?, ?, ?, ?, ?)")
    try statement.bind(1, system.name)
    try statement.bind(2, Int64(system.id))
    try statement.bind(3, system.organization)
    try statement.bind(4, system.organizationCode)
    try statement.bind(5, system.definition)
    if let description = system.description {
      try statement.bind(6, description)
    } else {
      try statement.bindNull(6)
    }
    try statement.run()
    systems[system.id] = system
  }

  /// How a feature table is written.
  public struct FeatureTable: Sendable {
    /// Table name (also its identifier in `gpkg_contents`).
    public var name: String
    /// The srs_id of its geometries (added with ``GeoPackageWriter/add(_:)`` first).
    public var srsID: Int32
    /// Decimal places to round coordinates to; nil keeps full precision.
    public var precision: Int?
    /// A line for `gpkg_contents.description`.
    public var description: String
    /// The geometry type to declare when the table turns out empty (an empty slivers layer is
    /// still a polygon layer); nil declares GEOMETRY.
    public var emptyType: GeometryKind?

    /// A table as given.
    public init(
      name: String, srsID: Int32, precision: Int? = nil, description: String = "",
      emptyType: GeometryKind? = nil
    ) {
      self.name = name
      self.srsID = srsID
      self.precision = precision
      self.description = description
      self.emptyType = emptyType
    }
  }

  /// Writes a feature table of `count` features, the k-th given by `feature(k)` (a nil geometry
  /// is written as NULL), with its columns inferred from the properties, its extent in
  /// `gpkg_contents` and its R-tree index. Geometries are rounded and encoded on `threads`
  /// threads (the bytes do not depend on the count); SQLite is fed on this one. Returns the
  /// columns written.
  @discardableResult
  public func writeFeatures(
    _ table: FeatureTable, count: Int, threads: Int = ParallelChunks.defaultThreadCount,
    feature: @Sendable (Int) -> (geometry: FlatGeometry?, properties: JSONObject)
  ) throws(GeoPackageError) -> [ColumnSchema] {
    let database = try open()
    try claim(table.name)
    guard systems[table.srsID] != nil else {
      throw .unsupported(path, "srs_id \(table.srsID) of table \(table.name) is not in gpkg_spatial_ref_sys")
    }
    var properties: [JSONObject] = []
    properties.reserveCapacity(count)
    var kinds = Set<GeometryKind>()
    for k in 0..<count {
      let (geometry, object) = feature(k)
      properties.append(object)
      if let geometry { kinds.insert(geometry.kind) }
    }
    // A table mixing single and multi forms of one type is written as the multi type (the flat
    // layouts are the same): readers then see one geometry type, as ogr2ogr's PROMOTE_TO_MULTI.
    let promoted = Self.promotion(kinds)
    if let promoted { kinds = [promoted] }
    if kinds.isEmpty, let emptyType = table.emptyType { kinds = [emptyType] }
    let columns = ColumnSchema.infer(properties, reserved: ["fid", "geom"])
    let quoted = GeoPackageSchema.quote(table.name)
    let definitions = columns.map { "\(GeoPackageSchema.quote($0.name)) \($0.type.rawValue)" }
    try database.execute(
      "CREATE TABLE \(quoted) (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom "
        + "\(Self.geometryTypeName(kinds))\(definitions.map { ", " + $0 }.joined()));")
    let rtree = GeoPackageSchema.quote("rtree_\(table.name)_geom")
    try database.execute("CREATE VIRTUAL TABLE \(rtree) USING rtree(id, minx, maxx, miny, maxy);")
    let insert = try database.prepare(
      "INSERT INTO \(quoted) (fid, geom\(columns.map { ", " + GeoPackageSchema.quote($0.name) }.joined())) "
        + "VALUES (?\(String(repeating: ", ?", count: columns.count + 1)))")
    var extent = BoundingBox.empty
    var boxes: [RTreeBulkLoad.Entry] = []
    boxes.reserveCapacity(count)
    let scale = table.precision.map { Self.power10($0) }
    let srsID = table.srsID
    let encoded = Self.encode(count: count, threads: threads) { k -> (blob: [UInt8], box: BoundingBox)? in
      guard var geometry = feature(k).geometry else { return nil }
      if let promoted, geometry.kind != .geometryCollection { geometry.kind = promoted }
      if let scale { geometry.mapCoordinates { x, y in Self.round(&x, &y, scale) } }
      let box = geometry.boundingBox
      var blob: [UInt8] = []
      GeometryBlob.encode(geometry, srsID: srsID, box: box, into: &blob)
      return (blob, box)
    }
    for k in 0..<count {
      let fid = Int64(k + 1)
      try insert.bind(1, fid)
      if let (blob, box) = encoded[k] {
        try insert.bind(2, blob: blob)
        if !box.isEmpty {
          extent.include(box)
          boxes.append(RTreeBulkLoad.Entry(id: fid, box: box))
        }
      } else {
        try insert.bindNull(2)
      }
      try bind(properties[k], columns, to: insert, from: 3)
      try insert.run()
    }
    try RTreeBulkLoad.load(boxes, into: "rtree_\(table.name)_geom", database: database)
    try contents(
      table.name, dataType: "features", description: table.description, extent: extent, srsID: table.srsID)
    let geometryColumns = try database.prepare(
      "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)")
    try geometryColumns.bind(1, table.name)
    try geometryColumns.bind(2, Self.geometryTypeName(kinds))
    try geometryColumns.bind(3, Int64(table.srsID))
    try geometryColumns.run()
    let rtreeExtension = try database.prepare(
      "INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', "
        + "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')")
    try rtreeExtension.bind(1, table.name)
    try rtreeExtension.run()
    // Created after the bulk load: the triggers call ST_* functions that a GeoPackage reader
    // (GDAL, QGIS) provides and plain SQLite does not.
    try database.execute(GeoPackageSchema.rtreeTriggers(table: table.name, column: "geom", key: "fid"))
    return columns
  }

  /// Writes an attribute table (`data_type` 'attributes', no geometry): one row per object,
  /// columns inferred as for features.
  public func writeAttributes(name: String, description: String = "", rows: [JSONObject])
    throws(GeoPackageError)
  {
    let columns = ColumnSchema.infer(rows, reserved: ["fid"])
    try writeAttributes(name: name, description: description, columns: columns, count: rows.count) { k, c in
      Self.cell(rows[k][columns[c].key], columns[c].type)
    }
  }

  /// A cell's value as SQLite stores it.
  public enum Cell: Sendable, Equatable {
    /// NULL.
    case null
    /// An INTEGER (or BOOLEAN 0/1).
    case integer(Int64)
    /// A REAL.
    case real(Double)
    /// TEXT.
    case text(String)
  }

  /// Writes an attribute table of `count` rows with the given `columns`, the value in row k and
  /// column c being `cell(k, c)`: for tables that are not made of objects (a report's CSV
  /// tables), without an object per row.
  public func writeAttributes(
    name: String, description: String = "", columns: [ColumnSchema], count: Int,
    cell: (_ row: Int, _ column: Int) -> Cell
  ) throws(GeoPackageError) {
    let database = try open()
    try claim(name)
    let quoted = GeoPackageSchema.quote(name)
    try database.execute(
      "CREATE TABLE \(quoted) (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL"
        + "\(columns.map { ", \(GeoPackageSchema.quote($0.name)) \($0.type.rawValue)" }.joined()));")
    let insert = try database.prepare(
      "INSERT INTO \(quoted) (fid\(columns.map { ", " + GeoPackageSchema.quote($0.name) }.joined())) "
        + "VALUES (?\(String(repeating: ", ?", count: columns.count)))")
    for k in 0..<count {
      try insert.bind(1, Int64(k + 1))
      for c in columns.indices { try bind(cell(k, c), to: insert, at: 2 + Int32(c)) }
      try insert.run()
    }
    try contents(name, dataType: "attributes", description: description, extent: nil, srsID: nil)
  }

  /// Adds rows to the QGIS `layer_styles` table (made on first use).
  public func writeStyles(_ styles: [QGISLayerStyle]) throws(GeoPackageError) {
    let database = try open()
    if !hasStyles {
      try database.execute(GeoPackageSchema.layerStyles)
      try contents(
        "layer_styles", dataType: "attributes", description: "QGIS layer styles", extent: nil, srsID: nil)
      hasStyles = true
    }
    let insert = try database.prepare(
      "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
        + "styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) "
        + "VALUES ('', '', ?, ?, ?, ?, ?, ?, ?, '', NULL, ?)")
    for style in styles {
      try insert.bind(1, style.table)
      try insert.bind(2, style.geometryColumn)
      try insert.bind(3, style.name)
      try insert.bind(4, style.qml)
      try insert.bind(5, style.sld)
      try insert.bind(6, Int64(style.isDefault ? 1 : 0))
      try insert.bind(7, style.description)
      try insert.bind(8, timestamp)
      try insert.run()
    }
  }

  /// Commits, closes, syncs the file to disk and renames it into place. Wraps `fsync` and `rename`.
  public func finish() throws(GeoPackageError) {
    let database = try open()
    try database.execute("COMMIT;")
    self.database = nil  // closes the connection (every statement is finalized by now)
    let fd = Glibc.open(temporary, O_RDONLY | O_CLOEXEC)
    defer { if fd >= 0 { close(fd) } }
    guard fd >= 0, fsync(fd) == 0 else {
      unlink(temporary)
      throw .cannotWrite(path, String(cString: strerror(errno)))
    }
    if rename(temporary, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw .cannotWrite(path, reason)
    }
  }

  private func open() throws(GeoPackageError) -> SQLiteDatabase {
    guard let database else { throw .cannotWrite(path, "the GeoPackage was already finished") }
    return database
  }

  private func claim(_ name: String) throws(GeoPackageError) {
    let lower = name.lowercased()
    guard !lower.hasPrefix("gpkg_"), !lower.hasPrefix("rtree_"), !lower.hasPrefix("sqlite_"),
      lower != "layer_styles"
    else { throw .unsupported(path, "table name \"\(name)\" is reserved by GeoPackage, SQLite or QGIS") }
    guard tables.insert(lower).inserted else { throw .unsupported(path, "two tables named \"\(name)\"") }
  }

  private func contents(
    _ name: String, dataType: String, description: String, extent: BoundingBox?, srsID: Int32?
  ) throws(GeoPackageError) {
    let insert = try open().prepare(
      "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, "
        + "max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    try insert.bind(1, name)
    try insert.bind(2, dataType)
    try insert.bind(3, name)
    try insert.bind(4, description)
    try insert.bind(5, timestamp)
    if let extent, !extent.isEmpty {
      try insert.bind(6, extent.minX)
      try insert.bind(7, extent.minY)
      try insert.bind(8, extent.maxX)
      try insert.bind(9, extent.maxY)
    } else {
      for i: Int32 in 6...9 { try insert.bindNull(i) }
    }
    if let srsID { try insert.bind(10, Int64(srsID)) } else { try insert.bindNull(10) }
    try insert.run()
  }

  private func bind(
    _ object: JSONObject, _ columns: [ColumnSchema], to statement: SQLiteStatement, from first: Int32
  )
    throws(GeoPackageError)
  {
    // Objects usually hold the columns' keys in the columns' order: while they do, a value is
    // found by position instead of by comparing its key with every key before it (the columns'
    // keys are distinct, so the first such key is the one at the column's position).
    let keys = object.keys
    var aligned = true
    for (c, column) in columns.enumerated() {
      aligned = aligned && c < keys.count && keys[c] == column.key
      let value = aligned ? object.values[c] : object[column.key]
      try bind(Self.cell(value, column.type), to: statement, at: first + Int32(c))
    }
  }

  private func bind(_ cell: Cell, to statement: SQLiteStatement, at index: Int32) throws(GeoPackageError) {
    switch cell {
    case .null: try statement.bindNull(index)
    case .integer(let n): try statement.bind(index, n)
    case .real(let x): try statement.bind(index, x)
    case .text(let text): try statement.bind(index, text)
    }
  }

  /// How a property is stored in a column of `type`: a number as INTEGER or REAL, a boolean as
  /// 0/1, anything else (or a value of another kind than the column's) as its text.
  public static func cell(_ value: JSONValue?, _ type: ColumnSchema.SQLType) -> Cell {
    guard let value, value != .null else { return .null }
    switch (type, value) {
    case (.integer, .number(let n)): return .integer(Int64(n))
    case (.real, .number(let n)): return .real(n)
    case (.boolean, .bool(let b)): return .integer(b ? 1 : 0)
    default: return .text(value.text ?? "")
    }
  }

  /// The `geometry_type_name` for the kinds in a table: the one kind, Polygon and MultiPolygon
  /// together as MULTIPOLYGON's parent GEOMETRY (readers accept either in such a column).
  static func geometryTypeName(_ kinds: Set<GeometryKind>) -> String {
    guard kinds.count == 1, let kind = kinds.first else { return "GEOMETRY" }
    return kind.description.uppercased()
  }

  /// `body(k)` for every k in `0..<count`, in parallel chunks, in order.
  private static func encode<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
    // The body cannot throw, so neither can the chunks.
    (try? ParallelChunks.map(count: count, threads: threads, chunkSize: 256, makeWorker: {}) { _, k in body(k)
    })
      ?? (0..<count).map(body)
  }

  /// The multi type to write a table as, when it mixes one type's single and multi forms.
  static func promotion(_ kinds: Set<GeometryKind>) -> GeometryKind? {
    for (single, multi) in [
      (GeometryKind.polygon, GeometryKind.multiPolygon), (.point, .multiPoint),
      (.lineString, .multiLineString),
    ]
    where kinds == [single, multi] {
      return multi
    }
    return nil
  }

  private static func power10(_ decimals: Int) -> Double {
    var p = 1.0
    for _ in 0..<decimals { p *= 10 }
    return p
  }

  private static func round(_ x: inout Double, _ y: inout Double, _ scale: Double) {
    x = (x * scale).rounded() / scale
    y = (y * scale).rounded() / scale
  }
}

@available(*, unavailable)
extension GeoPackageWriter: Sendable {}

/// One QGIS style for a layer of the file (a row of `layer_styles`).
public struct QGISLayerStyle: Sendable, Hashable {
  /// The feature table styled.
  public var table: String
  /// Its geometry column.
  public var geometryColumn: String
  /// The style's name in QGIS's style menu.
  public var name: String
  /// The QGIS style document (`<qgis>…</qgis>`).
  public var qml: String
  /// An SLD version ('' when there is none; the column is NOT NULL in QGIS's schema).
  public var sld: String
  /// Whether QGIS applies it when the layer is loaded.
  public var isDefault: Bool
  /// A line saying what the style shows.
  public var description: String

  /// A style as given.
  public init(
    table: String, geometryColumn: String = "geom", name: String, qml: String, sld: String = "",
    isDefault: Bool = true, description: String = ""
  ) {
    self.table = table
    self.geometryColumn = geometryColumn
    self.name = name
    self.qml = qml
    self.sld = sld
    self.isDefault = isDefault
    self.description = description
  }
}
