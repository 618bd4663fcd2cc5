/// Reproducible random numbers for generated test inputs (SplitMix64): the same seed gives the
/// same inputs on every run, so a failure can be replayed. Shared by the test targets.
public struct SeededGenerator: RandomNumberGenerator {
  /// The generator's whole state: the same state gives the same numbers from here on.
  public var state: UInt64

  /// A generator starting from `seed`.
  public init(seed: UInt64) { self.state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A Double in [0, 1).
  public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

extension SeededGenerator {
  /// `bytes` with a few random edits (a byte replaced from `alphabet`, removed, or inserted):
  /// the small corruptions the in-suite mutation tests feed to the readers.
  public mutating func mutated(_ bytes: [UInt8], alphabet: [UInt8], edits: ClosedRange<Int> = 1...4)
    -> [UInt8]
  {
    var bytes = bytes
    for _ in 0..<Int.random(in: edits, using: &self) where !bytes.isEmpty {
      let i = Int.random(in: 0..<bytes.count, using: &self)
      switch Int.random(in: 0..<3, using: &self) {
      case 0: bytes[i] = alphabet.randomElement(using: &self) ?? 0
      case 1: bytes.remove(at: i)
      default: bytes.insert(alphabet.randomElement(using: &self) ?? 0, at: i)
      }
    }
    return bytes
  }
}
