/// Why a GeoPackage could not be read or written. Messages name the file and, where there is
/// one, the table and feature; they never name a command-line option (the command adds its own
/// advice).
public enum GeoPackageError: Error, CustomStringConvertible, Equatable {
  /// The file does not exist.
  case fileNotFound(String)
  /// The file is not an SQLite database at all (file, what SQLite said).
  case notSQLite(String, String)
  /// An SQLite database without the GeoPackage tables (file, what is missing).
  case notGeoPackage(String, String)
  /// A GeoPackage without any feature table (file, its attribute tables).
  case noFeatureTable(String, attributeTables: [String])
  /// Several feature tables and none named (file, the tables).
  case severalFeatureTables(String, tables: [String])
  /// A named table that is not a feature table of the file (file, name, the feature tables).
  case unknownTable(String, table: String, tables: [String])
  /// A geometry blob that cannot be read (file, table, feature id, why).
  case badGeometry(String, table: String, fid: Int64, String)
  /// Something the writer was asked that a GeoPackage cannot hold (file, why).
  case unsupported(String, String)
  /// SQLite refused (file, SQLite's message).
  case sqlite(path: String, message: String)
  /// The finished file could not be put in place (file, why).
  case cannotWrite(String, String)

  /// The message: the file, the table or feature where there is one, and what is wrong.
  public var description: String {
    switch self {
    case .fileNotFound(let path): "\(path): file not found"
    case .notSQLite(let path, let why):
      "\(path): not a GeoPackage: the file is not an SQLite database (\(why))"
    case .notGeoPackage(let path, let why): "\(path): not a GeoPackage: \(why)"
    case .noFeatureTable(let path, let attributes):
      "\(path): the GeoPackage holds no feature table (no layer with geometries)"
        + (attributes.isEmpty ? "" : "; its attribute tables are: \(attributes.joined(separator: ", "))")
    case .severalFeatureTables(let path, let tables):
      "\(path): the GeoPackage holds \(tables.count) feature tables (\(tables.joined(separator: ", "))); "
        + "name the one to read"
    case .unknownTable(let path, let table, let tables):
      "\(path): no feature table \"\(table)\"; the feature tables are: \(tables.joined(separator: ", "))"
    case .badGeometry(let path, let table, let fid, let why):
      "\(path): table \(table), feature fid \(fid): unreadable geometry: \(why)"
    case .unsupported(let path, let why): "\(path): \(why)"
    case .sqlite(let path, let message): "\(path): SQLite: \(message)"
    case .cannotWrite(let path, let why): "\(path): cannot write: \(why)"
    }
  }
}
