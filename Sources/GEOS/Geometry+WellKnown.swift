internal import CGEOS

extension Geometry {
  /// Reads well-known text. Wraps `GEOSWKTReader_read_r`.
  public convenience init(wkt: String, context: GeometryContext) throws(GEOSError) {
    let reader = try context.created(GEOSWKTReader_create_r(context.handle), "WKT reader")
    defer { GEOSWKTReader_destroy_r(context.handle, reader) }
    guard let pointer = GEOSWKTReader_read_r(context.handle, reader, wkt) else {
      throw .unreadable(format: "WKT", message: context.takeErrorMessage())
    }
    self.init(owning: pointer, context: context)
  }

  /// Reads well-known binary. Wraps `GEOSWKBReader_read_r`.
  public convenience init(wkb: [UInt8], context: GeometryContext) throws(GEOSError) {
    let reader = try context.created(GEOSWKBReader_create_r(context.handle), "WKB reader")
    defer { GEOSWKBReader_destroy_r(context.handle, reader) }
    let pointer = wkb.withUnsafeBufferPointer {
      GEOSWKBReader_read_r(context.handle, reader, $0.baseAddress, $0.count)
    }
    guard let pointer else { throw .unreadable(format: "WKB", message: context.takeErrorMessage()) }
    self.init(owning: pointer, context: context)
  }

  /// Well-known text with `precision` decimals, trailing zeros trimmed, 2D (the same text on every
  /// GEOS version: 3.12 changed the writer's defaults). Wraps `GEOSWKTWriter_write_r`.
  public func wkt(precision: Int = 6) throws(GEOSError) -> String {
    let writer = try context.created(GEOSWKTWriter_create_r(handle), "WKT writer")
    defer { GEOSWKTWriter_destroy_r(handle, writer) }
    GEOSWKTWriter_setTrim_r(handle, writer, 1)
    GEOSWKTWriter_setRoundingPrecision_r(handle, writer, Int32(precision))
    GEOSWKTWriter_setOutputDimension_r(handle, writer, 2)
    let text = try context.created(GEOSWKTWriter_write_r(handle, writer, pointer), "WKT writer")
    defer { GEOSFree_r(handle, text) }
    return String(cString: text)
  }

  /// Well-known binary (2D, little-endian). Wraps `GEOSWKBWriter_write_r`.
  public func wkb() throws(GEOSError) -> [UInt8] {
    let writer = try context.created(GEOSWKBWriter_create_r(handle), "WKB writer")
    defer { GEOSWKBWriter_destroy_r(handle, writer) }
    GEOSWKBWriter_setOutputDimension_r(handle, writer, 2)
    GEOSWKBWriter_setByteOrder_r(handle, writer, Int32(GEOS_WKB_NDR.rawValue))
    var size = 0
    let bytes = try context.created(GEOSWKBWriter_write_r(handle, writer, pointer, &size), "WKB writer")
    defer { GEOSFree_r(handle, bytes) }
    return Array(UnsafeBufferPointer(start: bytes, count: size))
  }
}
