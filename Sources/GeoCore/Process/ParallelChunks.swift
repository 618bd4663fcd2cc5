import Dispatch
import Synchronization

/// Runs work over `0..<count` on several threads, each with its own worker state (a GEOS
/// context and its caches), handing out chunks of consecutive indices from a shared counter so
/// both cores stay busy when some chunks are slower. Results come back in index order whatever
/// the thread count, so output is deterministic.
public enum ParallelChunks {
  /// The number of threads to use by default: the machine's active cores.
  public static var defaultThreadCount: Int { max(1, ProcessInfoCores.active) }

  /// Maps every index to a result. `makeWorker` runs once on each thread; `body` gets that
  /// thread's worker. `chunkSize` is the most indices handed out at once. The first error thrown stops the remaining chunks and is rethrown.
  /// Each finished chunk advances `progress` by its size.
  public static func map<Worker, Result: Sendable>(
    count: Int, threads: Int = defaultThreadCount, chunkSize: Int = 64, progress: ProgressCounter? = nil,
    makeWorker: @Sendable () throws -> Worker,
    body: @Sendable (inout Worker, Int) throws -> Result
  ) throws -> [Result] {
    guard count > 0 else { return [] }
    // Smaller chunks when there are few items (a layer of 100 units), so no thread is left
    // with the last slow chunk while the others wait.
    let chunk = max(1, min(chunkSize, count / (max(1, threads) * 8)))
    let chunks = (count + chunk - 1) / chunk
    let threadCount = max(1, min(threads, chunks))
    let next = Atomic<Int>(0)
    let finished = Mutex<[Int]>([])
    let failure = Mutex<(any Error)?>(nil)
    // Each result is written straight into its place in the array returned: gathering per-chunk
    // arrays and joining them copied every result through generic code (a retain of each
    // buffer it holds, and a release when the chunk arrays went), a cost on a par with light
    // bodies such as a layer's per-feature checks.
    return try Array(unsafeUninitializedCapacity: count) { buffer, initializedCount in
      let slots = ResultSlots(base: buffer.baseAddress!)
      @Sendable func run(_: Int) {
        do {
          var worker = try makeWorker()
          while failure.withLock({ $0 == nil }) {
            let c = next.add(1, ordering: .relaxed).oldValue
            guard c < chunks else { break }
            let range = (c * chunk)..<min(count, (c + 1) * chunk)
            var written = 0
            do {
              for i in range {
                (slots.base + i).initialize(to: try body(&worker, i))
                written += 1
              }
            } catch {
              (slots.base + range.lowerBound).deinitialize(count: written)
              throw error
            }
            finished.withLock { $0.append(c) }
            progress?.advance(by: range.count)
          }
        } catch {
          failure.withLock { if $0 == nil { $0 = error } }
        }
      }
      if threadCount == 1 {
        run(0)
      } else {
        DispatchQueue.concurrentPerform(iterations: threadCount, execute: run)
      }
      if let error = failure.withLock({ $0 }) {
        // Only whole chunks are left written (a failing chunk undid its own part).
        for c in finished.withLock({ $0 }) {
          (slots.base + c * chunk).deinitialize(count: min(count, (c + 1) * chunk) - c * chunk)
        }
        initializedCount = 0
        throw error
      }
      initializedCount = count
    }
  }
}

/// Where the threads of one `ParallelChunks.map` write their results: each chunk initialises
/// only its own indices, so no two threads touch the same element.
private struct ResultSlots<Result>: @unchecked Sendable {
  let base: UnsafeMutablePointer<Result>
}
