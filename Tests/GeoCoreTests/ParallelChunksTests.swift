import GeoCore
import Synchronization
import Testing

/// `ParallelChunks.map` writes each result straight into its place: results must come back in
/// index order whatever the threads and chunks, and a failure must destroy every result already
/// written, once.
@Suite struct ParallelChunksTests {
  /// Counts the instances alive, so a leak or a double destruction shows.
  final class Tracked: Sendable {
    static let alive = Mutex<Int>(0)
    let value: Int
    init(_ value: Int) {
      self.value = value
      Self.alive.withLock { $0 += 1 }
    }
    deinit { Self.alive.withLock { $0 -= 1 } }
  }

  struct Failure: Error, Equatable { let index: Int }

  @Test("results come back in index order", arguments: [(1, 64), (2, 7), (3, 1), (2, 5000)])
  func indexOrder(threads: Int, chunkSize: Int) throws {
    let squares = try ParallelChunks.map(
      count: 1_003, threads: threads, chunkSize: chunkSize, makeWorker: {}, body: { _, i in i * i })
    #expect(squares == (0..<1_003).map { $0 * $0 })
  }

  // One test, so no other test's objects are counted at the same time.
  @Test("a failure destroys every result already written, and a success keeps them all")
  func failureDestroysWrittenResults() throws {
    for threads in [1, 2] {
      #expect(throws: Failure(index: 700)) {
        try ParallelChunks.map(
          count: 2_000, threads: threads, chunkSize: 16, makeWorker: {},
          body: { _, i -> Tracked in
            if i == 700 { throw Failure(index: 700) }
            return Tracked(i)
          })
      }
      #expect(Tracked.alive.withLock { $0 } == 0)
      var kept: [Tracked]? = try ParallelChunks.map(
        count: 2_000, threads: threads, chunkSize: 16, makeWorker: {}, body: { _, i in Tracked(i) })
      #expect(Tracked.alive.withLock { $0 } == 2_000)
      #expect(kept?.map(\.value) == Array(0..<2_000))
      kept = nil
      #expect(Tracked.alive.withLock { $0 } == 0)
    }
  }

  @Test("a worker that cannot be made fails the map")
  func workerFailure() {
    #expect(throws: Failure(index: -1)) {
      try ParallelChunks.map(
        count: 10, threads: 2, makeWorker: { () throws -> Int in throw Failure(index: -1) },
        body: { _, i in i })
    }
  }
}
