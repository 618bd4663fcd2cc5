import GeoCore
import GeoJSON
import Testing

/// Reads GeoJSON text named `t.geojson` in error messages.
func read(_ text: String) throws -> FeatureCollection {
  try GeoJSONReader.read(string: text, source: "t.geojson")
}

/// The error message reading `text` gives, or nil when it reads fine.
func readError(_ text: String) -> GeoJSONError? {
  do {
    _ = try GeoJSONReader.read(string: text, source: "t.geojson")
    return nil
  } catch {
    return error
  }
}

/// A feature collection around `features` (JSON text of each feature).
func collection(_ features: String...) -> String {
  #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
}

/// A feature around a geometry's JSON text.
func feature(_ geometry: String, properties: String = "{}") -> String {
  #"{"type":"Feature","properties":"# + properties + #","geometry":"# + geometry + "}"
}

/// A fresh temporary directory for file tests.
func makeTemporaryDirectory() -> String {
  let template = "/tmp/nbhd-geojson-test-XXXXXX"
  var bytes = Array(template.utf8CString)
  return bytes.withUnsafeMutableBufferPointer { buffer in
    guard let base = buffer.baseAddress, let result = mkdtemp(base) else { return "/tmp" }
    return String(cString: result)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
