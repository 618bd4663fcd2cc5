import GeoCore

/// Reads one feature table of a GeoPackage into features: geometries straight from the
/// GeoPackage binary into flat buffers, columns into properties (INTEGER and REAL as numbers,
/// TEXT as strings, BOOLEAN columns as booleans, NULL as null, blobs skipped), in `fid` order.
public enum GeoPackageReader {
  /// What was read.
  public struct Table: Sendable {
    /// The table's name.
    public var name: String
    /// The features, in fid order; each feature's `id` is left empty (the fid is in `fids`).
    public var features: [Feature]
    /// The fid of each feature.
    public var fids: [Int64]
    /// The spatial reference system of the geometry column.
    public var system: SpatialReferenceSystem
    /// The geometry type the table declares, e.g. `MULTIPOLYGON`.
    public var geometryType: String
    /// True when Z or M values were dropped.
    public var droppedDimensions: Bool
  }

  /// A feature table as the file lists it.
  public struct TableInfo: Sendable, Hashable {
    /// The table's name.
    public var name: String
    /// Its geometry column.
    public var geometryColumn: String
    /// Its srs_id.
    public var srsID: Int32
    /// Its declared geometry type.
    public var geometryType: String
  }

  /// The feature tables of `path`, in `gpkg_contents` order, and its attribute tables.
  public static func tables(in path: String) throws(GeoPackageError) -> (
    features: [TableInfo], attributes: [String]
  ) {
    let database = try open(path)
    return try tables(database)
  }

  /// Reads feature table `table` of `path`; with no name, the file's only feature table.
  /// Throws ``GeoPackageError/severalFeatureTables(_:tables:)`` when there are several and none
  /// is named.
  public static func read(_ path: String, table: String? = nil) throws(GeoPackageError) -> Table {
    let database = try open(path)
    let (features, attributes) = try tables(database)
    guard !features.isEmpty else { throw .noFeatureTable(path, attributeTables: attributes) }
    let info: TableInfo
    if let table {
      guard
        let named = features.first(where: { $0.name == table })
          ?? features.first(where: { $0.name.lowercased() == table.lowercased() })
      else { throw .unknownTable(path, table: table, tables: features.map(\.name)) }
      info = named
    } else {
      guard features.count == 1 else { throw .severalFeatureTables(path, tables: features.map(\.name)) }
      info = features[0]
    }
    let system = try spatialReferenceSystem(database, info.srsID)
    return try readRows(database, info, system: system)
  }

  fileprivate static func open(_ path: String) throws(GeoPackageError) -> SQLiteDatabase {
    guard fileExists(path) else { throw .fileNotFound(path) }
    let database = try SQLiteDatabase(path: path, mode: .readOnly)
    // The first read of the schema is where SQLite finds out a file is not a database.
    do {
      _ = try database.integer("SELECT count(*) FROM sqlite_master")
    } catch {
      if case .sqlite(_, let message) = error { throw .notSQLite(path, message) }
      throw error
    }
    let present =
      try database.integer(
        "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') "
          + "AND name IN ('gpkg_contents', 'gpkg_geometry_columns', 'gpkg_spatial_ref_sys')") ?? 0
    guard present == 3 else {
      throw .notGeoPackage(
        path,
        "an SQLite database without the tables gpkg_contents, gpkg_geometry_columns and gpkg_spatial_ref_sys")
    }
    return database
  }

  private static func tables(_ database: SQLiteDatabase) throws(GeoPackageError) -> (
    features: [TableInfo], attributes: [String]
  ) {
    var features: [TableInfo] = []
    var attributes: [String] = []
    let statement = try database.prepare(
      "SELECT c.table_name, c.data_type, g.column_name, g.srs_id, g.geometry_type_name FROM gpkg_contents c "
        + "LEFT JOIN gpkg_geometry_columns g ON g.table_name = c.table_name ORDER BY c.rowid")
    while try statement.step() {
      let name = statement.text(0) ?? ""
      let type = (statement.text(1) ?? "").lowercased()
      if type == "features", let column = statement.text(2) {
        features.append(
          TableInfo(
            name: name, geometryColumn: column, srsID: Int32(truncatingIfNeeded: statement.integer(3)),
            geometryType: statement.text(4) ?? "GEOMETRY"))
      } else if type == "attributes", name != "layer_styles" {
        attributes.append(name)
      }
    }
    return (features, attributes)
  }

