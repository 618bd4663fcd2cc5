// libFuzzer entry point for the GeoPackage geometry reader (compiled together with
// Sources/GeoPackage/GeometryBlob.swift and the WKB files by tools/fuzz/run): every blob must
// decode or throw, never crash or over-allocate; what decodes re-encodes to a blob that decodes
// to the same structure. (The file format itself is SQLite's, fuzzed upstream.)
import GeoCore

/// Decodes one blob; crashes only on a broken invariant (which libFuzzer then reports).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoPackageBlob(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  var dropped = false
  let bytes = UnsafeRawBufferPointer(start: data, count: size)
  guard let geometry = try? GeometryBlob.decode(bytes, droppedDimensions: &dropped) else { return 0 }
  var again: [UInt8] = []
  GeometryBlob.encode(geometry, srsID: 0, box: geometry.boundingBox, into: &again)
  let back = again.withUnsafeBytes { try? GeometryBlob.decode($0, droppedDimensions: &dropped) }
  guard let back, back.kind == geometry.kind, back.ringOffsets == geometry.ringOffsets,
    back.partOffsets == geometry.partOffsets, back.coordinates.count == geometry.coordinates.count
  else { fatalError("a decoded blob did not survive re-encoding") }
  return 0
}
