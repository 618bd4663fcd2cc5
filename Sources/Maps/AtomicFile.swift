import Foundation

/// Writes files so that readers see either the old file or the whole new one, never a partial
/// write: the bytes go to a temporary file in the same directory (the same file system, so the
/// rename is atomic), which is flushed and then renamed over the target.
public enum AtomicFile {
  /// Writes `bytes` to `path` atomically. On failure the temporary file is removed and the
  /// target is left as it was.
  public static func write(_ bytes: [UInt8], toFile path: String) throws(MapError) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let temporary =
      directory + "/." + url.lastPathComponent + ".tmp-"
      + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard descriptor >= 0 else { throw .write(path: path, message: String(cString: strerror(errno))) }
    var failure: String?
    bytes.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = String(cString: strerror(errno))
          return
        }
        offset += written
      }
    }
    if failure == nil && fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
    if close(descriptor) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
    if failure == nil && rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw .write(path: path, message: failure)
    }
  }
}
