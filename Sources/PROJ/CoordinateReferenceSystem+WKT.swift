internal import CPROJ

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension CoordinateReferenceSystem {
  /// The system as WKT in the GDAL dialect of WKT1 (what GeoPackage's `gpkg_spatial_ref_sys`
  /// definitions and GDAL, QGIS and ArcGIS read), one line. Throws
  /// ``PROJError/unknownCRS(definition:message:)`` when PROJ cannot write it.
  /// Wraps `proj_create` and `proj_as_wkt` (`PJ_WKT1_GDAL`, `MULTILINE=NO`).
  public func wellKnownText() throws -> String {
    let context = try ProjectionContext()
    let crs = try context.makeCRS(definition)
    let text: String? = ["MULTILINE=NO"].withCStringArray { options in
      proj_as_wkt(context.pointer, crs.pointer, PJ_WKT1_GDAL, options).map { String(cString: $0) }
    }
    guard let text else {
      throw PROJError.unknownCRS(definition: definition, message: context.takeFailureMessage())
    }
    return text
  }
}

extension Array where Element == String {
  /// Lends the strings to C as a NULL-terminated `const char* const*` for the call.
  fileprivate func withCStringArray<T>(_ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
    let copies = map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
  }
}
