internal import CMinizip

/// A KMZ (a zip archive holding `doc.kml`, images and other files) opened with the system's
/// minizip; the only owner of its `unzFile`, closed in `deinit`. Every raw minizip call lives
/// in this type.
final class KMZArchive {
  private let handle: unzFile
  private let path: String

  /// The largest .kml inflated (a guard against zip bombs; My Maps exports are kilobytes).
  static let maximumKMLBytes = 1 << 30

  /// Opens the archive at `path`. Wraps `unzOpen64`.
  init(path: String) throws(KMLError) {
    guard let handle = unzOpen64(path) else {
      throw .badArchive(path: path, reason: "not a KMZ: the file is not a zip archive (or it is damaged)")
    }
    self.handle = handle
    self.path = path
  }

  /// Wraps `unzClose`.
  deinit { unzClose(handle) }

  /// The names of the archive's files, in archive order. Wraps `unzGoToFirstFile`,
  /// `unzGoToNextFile` and `unzGetCurrentFileInfo64`.
  func entryNames() throws(KMLError) -> [String] {
    var names: [String] = []
    var status = unzGoToFirstFile(handle)
    while status == UNZ_OK {
      var info = unz_file_info64()
      var name = [CChar](repeating: 0, count: 1024)
      guard unzGetCurrentFileInfo64(handle, &info, &name, UInt(name.count), nil, 0, nil, 0) == UNZ_OK else {
        throw .badArchive(path: path, reason: "the zip directory is damaged")
      }
      names.append(String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
      guard names.count <= 100_000 else { break }
      status = unzGoToNextFile(handle)
    }
    guard status == UNZ_OK || status == UNZ_END_OF_LIST_OF_FILE else {
      throw .badArchive(path: path, reason: "the zip directory is damaged (minizip error \(status))")
    }
    return names
  }

  /// The bytes of the archive's member `name`, inflated and CRC-checked. Wraps `unzLocateFile`,
  /// `unzOpenCurrentFile`, `unzReadCurrentFile` and `unzCloseCurrentFile`.
  func contents(of name: String) throws(KMLError) -> [UInt8] {
    guard unzLocateFile(handle, name, 1) == UNZ_OK, unzOpenCurrentFile(handle) == UNZ_OK else {
      throw .badArchive(path: path, reason: "cannot open \(name) inside the KMZ")
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let read = chunk.withUnsafeMutableBytes { unzReadCurrentFile(handle, $0.baseAddress, UInt32($0.count)) }
      if read < 0 {
        unzCloseCurrentFile(handle)
        throw .badArchive(
          path: path, reason: "\(name) inside the KMZ cannot be inflated (minizip error \(read))")
      }
      if read == 0 { break }
      bytes += chunk[0..<Int(read)]
      if bytes.count > Self.maximumKMLBytes {
        unzCloseCurrentFile(handle)
        throw .badArchive(path: path, reason: "\(name) inside the KMZ is larger than 1 GiB")
      }
    }
    guard unzCloseCurrentFile(handle) == UNZ_OK else {
      throw .badArchive(
        path: path, reason: "\(name) inside the KMZ fails its CRC check: the archive is damaged")
    }
    return bytes
  }

  /// The archive member a link in member `from` names (`layers/a.kml` from `doc.kml`), or nil
  /// for links that leave the archive (URLs, absolute paths, `..` above the top).
  static func member(_ link: String, from: String) -> String? {
    guard !link.contains("://"), !link.hasPrefix("/") else { return nil }
    var parts = from.split(separator: "/").dropLast().map(String.init)
    for part in link.split(separator: "/") {
      switch part {
      case ".": continue
      case "..":
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      default: parts.append(String(part))
      }
    }
    return parts.joined(separator: "/")
  }

  /// The KML a KMZ holds: `doc.kml` at the top level, else the first `.kml` in archive order
  /// (what Google Earth opens).
  func mainKML() throws(KMLError) -> (name: String, bytes: [UInt8]) {
    let names = try entryNames()
    guard
      let name = names.first(where: { $0 == "doc.kml" })
        ?? names.first(where: { $0.lowercased().hasSuffix(".kml") })
    else {
      throw .badArchive(path: path, reason: "the KMZ holds no .kml file (it has \(names.count) files)")
    }
    return (name, try contents(of: name))
  }
}

@available(*, unavailable)
extension KMZArchive: Sendable {}
