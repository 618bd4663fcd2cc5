import GeoCore

/// Reads GeoJSON (RFC 7946, plus the legacy `crs` member) into a `FeatureCollection`.
///
/// A FeatureCollection, a single Feature or a bare geometry are accepted (the latter two become
/// a one-feature collection). Coordinates go straight into flat buffers; numbers are correctly
/// rounded (the Double `strtod` gives). Any invalid input throws a `GeoJSONError` naming the
/// source, line:column, the feature and the problem; no input crashes, hangs or makes the reader
/// allocate beyond a small multiple of the input size.
public enum GeoJSONReader {
  /// Arrays and objects nested deeper than this are rejected rather than recursed into.
  public static let maximumNestingDepth = 512

  /// A `features` array bigger than this (bytes) is parsed on two threads when the machine has
  /// them (the same features and errors as one thread; national files only).
  public static let parallelThreshold = 4 << 20

  /// Reads the file at `path`; error messages name it as given.
  public static func read(contentsOf path: String, parallelAbove: Int = parallelThreshold)
    throws(GeoJSONError)
    -> FeatureCollection
  {
    let bytes = try InputFile.contents(path: path)
    defer { bytes.release() }
    return try read(bytes: bytes.raw, source: path, parallelAbove: parallelAbove)
  }

  /// Reads GeoJSON from memory; `source` names the input in error messages. A `features` array
  /// over `parallelAbove` bytes is parsed on two threads.
  public static func read(
    bytes: UnsafeRawBufferPointer, source: String, parallelAbove: Int = parallelThreshold
  )
    throws(GeoJSONError) -> FeatureCollection
  {
    var parser = GeoJSONParser(bytes: bytes)
    parser.parallelAbove = parallelAbove
    do {
      return try parser.parseDocument()
    } catch {
      throw diagnosed(error, parser: parser, source: source)
    }
  }

  /// A parse failure as the error users see: source, line:column, feature and problem.
  static func diagnosed(_ error: ParseFailure, parser: GeoJSONParser, source: String) -> GeoJSONError {
    let (line, column) = parser.scanner.lineAndColumn(of: error.offset)
    return .invalidInput(
      GeoJSONDiagnostic(
        problem: error.problem, source: source, line: line, column: column, byteOffset: error.offset,
        featureIndex: parser.featureIndex, featureID: parser.featureID, message: error.message))
  }

  /// Reads the file at `path` as a layer of drawings: a feature whose coordinates cannot make
  /// its geometry (a ring of fewer than 4 positions, an unclosed ring) comes back with no
  /// geometry, and why is returned by feature index. Everything else is as strict as `read`.
  public static func readSkippingUnusableGeometries(contentsOf path: String) throws(GeoJSONError)
    -> (collection: FeatureCollection, unusable: [Int: String])
  {
    let bytes = try InputFile.contents(path: path)
    defer { bytes.release() }
    var parser = GeoJSONParser(bytes: bytes.raw)
    parser.skipsUnusableGeometries = true
    do {
      let collection = try parser.parseDocument()
      return (collection, parser.unusableGeometries)
    } catch {
      throw diagnosed(error, parser: parser, source: path)
    }
  }

  /// Reads GeoJSON from a byte array; `source` names the input in error messages.
  public static func read(bytes: [UInt8], source: String, parallelAbove: Int = parallelThreshold)
    throws(GeoJSONError)
    -> FeatureCollection
  {
    let result = bytes.withUnsafeBytes { buffer in
      Result { () throws(GeoJSONError) in
        try read(bytes: buffer, source: source, parallelAbove: parallelAbove)
      }
    }
    return try result.get()
  }

  /// Reads GeoJSON text; `source` names the input in error messages.
  public static func read(string: String, source: String = "<string>") throws(GeoJSONError)
    -> FeatureCollection
  {
    try read(bytes: Array(string.utf8), source: source)
  }
}
