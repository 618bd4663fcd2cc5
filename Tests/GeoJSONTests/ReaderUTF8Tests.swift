import GeoCore
import GeoJSON
import Testing

/// Strings must be UTF-8 (RFC 7946 §8.1 via RFC 8259): a Latin-1 or otherwise broken byte is an
/// error naming the byte, line and column — not text silently turned into U+FFFD.
@Suite struct ReaderUTF8Tests {
  /// `{"type":"Feature","properties":{"name":"<bytes>"},"geometry":null}` as bytes.
  static func document(_ bytes: [UInt8]) -> [UInt8] {
    Array(#"{"type":"Feature","properties":{"name":""#.utf8) + bytes + Array(#""},"geometry":null}"#.utf8)
  }

  static func read(_ bytes: [UInt8]) throws(GeoJSONError) -> FeatureCollection {
    try GeoJSONReader.read(bytes: bytes, source: "t")
  }

  @Test(
    arguments: [
      ("Latin-1 é", [0x63, 0x61, 0x66, 0xE9], "E9", 44),
      ("stray continuation byte", [0x80], "80", 41),
      ("overlong slash", [0xC0, 0xAF], "C0", 41),
      ("encoded surrogate", [0xED, 0xA0, 0x80], "ED", 41),
      ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80], "F4", 41),
      ("cut short", [0x41, 0xE2, 0x82], "E2", 42),
      ("0xFF", [0xFF], "FF", 41),
    ] as [(String, [UInt8], String, Int)])
  func invalidSequencesAreErrors(name: String, bytes: [UInt8], byte: String, column: Int) {
    do {
      _ = try Self.read(Self.document(bytes))
      Issue.record("\(name) was read")
    } catch {
      #expect(
        error.description
          == "t:1:\(column): feature 0: invalid UTF-8 (byte 0x\(byte)) in a string in \"name\": GeoJSON must be UTF-8 "
          + "(RFC 7946); save the file as UTF-8")
    }
  }

  @Test func wellFormedSequencesOfEveryLengthRead() throws {
    let text = "é ŵ 中 😀 \u{10FFFF}"
    let collection = try Self.read(Self.document(Array(text.utf8)))
    #expect(collection.features[0].properties["name"] == .string(text))
  }

  /// A non-ASCII character after the eight-byte fast path's word boundary is still checked.
  @Test func brokenByteAfterALongASCIIRun() {
    let bytes =
      Array(repeating: UInt8(ascii: "a"), count: 37) + [0xE9] + Array(repeating: UInt8(ascii: "b"), count: 20)
    #expect(throws: GeoJSONError.self) { try Self.read(Self.document(bytes)) }
  }
}
