import Foundation

/// A command's output folder as its files are written: made when first opened, and every file
/// name handed out remembered in order, so that summary.json can list what was written.
struct OutputFolder {
  /// The folder.
  let directory: String
  /// The names handed out by `path(_:)`, in order.
  private(set) var names: [String] = []

  /// Opens `directory`, making it (and its parents) when missing.
  init(_ directory: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    self.directory = directory
  }

  /// The path of `name` in the folder, without remembering it (a file listed apart, e.g. the
  /// summary that lists the others).
  func fullPath(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

  /// The path of `name` in the folder, remembered as written.
  mutating func path(_ name: String) -> String {
    names.append(name)
    return fullPath(name)
  }

  /// The remembered files as full paths.
  var paths: [String] { names.map(fullPath) }
}
