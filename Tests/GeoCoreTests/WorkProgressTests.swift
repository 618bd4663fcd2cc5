import GeoCore
import Synchronization
import Testing

/// The progress protocol library code reports through: what a stage sends, in what order, and
/// that counting from several threads adds up.
@Suite struct WorkProgressTests {
  /// Collects events from any thread.
  final class Recorder: Sendable {
    let events = Mutex<[WorkProgress.Event]>([])
    var progress: WorkProgress { WorkProgress { event in self.events.withLock { $0.append(event) } } }
    var all: [WorkProgress.Event] { events.withLock { $0 } }
  }

  @Test func stageSendsStartAdvancesAndEnd() throws {
    let recorder = Recorder()
    let value = recorder.progress.stage("overlay", total: 4, unit: "units") { counter in
      for _ in 0..<4 { counter.advance() }
      return 42
    }
    #expect(value == 42)
    let events = recorder.all
    #expect(events.count == 6)
    #expect(events.first == .started(stage: "overlay", total: 4, unit: "units"))
    // One advance per whole percentage crossed: 25, 50, 75 and 100 %.
    #expect(
      events[1..<5].map { if case .advanced(_, let done, _, _) = $0 { done } else { -1 } } == [1, 2, 3, 4])
    guard case .finished("overlay", 4, 4, "units", let seconds) = events.last else {
      Issue.record("last event is \(String(describing: events.last))")
      return
    }
    #expect(seconds >= 0 && seconds < 10)
  }

  @Test func advancesAreAtMostOnePerPercent() {
    let recorder = Recorder()
    recorder.progress.stage("pieces", total: 35_383, unit: "pieces") { counter in
      for _ in 0..<35_383 { counter.advance() }
    }
    let advanced = recorder.all.filter { if case .advanced = $0 { true } else { false } }
    #expect(advanced.count == 100)
  }

  @Test func countsFromWorkerThreadsAddUp() throws {
    let recorder = Recorder()
    let squares = try recorder.progress.stage("squares", total: 10_000, unit: "items") { counter in
      try ParallelChunks.map(
        count: 10_000, threads: 2, chunkSize: 64, progress: counter, makeWorker: {}, body: { _, i in i * i })
    }
    #expect(squares.count == 10_000 && squares[99] == 9_801)
    #expect(
      recorder.all.last.map { if case .finished(_, let done, _, _, _) = $0 { done } else { -1 } } == 10_000)
  }

  @Test func unknownTotalsAreSetAtTheEnd() {
    let recorder = Recorder()
    recorder.progress.stage("loading", unit: "features") { $0.set(6_791) }
    #expect(recorder.all.first == .started(stage: "loading", total: 0, unit: "features"))
    guard case .finished("loading", 6_791, 6_791, "features", _) = recorder.all.last else {
      Issue.record("\(recorder.all)")
      return
    }
  }

  @Test func aFailedStageDoesNotEnd() {
    struct Failure: Error {}
    let recorder = Recorder()
    #expect(throws: Failure.self) {
      try recorder.progress.stage("coverage", total: 2, unit: "units") { _ in throw Failure() }
    }
    #expect(recorder.all == [.started(stage: "coverage", total: 2, unit: "units")])
  }

  @Test func prefixedNamesEveryStageAndSilentSendsNothing() {
    let recorder = Recorder()
    recorder.progress.prefixed("coverage of wards: ").stage("reach", total: 1, unit: "assets") {
      $0.advance()
    }
    #expect(recorder.all.first == .started(stage: "coverage of wards: reach", total: 1, unit: "assets"))
    #expect(!WorkProgress.silent.isReporting)
    #expect(WorkProgress.silent.stage("x", total: 3, unit: "u") { counter in counter.advance(by: 3) } == ())
  }
}
