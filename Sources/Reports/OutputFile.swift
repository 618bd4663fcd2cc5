import Foundation

/// Writes output files atomically: the bytes go to a temporary file in the same folder, which
/// then replaces the target with rename(2), so readers see the old file or the whole new one and
/// a failure leaves no partial file behind.
public enum OutputFile {
  /// Why writing failed.
  public struct WriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot write: \(reason)" }

    public init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }
  }

  /// Writes `bytes` to `path` atomically.
  public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
    let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    var done = false
    defer { if !done { unlink(temporary) } }
    var offset = 0
    let failure: String? = bytes.withUnsafeBytes { buffer in
      while offset < buffer.count {
        let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return String(cString: strerror(errno))
        }
        offset += n
      }
      return nil
    }
    if let failure {
      close(fd)
      throw WriteError(path: path, reason: failure)
    }
    if fsync(fd) != 0 || close(fd) != 0 { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    guard rename(temporary, path) == 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    done = true
  }

  /// Writes UTF-8 text atomically.
  public static func write(_ text: String, to path: String) throws(WriteError) {
    try write(Array(text.utf8), to: path)
  }
}
