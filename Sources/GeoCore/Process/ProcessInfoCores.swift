import Foundation

/// The machine's active core count, read once.
enum ProcessInfoCores {
  static let active = ProcessInfo.processInfo.activeProcessorCount
}
