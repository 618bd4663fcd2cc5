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

  struct Failure: Error, Equatable { let name: String }

  @Test("work that can fail: both run to the end, the other work's error wins", arguments: [1, 2])
  func failures(threads: Int) throws {
    let both = try Concurrently.run(
      threads: threads, other: { () throws -> Int in 2 }, here: { () throws -> Int in 3 })
    #expect(both.other == 2 && both.here == 3)
    var ranHere = false
    #expect(throws: Failure(name: "other")) {
      _ = try Concurrently.run(
        threads: threads, other: { () throws -> Int in throw Failure(name: "other") },
        here: { () throws -> Int in
          ranHere = true
          throw Failure(name: "here")
        })
    }
    #expect(ranHere)
    #expect(throws: Failure(name: "here")) {
      _ = try Concurrently.run(
        threads: threads, other: { 1 }, here: { () throws -> Int in throw Failure(name: "here") })
    }
  }
}
