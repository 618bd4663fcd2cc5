internal import CSQLite

/// The single owner of one `sqlite3*` connection. Every raw SQLite call of the module lives in
/// this file and in `SQLiteStatement.swift`; result codes become ``GeoPackageError/sqlite`` in
/// one place (`check`). Statements keep their database alive, so a connection is closed only
/// after every statement made on it has been finalized.
final class SQLiteDatabase {
  let pointer: OpaquePointer
  /// The file, for messages.
  let path: String

  /// How to open the file.
  enum Mode {
    /// Read only; the file must exist.
    case readOnly
    /// Read and write; created when missing.
    case create
  }

  /// Opens `path`. Wraps `sqlite3_open_v2` (on failure the half-made handle is closed here:
  /// SQLite allocates one even when opening fails).
  init(path: String, mode: Mode) throws(GeoPackageError) {
    var handle: OpaquePointer?
    let flags =
      switch mode {
      case .readOnly: SQLITE_OPEN_READONLY
      case .create: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
      }
    let code = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
    guard code == SQLITE_OK, let handle else {
      let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(handle)
      throw .sqlite(path: path, message: message)
    }
    self.pointer = handle
    self.path = path
  }

  deinit { sqlite3_close_v2(pointer) }

  /// Runs one or more statements that return no rows. Wraps `sqlite3_exec`.
  func execute(_ sql: String) throws(GeoPackageError) {
    var error: UnsafeMutablePointer<CChar>?
    let code = sqlite3_exec(pointer, sql, nil, nil, &error)
    if code != SQLITE_OK {
      let message = error.map { String(cString: $0) } ?? lastMessage
      sqlite3_free(error)
      throw .sqlite(path: path, message: message)
    }
  }

  /// Compiles `sql` into a statement owned by the caller. Wraps `sqlite3_prepare_v2`.
  func prepare(_ sql: String) throws(GeoPackageError) -> SQLiteStatement {
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v2(pointer, sql, -1, &statement, nil)
    guard code == SQLITE_OK, let statement else { throw .sqlite(path: path, message: lastMessage) }
    return SQLiteStatement(statement, database: self)
  }

  /// The first column of the first row of `sql` as an integer, or `nil` when there is no row.
  func integer(_ sql: String) throws(GeoPackageError) -> Int64? {
    let statement = try prepare(sql)
    return try statement.step() ? statement.integer(0) : nil
  }

  /// The connection's latest error message. Wraps `sqlite3_errmsg`.
  var lastMessage: String { String(cString: sqlite3_errmsg(pointer)) }

  /// Throws the connection's message unless `code` is one of `accepted`.
  func check(_ code: Int32, accepted: Int32 = SQLITE_OK) throws(GeoPackageError) {
    if code != accepted { throw .sqlite(path: path, message: lastMessage) }
  }

  /// The SQLite library's version, e.g. `3.40.1`. Wraps `sqlite3_libversion`.
  static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}

@available(*, unavailable)
extension SQLiteDatabase: Sendable {}
