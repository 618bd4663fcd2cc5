import GeoCore

extension GeoJSONParser {
  /// Parses the `coordinates` member value for a geometry of `kind` straight into the scratch
  /// buffers, checks it, and copies it out as one FlatGeometry. `null` or `[]` give an empty
  /// geometry.
  mutating func parseCoordinates(_ kind: GeometryKind) throws(ParseFailure) -> FlatGeometry {
    coordinates.removeAll(keepingCapacity: true)
    ringOffsets.removeAll(keepingCapacity: true)
    partOffsets.removeAll(keepingCapacity: true)
    ringOffsets.append(0)
    partOffsets.append(0)
    if !consumeNull() {
      try parseCoordinateArray(kind)
    }
    // Exact-size copies; the scratch buffers keep their capacity for the next geometry.
    // (`Array(scratch)` would share the scratch storage, and the next `removeAll` would then
    // allocate a fresh scratch buffer for every geometry.)
    return FlatGeometry(
      kind: kind, coordinates: Self.exactCopy(coordinates), ringOffsets: sharedRingOffsets(),
      partOffsets: partOffsets == singlePartOffsets ? singlePartOffsets : Self.exactCopy(partOffsets))
  }

  /// The ring offsets to store. Most geometries are one ring of n points, `[0, n]`: those
  /// arrays are made once per n and shared (copy-on-write), saving an allocation per geometry.
  @inline(__always)
  mutating func sharedRingOffsets() -> [Int] {
    guard ringOffsets.count == 2, ringOffsets[0] == 0 else { return Self.exactCopy(ringOffsets) }
    let n = ringOffsets[1]
    guard n < 4096 else { return Self.exactCopy(ringOffsets) }
    if n >= singleRingOffsets.count {
      singleRingOffsets.reserveCapacity(n + 1)
      while singleRingOffsets.count <= n { singleRingOffsets.append([0, singleRingOffsets.count]) }
    }
    return singleRingOffsets[n]
  }

  /// A new array with its own storage of exactly `source.count` elements.
  @inline(__always)
  static func exactCopy<T: BitwiseCopyable>(_ source: [T]) -> [T] {
    source.withUnsafeBufferPointer { from in
      [T](unsafeUninitializedCapacity: from.count) { to, count in
        if let base = from.baseAddress, from.count > 0 {
          to.baseAddress?.initialize(from: base, count: from.count)
        }
        count = from.count
      }
    }
  }

  private mutating func parseCoordinateArray(_ kind: GeometryKind) throws(ParseFailure) {
    scanner.skipWhitespace()
    guard scanner.current == UInt8(ascii: "[") else {
      throw scanner.failure(
        .wrongType, "expected an array in \"coordinates\", found \(scanner.describeToken())")
    }
    switch kind {
    case .point:
      let start = scanner.pos
      scanner.pos += 1
      if scanner.consume(UInt8(ascii: "]")) { return }
      scanner.pos = start
      try parsePosition()
      closeRing()
      closePart()
    case .multiPoint:
      try forEachElement(what: "positions") { (parser, _) throws(ParseFailure) in
        try parser.parsePosition()
        parser.closeRing()
        parser.closePart()
      }
    case .lineString:
      if try parseLine(index: nil) { closePart() }
    case .multiLineString:
      try forEachElement(what: "lines") { (parser, index) throws(ParseFailure) in
        if try parser.parseLine(index: index) { parser.closePart() }
      }
    case .polygon:
      if try parsePolygon(index: nil) { closePart() }
    case .multiPolygon:
      try forEachElement(what: "polygons") { (parser, index) throws(ParseFailure) in
        if try parser.parsePolygon(index: index) { parser.closePart() }
      }
    case .geometryCollection:
      break  // never called: collections have members, not coordinates
    }
  }

  @inline(__always) mutating func closeRing() { ringOffsets.append(coordinates.count >> 1) }
  @inline(__always) mutating func closePart() { partOffsets.append(ringOffsets.count - 1) }

  /// Calls `body` for each element of the array at the cursor (with its 0-based index).
  @inline(__always)
  private mutating func forEachElement(
    what: String, _ body: (inout GeoJSONParser, Int) throws(ParseFailure) -> Void
  ) throws(ParseFailure) {
    scanner.skipWhitespace()
    guard scanner.current == UInt8(ascii: "[") else {
      throw scanner.failure(
        .wrongType, "expected an array of \(what) in \"coordinates\", found \(scanner.describeToken())")
    }
    scanner.pos += 1
    if scanner.consume(UInt8(ascii: "]")) { return }
    var index = 0
    repeat {
      try body(&self, index)
      index += 1
    } while try separatorOrEnd(UInt8(ascii: "]"), context: "between \(what) in \"coordinates\"")
  }

