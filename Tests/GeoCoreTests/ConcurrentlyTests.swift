import GeoCore
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `Concurrently.run`: both results, the other work on another thread only when two are
/// allowed.
@Suite struct ConcurrentlyTests {
  @Test("both results come back, from two threads when allowed and one otherwise", arguments: [1, 2])
  func bothResults(threads: Int) {
    let here = pthread_self()
    var touched = 0
    let (other, mine) = Concurrently.run(
      threads: threads,
      other: { (1...1_000).reduce(0, +) },
      here: { () -> Int in
        touched += 1
        return (1...10).reduce(1, *)
      })
    #expect(other == 500_500)
    #expect(mine == 3_628_800)
    #expect(touched == 1)
    // The other work's thread, seen from here.
    let (otherThread, _) = Concurrently.run(threads: threads, other: { pthread_self() }, here: {})
    #expect((pthread_equal(otherThread, here) != 0) == (threads == 1))
  }
}
