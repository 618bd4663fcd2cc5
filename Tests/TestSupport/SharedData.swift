import Foundation

/// The national and regional files in ../shared/data, present on the project's machines and
/// absent from a user's clone: tests on them run when they are there and say they were skipped
/// when not.
public enum SharedData {
  /// The shared/data folder beside the checkout (or `NBHD_SHARED_DATA`), nil when absent.
  public static let root: String? = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    let candidate = url.deletingLastPathComponent().appendingPathComponent("shared/data").path
    if FileManager.default.fileExists(atPath: candidate) { return candidate }
    if let env = ProcessInfo.processInfo.environment["NBHD_SHARED_DATA"],
      FileManager.default.fileExists(atPath: env)
    {
      return env
    }
    return nil
  }()

  /// The path of `relative` under shared/data, or nil (printing a visible skip line).
  public static func path(_ relative: String) -> String? {
    guard let root else { return nil }
    let path = root + "/" + relative
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }

  /// True when `relative` is under shared/data; prints a visible SKIPPED line when not.
  public static func available(_ relative: String) -> Bool {
    let found = path(relative) != nil
    if !found { print("SKIPPED: ../shared/data/\(relative) is not present (national-data test)") }
    return found
  }

  /// The repository's own files (fixtures, data/).
  public static func repo(_ relative: String) -> String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent(relative).path
  }
}
