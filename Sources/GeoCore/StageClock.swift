import Foundation

/// Prints how long each stage of a command took to stderr when the environment variable
/// `NBHD_TIMING` is set (for profiling; silent otherwise).
public struct StageClock {
  private let enabled = ProcessInfo.processInfo.environment["NBHD_TIMING"] != nil
  private var last = DispatchTime.now().uptimeNanoseconds

  public init() {}

  /// Ends the current stage and prints its name and duration.
  public mutating func lap(_ stage: String) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    let ms = Double(now - last) / 1e6
    FileHandle.standardError.write(Data("timing: \(stage) \(String(format: "%.1f", ms)) ms\n".utf8))
    last = now
  }
}
