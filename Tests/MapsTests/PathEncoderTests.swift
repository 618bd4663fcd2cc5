import Maps
import Testing

/// The compact path syntax, checked character by character.
@Suite struct PathEncoderTests {
  @Test func relativeIntegerDeltasWithRepeatsLeftOut() {
    var encoder = PathEncoder()
    // 10.4 rounds to 10, so (10.4, 0) repeats (10, 0) and is left out.
    let first = encoder.appendRing([0, 0, 10, 0, 10.4, 0, 10, 10, 0, 10, 0, 0])
    let second = encoder.appendRing([2, 2, 2, 4, 4, 4, 4, 2, 2, 2])
    #expect(first && second)
    #expect(encoder.data == "M0 0l10 0 0 10-10 0zm2 2l0 2 2 0 0-2z")
  }

  @Test func ringsBelowAPixelAreDropped() {
    var encoder = PathEncoder()
    let written = encoder.appendRing([0, 0, 0.3, 0.2, 0.1, 0.4, 0, 0])
    #expect(!written)
    #expect(encoder.data.isEmpty)
  }
}
