// libFuzzer entry point for the GeoJSON reader: every input must either parse or throw a
// GeoJSONError; a crash, hang, leak or out-of-bounds access is a bug. Each input is read on one
// thread and again with the two-thread split forced on: the outcomes must be identical (the
// same features, or the same error message). Built by tools/fuzz/run.
import GeoJSON

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: data, count: size)
  let sequential = Result { () throws(GeoJSONError) in
    try GeoJSONReader.read(bytes: bytes, source: "fuzz", parallelAbove: .max)
  }
  let parallel = Result { () throws(GeoJSONError) in
    try GeoJSONReader.read(bytes: bytes, source: "fuzz", parallelAbove: 0)
  }
  switch (sequential, parallel) {
  case (.success(let a), .success(let b)) where a == b: break
  case (.failure(let a), .failure(let b)) where a.description == b.description: break
  default: fatalError("one-thread and two-thread reads differ: \(sequential) vs \(parallel)")
  }
  return 0
}
