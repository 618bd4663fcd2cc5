import Dispatch
import Synchronization

/// How far long work has got, reported by library code and drawn by whoever runs it (the CLI
/// draws it on stderr). Library code never prints and knows nothing of terminals: it names a
/// stage, says how many items it will handle, and counts them off; `.silent` ignores it all.
///
/// ```swift
/// let pieces = try progress.stage("overlay", total: a.count, unit: "units") { counter in
///   try overlay(a, b, counter: counter)
/// }
/// ```
public struct WorkProgress: Sendable {
  /// What happened to a stage. `total` is 0 when the count is known only at the end.
  public enum Event: Sendable, Equatable {
    /// The stage began.
    case started(stage: String, total: Int, unit: String)
    /// More items are done (sent at most about a hundred times per stage).
    case advanced(stage: String, done: Int, total: Int, unit: String)
    /// The stage ended after `seconds` of wall time with `done` items.
    case finished(stage: String, done: Int, total: Int, unit: String, seconds: Double)
  }

  private let sink: (@Sendable (Event) -> Void)?

  /// Progress that hands every event to `sink` (which may be called from any thread).
  public init(_ sink: @escaping @Sendable (Event) -> Void) { self.sink = sink }

  private init() { sink = nil }

  /// Progress that goes nowhere: the default of every library entry point.
  public static let silent = WorkProgress()

  /// Whether events go anywhere (callers can skip building stage names when not).
  public var isReporting: Bool { sink != nil }

  /// The same progress with every stage name led by `prefix` (a layer's name, when a study runs
  /// the same analysis on several layers).
  public func prefixed(_ prefix: String) -> WorkProgress {
    guard let sink else { return self }
    return WorkProgress { event in
      switch event {
      case .started(let stage, let total, let unit):
        sink(.started(stage: prefix + stage, total: total, unit: unit))
      case .advanced(let stage, let done, let total, let unit):
        sink(.advanced(stage: prefix + stage, done: done, total: total, unit: unit))
      case .finished(let stage, let done, let total, let unit, let seconds):
        sink(.finished(stage: prefix + stage, done: done, total: total, unit: unit, seconds: seconds))
      }
    }
  }

  /// Runs `body` as one stage of `total` items (0 when unknown until the end) counted in `unit`,
  /// reporting its start, its counter's advances and its end. The end is reported only when
  /// `body` returns: a failed stage says nothing more, so the error is the last word.
  public func stage<T>(
    _ name: String, total: Int = 0, unit: String, _ body: (ProgressCounter) throws -> T
  ) rethrows -> T {
    let counter = ProgressCounter(stage: name, total: total, unit: unit, sink: sink)
    guard let sink else { return try body(counter) }
    let started = DispatchTime.now().uptimeNanoseconds
    sink(.started(stage: name, total: total, unit: unit))
    let result = try body(counter)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    let done = counter.done
    sink(.finished(stage: name, done: done, total: max(total, done), unit: unit, seconds: seconds))
    return result
  }
}

/// The count of items done in one stage, safe to advance from every worker thread. It reports an
/// advance only when the whole percentage changes, so a stage of 35,000 items costs about a
/// hundred reports whatever the thread count.
public final class ProgressCounter: Sendable {
  private let stage: String
  private let total: Int
  private let unit: String
  private let sink: (@Sendable (WorkProgress.Event) -> Void)?
  private let count = Atomic<Int>(0)

  init(stage: String, total: Int, unit: String, sink: (@Sendable (WorkProgress.Event) -> Void)?) {
    self.stage = stage
    self.total = total
    self.unit = unit
    self.sink = sink
  }

  /// A counter that reports nowhere, for callers that were given none.
  public static var silent: ProgressCounter { ProgressCounter(stage: "", total: 0, unit: "", sink: nil) }

  /// Items done so far.
  public var done: Int { count.load(ordering: .relaxed) }

  /// Counts `items` more as done.
  public func advance(by items: Int = 1) {
    guard let sink else { return }
    let before = count.add(items, ordering: .relaxed).oldValue
    let after = before + items
    guard total > 0, before * 100 / total != after * 100 / total else { return }
    sink(.advanced(stage: stage, done: min(after, total), total: total, unit: unit))
  }

  /// Sets the count outright (for stages whose count is known only at the end).
  public func set(_ items: Int) {
    count.store(items, ordering: .relaxed)
  }
}
