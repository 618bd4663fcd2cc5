#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A whole file's bytes in memory: a big regular file mapped read-only from the page cache,
/// anything else (small files, pipes, devices) read into one buffer with as few `read(2)` calls
/// as possible.
enum InputFile {
  /// A regular file at least this big (bytes) is mapped rather than read: copying 32 MB out of
  /// the page cache into freshly zeroed memory cost about a tenth of the national crosswalk's
  /// CPU time (measured), while mapping it costs a few hundred page-table updates.
  static let mapAbove = 1 << 20

  /// The bytes of one file, released with `release()`.
  struct Bytes {
    /// The file's contents.
    let raw: UnsafeRawBufferPointer
    /// Whether `raw` is a mapping (unmapped on release) rather than an allocation.
    let isMapped: Bool

    /// Gives the memory back; `raw` must not be used afterwards.
    func release() {
      if isMapped {
        _ = munmap(UnsafeMutableRawPointer(mutating: raw.baseAddress), raw.count)
      } else {
        raw.deallocate()
      }
    }
  }

  /// The file's bytes; the caller releases them.
  static func contents(path: String) throws(GeoJSONError) -> Bytes {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      let code = errno
      if code == ENOENT { throw .fileNotFound(path: path) }
      throw .unreadable(path: path, reason: describe(code))
    }
    defer { close(fd) }
    var info = stat()
    if fstat(fd, &info) != 0 { throw .unreadable(path: path, reason: describe(errno)) }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(path: path, reason: "it is a directory") }
    if (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) >= mapAbove,
      let mapped = map(fd, count: Int(info.st_size))
    {
      return Bytes(raw: mapped, isMapped: true)
    }
    return Bytes(
      raw: UnsafeRawBufferPointer(try readAll(fd, size: Int(info.st_size), path: path)), isMapped: false)
  }

  /// The first `count` bytes of the open regular file, mapped read-only and populated at once
  /// (one system call instead of a page fault per 64 KB); nil when the system refuses, and the
  /// file is then read instead.
  static func map(_ fd: Int32, count: Int) -> UnsafeRawBufferPointer? {
    #if os(Linux)
      let flags = MAP_PRIVATE | MAP_POPULATE
    #else
      let flags = MAP_PRIVATE
    #endif
    guard let address = mmap(nil, count, PROT_READ, flags, fd, 0), address != MAP_FAILED else {
      return nil
    }
    return UnsafeRawBufferPointer(start: address, count: count)
  }

  /// The rest of the open file read into one allocation; `size` (from fstat) is a first guess.
  static func readAll(_ fd: Int32, size: Int, path: String) throws(GeoJSONError)
    -> UnsafeMutableRawBufferPointer
  {
    // The size from fstat is a hint (pipes report 0, files may grow); the loop below grows the
    // buffer as needed, so nothing is reserved from untrusted input.
    var capacity = max(size, 0) + 1
    var buffer = allocate(capacity)
    var length = 0
    while true {
      if length == capacity {
        let bigger = allocate(capacity * 2)
        bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<length]))
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
      }
      let n = read(fd, buffer.baseAddress! + length, capacity - length)
      if n < 0 {
        if errno == EINTR { continue }
        let code = errno
        buffer.deallocate()
        throw .unreadable(path: path, reason: describe(code))
      }
      if n == 0 { break }
      length += n
    }
    return UnsafeMutableRawBufferPointer(rebasing: buffer[0..<length])
  }

  /// A buffer for `capacity` bytes. A big one is aligned to 2 MiB and offered to the kernel for
  /// transparent huge pages: filling 32 MB then costs 16 page faults instead of 8,000. Since
  /// big regular files are mapped (`map`), this serves what is read instead: pipes, standard
  /// input, and files the system refuses to map.
  static func allocate(_ capacity: Int) -> UnsafeMutableRawBufferPointer {
    let hugePage = 2 << 20
    guard capacity >= 2 * hugePage else { return .allocate(byteCount: capacity, alignment: 16) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: hugePage)
    #if os(Linux)
      _ = madvise(buffer.baseAddress, capacity / hugePage * hugePage, MADV_HUGEPAGE)
    #endif
    return buffer
  }

  static func describe(_ code: Int32) -> String {
    guard let message = strerror(code) else { return "error \(code)" }
    return String(cString: message)
  }
}
