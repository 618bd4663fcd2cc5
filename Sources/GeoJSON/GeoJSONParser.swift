import GeoCore

/// The recursive-descent GeoJSON parser over one input buffer. It reads GeoJSON structure
/// directly (no intermediate JSON tree): coordinates go straight into reusable scratch buffers
/// that are copied once per geometry, and only properties and foreign members become
/// `JSONValue`s.
struct GeoJSONParser {
  var scanner: ByteScanner
  /// The feature being read (for error messages), and its id once seen.
  var featureIndex: Int?
  var featureID: JSONValue?

  // Scratch buffers for the geometry being read; their capacity is reused from one geometry to
  // the next so the hot loop does not allocate.
  var coordinates: [Double] = []
  var ringOffsets: [Int] = []
  var partOffsets: [Int] = []
  /// The last feature's properties, reused for the next one (see `parseProperties`).
  var propertiesTemplate = JSONObject()
  /// An empty object with room for the template's members.
  var propertiesCapacityTemplate = JSONObject()
  /// Shared offsets of a single-part geometry, so most geometries need one fewer allocation.
  let singlePartOffsets = [0, 1]
  /// `[0, n]` at index n, made on demand (see `sharedRingOffsets`).
  var singleRingOffsets: [[Int]] = []
  /// A `features` array with more bytes than this after its `[` is parsed on two threads.
  var parallelAbove = Int.max
  /// When set, a feature whose coordinates cannot make its geometry (a ring of 3 positions, an
  /// unclosed ring) is read with no geometry and the reason is kept in `unusableGeometries`
  /// (drawing layers, where one resident's scribble must not stop the run).
  var skipsUnusableGeometries = false
  /// Why each skipped feature's geometry was unusable, by feature index.
  var unusableGeometries: [Int: String] = [:]

  init(bytes: UnsafeRawBufferPointer) {
    scanner = ByteScanner(bytes)
    coordinates.reserveCapacity(1 << 14)
    ringOffsets.reserveCapacity(64)
    partOffsets.reserveCapacity(64)
  }

  /// Checks the nesting depth before entering an array or object.
  @inline(__always)
  func checkDepth(_ depth: Int) throws(ParseFailure) {
    if depth > GeoJSONReader.maximumNestingDepth {
      throw scanner.failure(
        .nestingTooDeep,
        "arrays and objects are nested more than \(GeoJSONReader.maximumNestingDepth) levels deep")
    }
  }

  /// Consumes `,` (returns true) or `closing` (returns false) after a member or element.
  @inline(__always)
  mutating func separatorOrEnd(_ closing: UInt8, context: @autoclosure () -> String) throws(ParseFailure)
    -> Bool
  {
    scanner.skipWhitespace()
    let c = scanner.current
    if c == UInt8(ascii: ",") {
      scanner.pos += 1
      return true
    }
    if c == closing {
      scanner.pos += 1
      return false
    }
    throw scanner.unexpected(expected: "',' or '\(Unicode.Scalar(closing))' \(context())")
  }

  /// Reads a member name and the `:` after it; the cursor is left at the value.
  @inline(__always)
  mutating func memberName(context: @autoclosure () -> String) throws(ParseFailure) -> RawString {
    scanner.skipWhitespace()
    let name = try scanner.scanString(context: "(a member name) \(context())")
    guard scanner.consume(UInt8(ascii: ":")) else {
      throw scanner.unexpected(expected: "':' after the member name \"\(scanner.makeString(name))\"")
    }
    scanner.skipWhitespace()
    return name
  }

  /// Walks the members of the object at the cursor: `body` is called with each name, with the
  /// cursor at the value, and must consume the value. `depth` is the object's own depth.
  @inline(__always)
  mutating func forEachMember(
    depth: Int, context: String, _ body: (inout GeoJSONParser, RawString) throws(ParseFailure) -> Void
  ) throws(ParseFailure) {
    try checkDepth(depth)
    scanner.skipWhitespace()
    guard scanner.current == UInt8(ascii: "{") else {
      throw scanner.unexpected(expected: "an object \(context)")
    }
    scanner.pos += 1
    if scanner.consume(UInt8(ascii: "}")) { return }
    repeat {
      let name = try memberName(context: context)
      try body(&self, name)
    } while try separatorOrEnd(UInt8(ascii: "}"), context: "between members of an object \(context)")
  }
}
