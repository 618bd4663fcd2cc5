#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs `body` with file descriptor 2 redirected into a pipe and returns what was written to it.
/// Other threads' stderr output during the call lands there too, so callers look for specific
/// text rather than expecting emptiness.
func capturingStandardError(_ body: () throws -> Void) rethrows -> String {
  var ends: [Int32] = [0, 0]
  guard pipe(&ends) == 0 else { return "" }
  let saved = dup(2)
  dup2(ends[1], 2)
  defer {
    dup2(saved, 2)
    close(saved)
  }
  try body()
  dup2(saved, 2)
  close(ends[1])
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 4096)
  while true {
    let count = chunk.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, 4096) }
    if count <= 0 { break }
    bytes += chunk[0..<count]
  }
  close(ends[0])
  return String(decoding: bytes, as: UTF8.self)
}
