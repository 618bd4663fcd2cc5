// libFuzzer entry point for the CSV reader (compiled together with CSVTable.swift,
// LayerError.swift and CRSBasis.swift against GeoCore by tools/fuzz/run): every input must parse
// or throw LayerError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  _ = try? CSVTable.parse(Array(UnsafeBufferPointer(start: data, count: size)), source: "fuzz")
  return 0
}