  /// One position `[x, y, ...]`: x and y are kept, further numbers (z, m) are checked and dropped.
  @inline(__always)
  mutating func parsePosition() throws(ParseFailure) {
    scanner.skipWhitespace()
    let start = scanner.pos
    guard scanner.current == UInt8(ascii: "[") else {
      throw scanner.unexpected(expected: "a position (an array of numbers) in \"coordinates\"")
    }
    scanner.pos += 1
    scanner.skipWhitespace()
    if scanner.current == UInt8(ascii: "]") {
      throw scanner.failure(
        .invalidGeometry, "a position needs at least 2 numbers (x and y), found none", at: start)
    }
    let x = try scanner.parseNumber(context: "in \"coordinates\"")
    scanner.skipWhitespace()
    if scanner.current != UInt8(ascii: ",") {
      if scanner.current == UInt8(ascii: "]") {
        throw scanner.failure(
          .invalidGeometry, "a position needs at least 2 numbers (x and y), found 1", at: start)
      }
      throw scanner.unexpected(expected: "',' after the x of a position in \"coordinates\"")
    }
    scanner.pos += 1
    scanner.skipWhitespace()
    let y = try scanner.parseNumber(context: "in \"coordinates\"")
    coordinates.append(x)
    coordinates.append(y)
    while true {
      scanner.skipWhitespace()
      let c = scanner.current
      if c == UInt8(ascii: "]") {
        scanner.pos += 1
        return
      }
      guard c == UInt8(ascii: ",") else {
        throw scanner.unexpected(expected: "',' or ']' in a position in \"coordinates\"")
      }
      scanner.pos += 1
      scanner.skipWhitespace()
      _ = try scanner.parseNumber(context: "in \"coordinates\"")
    }
  }

  /// An array of positions; returns how many it had.
  @inline(__always)
  private mutating func parsePositionList(what: String) throws(ParseFailure) -> Int {
    scanner.skipWhitespace()
    guard scanner.current == UInt8(ascii: "[") else {
      throw scanner.failure(
        .wrongType,
        "expected an array of positions (\(what)) in \"coordinates\", found \(scanner.describeToken())")
    }
    scanner.pos += 1
    if scanner.consume(UInt8(ascii: "]")) { return 0 }
    var n = 0
    repeat {
      try parsePosition()
      n += 1
    } while try separatorOrEnd(UInt8(ascii: "]"), context: "between positions in \"coordinates\"")
    return n
  }

  /// A LineString's positions as one ring; returns false for an empty line (kept out of the
  /// geometry so that an empty line adds no part).
  private mutating func parseLine(index: Int?) throws(ParseFailure) -> Bool {
    scanner.skipWhitespace()
    let start = scanner.pos
    let n = try parsePositionList(what: "a line")
    if n == 0 { return false }
    if n < 2 {
      let which = index.map { "line \($0) of the MultiLineString" } ?? "a LineString"
      throw scanner.failure(.invalidGeometry, "\(which) has 1 position; a line needs at least 2", at: start)
    }
    closeRing()
    return true
  }

  /// A Polygon's rings; each must have at least 4 positions and end where it starts. Returns
  /// false for a polygon with no rings.
  private mutating func parsePolygon(index: Int?) throws(ParseFailure) -> Bool {
    scanner.skipWhitespace()
    guard scanner.current == UInt8(ascii: "[") else {
      throw scanner.failure(
        .wrongType, "expected an array of rings in \"coordinates\", found \(scanner.describeToken())")
    }
    scanner.pos += 1
    if scanner.consume(UInt8(ascii: "]")) { return false }
    var ring = 0
    repeat {
      scanner.skipWhitespace()
      let start = scanner.pos
      let n = try parsePositionList(what: "a ring")
      let polygon = index.map { "polygon \($0)" } ?? "polygon"
      if n < 4 {
        throw scanner.failure(
          .invalidGeometry,
          GeoJSONError.shortRing(ring, of: polygon, positions: n), at: start)
      }
      let count = coordinates.count
      let first = count - 2 * n
      if coordinates[first] != coordinates[count - 2] || coordinates[first + 1] != coordinates[count - 1] {
        throw scanner.failure(
          .invalidGeometry, "ring \(ring) of \(polygon) is not closed (first and last positions differ)",
          at: start)
      }
      closeRing()
      ring += 1
    } while try separatorOrEnd(UInt8(ascii: "]"), context: "between rings in \"coordinates\"")
    return true
  }
}
