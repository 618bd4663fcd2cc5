import Foundation
import GeoCore
import Testing

@testable import GeoJSON

/// A big regular file is mapped rather than read; either way the reader must see exactly the
/// file's bytes and give the same features as reading them from memory.
@Suite struct InputFileTests {
  /// Two features, then `padding` bytes of trailing whitespace (valid JSON) to choose the size.
  static func document(padding: Int) -> [UInt8] {
    let text = collection(
      feature(#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#, properties: #"{"n":"a"}"#),
      feature(#"{"type":"Point","coordinates":[1.5,-2.25]}"#))
    return Array(text.utf8) + [UInt8](repeating: 0x20, count: padding) + [0x0A]
  }

  /// Writes `bytes` to a fresh file and returns its path.
  static func write(_ bytes: [UInt8], name: String) throws -> String {
    let path = makeTemporaryDirectory() + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test(arguments: [(0, false), (InputFile.mapAbove, true)])
  func sameBytesMappedOrRead(padding: Int, mapped: Bool) throws {
    let bytes = Self.document(padding: padding)
    let path = try Self.write(bytes, name: "t.geojson")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let contents = try InputFile.contents(path: path)
    #expect(contents.isMapped == mapped)
    #expect(Array(contents.raw) == bytes)
    contents.release()

    let collection = try GeoJSONReader.read(contentsOf: path)
    #expect(collection.features.count == 2)
    #expect(collection.features[1].geometry?.coordinates == [1.5, -2.25])
    #expect(collection == (try GeoJSONReader.read(bytes: bytes, source: path)))
  }

  @Test func emptyFileIsReadNotMapped() throws {
    let path = try Self.write([], name: "empty.geojson")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let contents = try InputFile.contents(path: path)
    #expect(!contents.isMapped)
    #expect(contents.raw.isEmpty)
    contents.release()
  }
}
