import Foundation

/// Folders for the files tests write.
public enum Scratch {
  /// A new empty folder in the system's temporary directory, named `prefix-UUID`.
  public static func folder(_ prefix: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.path
  }
}
