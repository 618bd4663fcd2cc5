import Dispatch
import Synchronization

/// Two independent pieces of work at once: one on another thread, the other on this one. For
/// serial stretches of a stage that wait on something slow but independent (PROJ searching its
/// database while the loader checks the features), where the second core would otherwise idle.
public enum Concurrently {
  /// Runs `other` on another thread while `here` runs on this one, and returns both results when
  /// both are done. With `threads` below 2 both run on this thread, `other` first: the same
  /// results, as the two must not depend on each other.
  public static func run<Other: Sendable, Here>(
    threads: Int, other: @escaping @Sendable () -> Other, here: () -> Here
  ) -> (other: Other, here: Here) {
    guard threads > 1 else {
      let first = other()
      return (first, here())
    }
    let slot = Slot<Other>()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
      let value = other()
      slot.value.withLock { $0 = value }
    }
    let mine = here()
    group.wait()
    return (slot.value.withLock { $0! }, mine)
  }
}

extension Concurrently {
  /// ``run(threads:other:here:)`` for work that can fail: both run to the end either way, then
  /// `other`'s error is thrown first (it is the one that runs first on one thread), else `here`'s.
  public static func run<Other: Sendable, Here>(
    threads: Int, other: @escaping @Sendable () throws -> Other, here: () throws -> Here
  ) throws -> (other: Other, here: Here) {
    let both = run(threads: threads, other: { Result { try other() } }, here: { Result { try here() } })
    return (try both.other.get(), try both.here.get())
  }
}

extension Concurrently {
  /// Starts `work` on another thread and returns at once; its result is had from the returned
  /// ``Pending``, for work to overlap a stage whose progress must be reported first. With
  /// `threads` below 2, `work` runs here before this returns.
  public static func start<Value: Sendable>(
    threads: Int, _ work: @escaping @Sendable () -> Value
  ) -> Pending<Value> {
    let pending = Pending<Value>()
    guard threads > 1 else {
      pending.slot.value.withLock { $0 = work() }
      return pending
    }
    DispatchQueue.global().async(group: pending.group) {
      let value = work()
      pending.slot.value.withLock { $0 = value }
    }
    return pending
  }

  /// Work started on another thread by ``Concurrently/start(threads:_:)``.
  public final class Pending<Value: Sendable>: Sendable {
    fileprivate let group = DispatchGroup()
    fileprivate let slot = Slot<Value>()

    /// The work's result, once it is done (waits for it).
    public func value() -> Value {
      group.wait()
      return slot.value.withLock { $0! }
    }
  }
}

/// Where the other thread leaves its result.
private final class Slot<Value: Sendable>: Sendable {
  let value = Mutex<Value?>(nil)
}
