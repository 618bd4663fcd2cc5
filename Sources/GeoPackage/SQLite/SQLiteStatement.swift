internal import CSQLite

/// The single owner of one prepared `sqlite3_stmt*`; keeps its database open until finalized.
/// Parameter indices start at 1 and column indices at 0, as in SQLite.
final class SQLiteStatement {
  let pointer: OpaquePointer
  let database: SQLiteDatabase

  init(_ pointer: OpaquePointer, database: SQLiteDatabase) {
    self.pointer = pointer
    self.database = database
  }

  deinit { sqlite3_finalize(pointer) }

  /// Advances to the next row: true when there is one, false when done. Wraps `sqlite3_step`.
  func step() throws(GeoPackageError) -> Bool {
    let code = sqlite3_step(pointer)
    if code == SQLITE_ROW { return true }
    if code == SQLITE_DONE { return false }
    throw .sqlite(path: database.path, message: database.lastMessage)
  }

  /// Runs a statement that returns no rows, then makes it ready for new parameters.
  /// Wraps `sqlite3_step` and `sqlite3_reset`.
  func run() throws(GeoPackageError) {
    let code = sqlite3_step(pointer)
    sqlite3_reset(pointer)
    if code != SQLITE_DONE { throw .sqlite(path: database.path, message: database.lastMessage) }
  }

  /// Binds NULL. Wraps `sqlite3_bind_null`.
  func bindNull(_ index: Int32) throws(GeoPackageError) {
    try database.check(sqlite3_bind_null(pointer, index))
  }

  /// Binds a 64-bit integer. Wraps `sqlite3_bind_int64`.
  func bind(_ index: Int32, _ value: Int64) throws(GeoPackageError) {
    try database.check(sqlite3_bind_int64(pointer, index, value))
  }

  /// Binds a double. Wraps `sqlite3_bind_double`.
  func bind(_ index: Int32, _ value: Double) throws(GeoPackageError) {
    try database.check(sqlite3_bind_double(pointer, index, value))
  }

  /// Binds UTF-8 text, copied by SQLite. Wraps `sqlite3_bind_text` (SQLITE_TRANSIENT).
  func bind(_ index: Int32, _ value: String) throws(GeoPackageError) {
    let code = value.withCString { csqlite_bind_text_transient(pointer, index, $0, -1) }
    try database.check(code)
  }

  /// Binds bytes, copied by SQLite. Wraps `sqlite3_bind_blob` (SQLITE_TRANSIENT).
  func bind(_ index: Int32, blob: [UInt8]) throws(GeoPackageError) {
    let code = blob.withUnsafeBytes { bytes in
      csqlite_bind_blob_transient(pointer, index, bytes.baseAddress, Int32(bytes.count))
    }
    try database.check(code)
  }

  /// The number of result columns. Wraps `sqlite3_column_count`.
  var columnCount: Int32 { sqlite3_column_count(pointer) }

  /// The kind of value in column `index` of the current row. Wraps `sqlite3_column_type`.
  func kind(_ index: Int32) -> ValueKind {
    switch sqlite3_column_type(pointer, index) {
    case SQLITE_INTEGER: .integer
    case SQLITE_FLOAT: .real
    case SQLITE_TEXT: .text
    case SQLITE_BLOB: .blob
    default: .null
    }
  }

  /// What SQLite holds in a column of a row.
  enum ValueKind { case null, integer, real, text, blob }

  /// Column `index` as an integer. Wraps `sqlite3_column_int64`.
  func integer(_ index: Int32) -> Int64 { sqlite3_column_int64(pointer, index) }

  /// Column `index` as a double. Wraps `sqlite3_column_double`.
  func real(_ index: Int32) -> Double { sqlite3_column_double(pointer, index) }

  /// Column `index` as text (`nil` for NULL). Wraps `sqlite3_column_text` and `sqlite3_column_bytes`.
  func text(_ index: Int32) -> String? {
    guard let bytes = sqlite3_column_text(pointer, index) else { return nil }
    let count = Int(sqlite3_column_bytes(pointer, index))
    return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
  }

  /// Lends column `index`'s bytes to `body` (valid only during the call; empty for NULL).
  /// Wraps `sqlite3_column_blob` and `sqlite3_column_bytes`.
  func withBlob<T>(_ index: Int32, _ body: (UnsafeRawBufferPointer) throws(GeoPackageError) -> T)
    throws(GeoPackageError) -> T
  {
    let start = sqlite3_column_blob(pointer, index)
    let count = Int(sqlite3_column_bytes(pointer, index))
    return try body(UnsafeRawBufferPointer(start: start, count: start == nil ? 0 : count))
  }

  /// The declared type of result column `index` (`nil` for expressions). Wraps `sqlite3_column_decltype`.
  func declaredType(_ index: Int32) -> String? {
    sqlite3_column_decltype(pointer, index).map { String(cString: $0) }
  }

  /// The name of result column `index`. Wraps `sqlite3_column_name`.
  func columnName(_ index: Int32) -> String {
    sqlite3_column_name(pointer, index).map { String(cString: $0) } ?? ""
  }
}

@available(*, unavailable)
extension SQLiteStatement: Sendable {}
