import Foundation

/// Prints how long each stage of a command took to stderr when the environment variable
/// `NBHD_TIMING` is set (for profiling; silent otherwise): wall time, and the CPU time of the
/// whole process (every thread), which a busy machine disturbs much less.
public struct StageClock {
  private let enabled = StageClock.isEnabled
  // Read once: building `ProcessInfo.environment` for every clock cost milliseconds a load.
  private static let isEnabled = ProcessInfo.processInfo.environment["NBHD_TIMING"] != nil
  private var last = DispatchTime.now().uptimeNanoseconds
  private var lastCPU = StageClock.processCPUNanoseconds()

  /// A clock whose first stage starts now.
  public init() {}

  /// Ends the current stage and prints its name and duration.
  public mutating func lap(_ stage: String) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    let cpu = StageClock.processCPUNanoseconds()
    let ms = Double(now - last) / 1e6
    let cpuMS = Double(cpu - lastCPU) / 1e6
    FileHandle.standardError.write(
      Data(
        "timing: \(stage) \(String(format: "%.1f", ms)) ms (cpu \(String(format: "%.1f", cpuMS)) ms)\n".utf8))
    last = now
    lastCPU = cpu
  }

  /// Prints a line of counts or notes about the stage just timed.
  public func note(_ text: String) {
    guard enabled else { return }
    FileHandle.standardError.write(Data("timing: \(text)\n".utf8))
  }

  private static func processCPUNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
  }
}
