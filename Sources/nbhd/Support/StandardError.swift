import Foundation

/// Writes to stderr (Swift 6 rejects the C global `stderr`).
enum StandardError {
  static func write(_ line: String) {
    // A progress line being redrawn in place has no line end yet: end it first, so a message
    // (an error, most often) starts on a line of its own.
    let lead = ProgressDisplay.endLineInPlace() ? "\n" : ""
    FileHandle.standardError.write(Data((lead + line + "\n").utf8))
  }

  /// True when stderr is a terminal (progress lines are shown only then).
  static var isTerminal: Bool { isatty(2) == 1 }
}
