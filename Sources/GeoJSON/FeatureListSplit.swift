import GeoCore

/// Parses a big `features` array in two halves at once: a quick structural scan (strings and
/// brackets only) finds the comma between two features near the middle of the rest of the
/// input; one parser reads the features before it, another those after it, each on its own
/// thread over the same bytes.
///
/// Only a clean success counts: if either half fails, or the first half does not end exactly
/// at the comma, the caller parses the whole array again sequentially, so malformed input gets
/// exactly the sequential parser's error (feature index, id, line and column).
enum FeatureListSplit {
  /// The features and the offset just past the array's `]`, or nil to parse sequentially.
  /// `parser` stands just inside the array's `[` (array depth `depth`).
  static func parse(_ parser: GeoJSONParser, depth: Int) -> (features: [Feature], end: Int)? {
    guard ParallelChunks.defaultThreadCount > 1 else { return nil }
    // A comma found near the middle by its look is tried first; only the first half's parse can
    // prove it lies between two features, and when it does not, the exact scan finds one.
    if let guess = featureBoundary(nearMiddleOf: parser.scanner),
      let halves = parse(parser, depth: depth, splitAt: guess)
    {
      return halves
    }
    guard let comma = middleComma(parser.scanner) else { return nil }
    return parse(parser, depth: depth, splitAt: comma)
  }

  /// The features and the end offset when the array splits cleanly at `comma`, else nil.
  static func parse(_ parser: GeoJSONParser, depth: Int, splitAt comma: Int) -> (
    features: [Feature], end: Int
  )? {
    // Each half has its own stored properties, written by its own thread only, and read after
    // both threads are joined.
    final class Half: @unchecked Sendable {
      var parser: GeoJSONParser
      var features: [Feature]?
      init(_ parser: GeoJSONParser) { self.parser = parser }
    }
    var rest = parser
    rest.scanner.pos = comma + 1
    let halves = [Half(parser), Half(rest)]
    _ = try? ParallelChunks.map(
      count: 2, threads: 2, chunkSize: 1, makeWorker: {},
      body: { _, k in
        let half = halves[k]
        var reader = half.parser
        var ignoredCRS: String?
        var features: [Feature] = []
        do {
          if k == 0 {
            while true {
              features.append(
                try reader.parseListedFeature(index: features.count, depth: depth, ignoredCRS: &ignoredCRS))
              reader.scanner.skipWhitespace()
              if reader.scanner.pos == comma { break }
              guard reader.scanner.current == UInt8(ascii: ","), reader.scanner.pos < comma else { return }
              reader.scanner.pos += 1
            }
          } else {
            repeat {
              features.append(
                try reader.parseListedFeature(index: features.count, depth: depth, ignoredCRS: &ignoredCRS))
            } while try reader.separatorOrEnd(UInt8(ascii: "]"), context: "between features")
          }
        } catch {
          return
        }
        half.parser = reader
        half.features = features
      })
    guard var features = halves[0].features, var second = halves[1].features else { return nil }
    // The second half's features are moved over (each swapped for an empty feature), not
    // copied: a copy retains every buffer of a feature, and freeing the half then releases them
    // again, which cost a tenth of the national parse.
    halves[0].features = nil
    halves[1].features = nil
    features.reserveCapacity(features.count + second.count)
    for k in second.indices {
      var feature = Feature(geometry: nil)
      swap(&feature, &second[k])
      features.append(consume feature)
    }
    return (features, halves[1].parser.scanner.pos)
  }

  /// How far past the middle `featureBoundary` looks before giving up.
  static let boundarySearchLength = 1 << 20

  /// A comma at or after the middle of the remaining input that looks like the one between two
  /// features as writers lay them out: `}`, the comma, then `{ "type": "Feature"` (whitespace
  /// allowed between them). Found by looking only there, where `middleComma` reads half the
  /// file (a tenth of the national parse, on one thread while the other waits). Only a guess: a
  /// string can hold those bytes, so the caller proves it by parsing up to it.
  static func featureBoundary(nearMiddleOf scanner: ByteScanner) -> Int? {
    let middle = scanner.pos + (scanner.count - scanner.pos) / 2
    let end = min(scanner.count, middle + boundarySearchLength)
    var i = middle
    while i < end {
      if scanner.base[i] == UInt8(ascii: ","), startsFeature(scanner, after: i),
        endsObject(scanner, before: i)
      {
        return i
      }
      i += 1
    }
    return nil
  }

  /// Whether the bytes after `comma` open an object whose first member is `"type": "Feature"`.
  static func startsFeature(_ scanner: ByteScanner, after comma: Int) -> Bool {
    var probe = scanner
    probe.pos = comma + 1
    guard probe.consume(UInt8(ascii: "{")), probe.consume(UInt8(ascii: "\"")),
      probe.matches("type\"", at: probe.pos)
    else { return false }
    probe.pos += 5
    guard probe.consume(UInt8(ascii: ":")), probe.consume(UInt8(ascii: "\"")) else { return false }
    return probe.matches("Feature\"", at: probe.pos)
  }

  /// Whether the last byte before `comma` other than whitespace closes an object.
  static func endsObject(_ scanner: ByteScanner, before comma: Int) -> Bool {
    var i = comma - 1
    while i >= scanner.pos {
      let c = scanner.base[i]
      if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
        i -= 1
      } else {
        return c == UInt8(ascii: "}")
      }
    }
    return false
  }

  /// The offset of a comma between two members of the array the scanner stands in, at or after
  /// the middle of the remaining input; nil when the array ends first or the bytes are not
  /// well-formed enough to tell.
  static func middleComma(_ scanner: ByteScanner) -> Int? {
    let middle = scanner.pos + (scanner.count - scanner.pos) / 2
    var depth = 0
    var i = scanner.pos
    let base = scanner.base, count = scanner.count
    while i < count {
      switch base[i] {
      case UInt8(ascii: "\""):
        i += 1
        while i < count && base[i] != UInt8(ascii: "\"") { i += base[i] == UInt8(ascii: "\\") ? 2 : 1 }
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        if depth < 0 { return nil }  // the array ended before the middle
      case UInt8(ascii: ","):
        if depth == 0 && i >= middle { return i }
      default:
        break
      }
      i += 1
    }
    return nil
  }
}
