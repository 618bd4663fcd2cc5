/// What a command holds when its work is done, left for the operating system to reclaim when
/// the process exits instead of freed buffer by buffer (overlap, coverage, change, report):
/// freeing a national overlap's layers and pieces took about 25 ms of a half-second run, after
/// every output was written. Only for the last thing a command does.
enum LeftForExit {
  /// Keeps `value` alive until the process exits.
  static func keep<Value>(_ value: Value) {
    _ = Unmanaged.passRetained(Holder(value))
  }

  private final class Holder<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
  }
}
