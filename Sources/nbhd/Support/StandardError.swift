import Foundation

/// Writes to stderr (Swift 6 rejects the C global `stderr`).
enum StandardError {
  static func write(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// True when stderr is a terminal (progress lines are shown only then).
  static var isTerminal: Bool { isatty(2) == 1 }
}
