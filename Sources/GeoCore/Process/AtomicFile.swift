#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Writes a file so that readers see either the old file or the complete new one: the bytes go
/// to a temporary file in the same directory (same file system, so rename(2) is atomic), which
/// is flushed and then replaces the target. On any failure the temporary file is removed and an
/// existing target is left untouched. Every output nbhd writes goes through here.
public enum AtomicFile {
  /// Why a write failed.
  public struct WriteError: Error, CustomStringConvertible, Equatable {
    /// The file that was being written.
    public var path: String
    /// Why it failed, in the system's words.
    public var reason: String
    /// The file and the reason.
    public var description: String { "\(path): cannot write: \(reason)" }

    /// A failure to write `path`, for `reason`.
    public init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }
  }

  /// Writes `bytes` to `path`. `beforeRename` lets tests fail the write at the last moment.
  public static func write(
    _ bytes: [UInt8], to path: String, beforeRename: () throws(WriteError) -> Void = {}
  ) throws(WriteError) {
    try replace(path, beforeRename: beforeRename, failure: { $0 }) { fd throws(WriteError) in
      try writeAll(bytes, to: fd, path: path)
    }
  }

  /// Writes to `path` the bytes `produce` passes to `emit`, in order, so that a large file need
  /// not be held whole. A failure to write is thrown as a `WriteError`; whatever `produce` throws
  /// stops the write (leaving `path` as it was) and is rethrown as it is.
  public static func write(
    to path: String, streaming produce: (_ emit: ([UInt8]) throws(WriteError) -> Void) throws -> Void
  ) throws {
    try replace(path, beforeRename: {}, failure: { $0 as any Error }) { fd in
      try produce { bytes throws(WriteError) in try writeAll(bytes, to: fd, path: path) }
    }
  }

  /// Writes a temporary file with `body`, flushes it and renames it to `path`; on any failure
  /// removes it and throws (a failure of its own mapped by `failure`).
  private static func replace<E: Error>(
    _ path: String, beforeRename: () throws(WriteError) -> Void, failure: (WriteError) -> E,
    body: (Int32) throws(E) -> Void
  ) throws(E) {
    let temporary = temporaryPath(for: path)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw failure(WriteError(path: path, reason: describe(errno))) }
    var succeeded = false
    defer {
      if !succeeded { unlink(temporary) }
    }
    do throws(E) {
      try body(fd)
      // Data first, then the name: a crash after the rename must not leave an empty file.
      if fsync(fd) != 0 { throw failure(WriteError(path: path, reason: describe(errno))) }
    } catch {
      close(fd)
      throw error
    }
    if close(fd) != 0 { throw failure(WriteError(path: path, reason: describe(errno))) }
    do throws(WriteError) { try beforeRename() } catch { throw failure(error) }
    if rename(temporary, path) != 0 { throw failure(WriteError(path: path, reason: describe(errno))) }
    succeeded = true
  }

  /// Writes UTF-8 text atomically.
  public static func write(_ text: String, to path: String) throws(WriteError) {
    try write(parts: [text], to: path)
  }

  /// Writes the texts one after another as one file, each straight from its UTF-8 storage: a
  /// report of tens of megabytes is written without being joined or copied first.
  public static func write(parts: [String], to path: String) throws(WriteError) {
    try replace(path, beforeRename: {}, failure: { $0 }) { fd throws(WriteError) in
      for var part in parts {
        // Native strings are contiguous; a bridged or lazy one is made so, once.
        part.makeContiguousUTF8()
        let failure = part.utf8.withContiguousStorageIfAvailable {
          writeBuffer(UnsafeRawBufferPointer($0), to: fd, path: path)
        }
        if let failure = failure ?? nil { throw failure }
      }
    }
  }

  private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(WriteError) {
    let failure = bytes.withUnsafeBytes { writeBuffer($0, to: fd, path: path) }
    if let failure { throw failure }
  }

  /// Writes all of `buffer` to `fd`; the failure, if any.
  private static func writeBuffer(_ buffer: UnsafeRawBufferPointer, to fd: Int32, path: String) -> WriteError?
  {
    var offset = 0
    while offset < buffer.count {
      let n = writeBytes(fd, buffer.baseAddress! + offset, buffer.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        return WriteError(path: path, reason: describe(errno))
      }
      offset += n
    }
    return nil
  }

  /// `dir/.name.tmp-PID-RANDOM`: hidden, unique per process and attempt.
  public static func temporaryPath(for path: String) -> String {
    let directory: String
    let name: String
    if let slash = path.lastIndex(of: "/") {
      directory = String(path[...slash])
      name = String(path[path.index(after: slash)...])
    } else {
      directory = ""
      name = path
    }
    let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
    return "\(directory).\(name).tmp-\(getpid())-\(random)"
  }

  static func describe(_ code: Int32) -> String {
    guard let message = strerror(code) else { return "error \(code)" }
    return String(cString: message)
  }
}

/// write(2), under a name the `AtomicFile.write` method does not shadow.
private func writeBytes(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, pointer, count)
}
