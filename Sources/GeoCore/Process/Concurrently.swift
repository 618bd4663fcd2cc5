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

/// Where the other thread leaves its result.
private final class Slot<Value: Sendable>: Sendable {
  let value = Mutex<Value?>(nil)
}