  private static func spatialReferenceSystem(_ database: SQLiteDatabase, _ id: Int32) throws(GeoPackageError)
    -> SpatialReferenceSystem
  {
    let statement = try database.prepare(
      "SELECT srs_name, organization, organization_coordsys_id, definition, description "
        + "FROM gpkg_spatial_ref_sys WHERE srs_id = ?")
    try statement.bind(1, Int64(id))
    guard try statement.step() else {
      throw .notGeoPackage(database.path, "srs_id \(id) is not in gpkg_spatial_ref_sys")
    }
    return SpatialReferenceSystem(
      id: id, name: statement.text(0) ?? "", organization: statement.text(1) ?? "",
      organizationCode: statement.integer(2), definition: statement.text(3) ?? "",
      description: statement.text(4))
  }

  private static func readRows(_ database: SQLiteDatabase, _ info: TableInfo, system: SpatialReferenceSystem)
    throws(GeoPackageError) -> Table
  {
    let quoted = GeoPackageSchema.quote(info.name)
    // The primary key: the INTEGER PRIMARY KEY column (`fid` by convention, not by rule).
    let pragma = try database.prepare("PRAGMA table_info(\(quoted))")
    var key: String?
    var columns: [(name: String, boolean: Bool)] = []
    while try pragma.step() {
      let name = pragma.text(1) ?? ""
      let type = (pragma.text(2) ?? "").uppercased()
      if pragma.integer(5) != 0 && type == "INTEGER" && key == nil {
        key = name
      } else if name != info.geometryColumn {
        columns.append((name, type == "BOOLEAN"))
      }
    }
    let keyExpression = key.map(GeoPackageSchema.quote) ?? "rowid"
    let select =
      ([keyExpression, GeoPackageSchema.quote(info.geometryColumn)]
      + columns.map { GeoPackageSchema.quote($0.name) })
      .joined(separator: ", ")
    let statement = try database.prepare("SELECT \(select) FROM \(quoted) ORDER BY \(keyExpression)")
    var features: [Feature] = []
    var fids: [Int64] = []
    var dropped = false
    let keys = columns.map(\.name)
    while try statement.step() {
      let fid = statement.integer(0)
      var geometry: FlatGeometry?
      if statement.kind(1) != .null {
        geometry = try statement.withBlob(1) { (bytes) throws(GeoPackageError) -> FlatGeometry in
          do throws(WellKnownBinaryReader.Failure) {
            return try GeometryBlob.decode(bytes, droppedDimensions: &dropped)
          } catch {
            throw .badGeometry(database.path, table: info.name, fid: fid, error.reason)
          }
        }
      }
      var properties = JSONObject()
      for (c, name) in keys.enumerated() {
        let index = Int32(c + 2)
        let value: JSONValue
        switch statement.kind(index) {
        case .null: value = .null
        case .integer:
          let n = statement.integer(index)
          value = columns[c].boolean ? .bool(n != 0) : .number(Double(n))
        case .real: value = .number(statement.real(index))
        case .text: value = .string(statement.text(index) ?? "")
        case .blob: continue
        }
        properties.append(key: name, value: value)
      }
      features.append(Feature(properties: properties, geometry: geometry))
      fids.append(fid)
    }
    return Table(
      name: info.name, features: features, fids: fids, system: system, geometryType: info.geometryType,
      droppedDimensions: dropped)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// True when `path` names something that exists (SQLite would otherwise report a missing file
/// as "unable to open database file"). Wraps `access(2)`.
private func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

extension GeoPackageReader {
  /// The default QGIS style (QML) of each feature table that has one in `layer_styles`; empty
  /// when the file has no such table.
  public static func defaultStyles(in path: String) throws(GeoPackageError) -> [String: String] {
    let database = try open(path)
    guard try database.integer("SELECT count(*) FROM sqlite_master WHERE name = 'layer_styles'") == 1 else {
      return [:]
    }
    let statement = try database.prepare(
      "SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault ORDER BY id")
    var styles: [String: String] = [:]
    while try statement.step() {
      if let table = statement.text(0), let qml = statement.text(1), styles[table] == nil {
        styles[table] = qml
      }
    }
    return styles
  }
}
