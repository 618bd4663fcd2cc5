import Foundation
import GeoCore
import Synchronization

/// Draws the library's progress events on stderr (never stdout, where `--json` goes). On a
/// terminal the running stage's line is redrawn in place with `\r` as its count grows and left
/// standing when it ends; otherwise (a log file, a pipe) each stage writes one plain line when it
/// ends, so logs hold no control characters. `quiet` draws nothing.
final class ProgressDisplay: Sendable {
  /// The command's name, leading every line.
  let command: String
  /// Whether to redraw in place.
  let terminal: Bool
  private let state = Mutex(State())

  private struct State {
    /// Width of the line last drawn in place, to blank what a shorter redraw leaves.
    var drawnWidth = 0
    /// When the running stage's line was last redrawn (nanoseconds), to redraw at most ten times
    /// a second.
    var lastDraw: UInt64 = 0
  }

  /// Whether a line drawn in place is waiting for its line end (one terminal per process).
  private static let lineInPlace = Atomic<Bool>(false)

  /// Marks a line drawn in place as ended; true when one was waiting (the caller ends it).
  static func endLineInPlace() -> Bool { lineInPlace.exchange(false, ordering: .relaxed) }

  /// Progress for `command`, drawn in place when stderr is a terminal; silent when `quiet`.
  static func progress(command: String, quiet: Bool) -> WorkProgress {
    guard !quiet else { return .silent }
    let display = ProgressDisplay(command: command, terminal: StandardError.isTerminal)
    return WorkProgress { display.draw($0) }
  }

  init(command: String, terminal: Bool) {
    self.command = command
    self.terminal = terminal
  }

  /// The text of one event's line, without line ending.
  static func line(_ event: WorkProgress.Event, command: String) -> String {
    switch event {
    case .started(let stage, let total, let unit):
      return total > 0 ? "\(command): \(stage): 0 of \(count(total)) \(unit)" : "\(command): \(stage)…"
    case .advanced(let stage, let done, let total, let unit):
      return
        "\(command): \(stage): \(count(done)) of \(count(total)) \(unit) (\(done * 100 / max(total, 1))%)"
    case .finished(let stage, let done, _, let unit, let seconds):
      return "\(command): \(stage): \(count(done)) \(unit) in \(FixedDecimal.format(seconds, decimals: 1)) s"
    }
  }

  static func count(_ n: Int) -> String { FixedDecimal.grouped(n) }

  func draw(_ event: WorkProgress.Event) {
    let text = Self.line(event, command: command)
    guard terminal else {
      if case .finished = event { FileHandle.standardError.write(Data((text + "\n").utf8)) }
      return
    }
    state.withLock { state in
      let now = DispatchTime.now().uptimeNanoseconds
      if case .advanced = event, now - state.lastDraw < 100_000_000 { return }
      state.lastDraw = now
      let padding = String(repeating: " ", count: max(0, state.drawnWidth - text.count))
      if case .finished = event {
        FileHandle.standardError.write(Data(("\r" + text + padding + "\n").utf8))
        state.drawnWidth = 0
        Self.lineInPlace.store(false, ordering: .relaxed)
      } else {
        FileHandle.standardError.write(Data(("\r" + text + padding).utf8))
        state.drawnWidth = text.count
        Self.lineInPlace.store(true, ordering: .relaxed)
      }
    }
  }
}
