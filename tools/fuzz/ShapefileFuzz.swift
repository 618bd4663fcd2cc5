// libFuzzer entry point for the Shapefile reader: every input must either read or throw a
// ShapefileError; a crash, hang, leak or out-of-bounds access (in our code or in shapelib,
// which is built with the system's flags but reached through our in-memory SAHooks) is a bug.
// An input is one shapefile's three files: two little-endian UInt16 lengths (the .shx's and
// the .dbf's), then the .shx, the .dbf and the .shp bytes (the rest). Built by tools/fuzz/run;
// seeds are made from Tests/Fixtures/shapefile by the same layout.
import Shapefile

/// Splits one input into a shapefile's three files and reads them; only crashes, hangs and leaks matter.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShapefile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard bytes.count >= 4 else { return 0 }
  let shxLength = Int(bytes[0]) | Int(bytes[1]) << 8
  let dbfLength = Int(bytes[2]) | Int(bytes[3]) << 8
  guard 4 + shxLength + dbfLength <= bytes.count else { return 0 }
  let shx = Array(bytes[4..<(4 + shxLength)])
  let dbf = Array(bytes[(4 + shxLength)..<(4 + shxLength + dbfLength)])
  let shp = Array(bytes[(4 + shxLength + dbfLength)...])
  _ = try? ShapefileReader.read(shp: shp, shx: shx, dbf: dbf, cpg: "UTF-8", source: "fuzz")
  return 0
}
