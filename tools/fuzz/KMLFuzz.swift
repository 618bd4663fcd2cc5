// libFuzzer entry point for the KML reader: every input must either read or throw a KMLError;
// a crash, hang, leak or out-of-bounds access is a bug. Built by tools/fuzz/run.
import Foundation
import KML

/// Reads one input as KML; the outcome is ignored, only crashes, hangs and leaks matter.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  _ = try? KMLReader.read(data: Data(bytes: data, count: size), source: "fuzz")
  return 0
}
