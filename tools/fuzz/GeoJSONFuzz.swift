// libFuzzer entry point for the GeoJSON reader: every input must either parse or throw a
// GeoJSONError; a crash, hang, leak or out-of-bounds access is a bug. Built by tools/fuzz/run.
import GeoJSON

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  _ = try? GeoJSONReader.read(bytes: UnsafeRawBufferPointer(start: data, count: size), source: "fuzz")
  return 0
}
