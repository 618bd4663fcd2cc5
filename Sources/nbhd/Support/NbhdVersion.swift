import GEOS
import GeoCore
import PROJ

/// Versions for `--version` and reports.
enum NbhdVersion {
  static let string = "0.1.0"

  /// nbhd, GEOS and PROJ versions on one line.
  static var full: String { "nbhd \(string) (GEOS \(GEOSLibrary.version), PROJ \(PROJLibrary.version))" }

  /// Versions as JSON for summary files.
  static var json: JSONObject {
    ["nbhd": .string(string), "geos": .string(GEOSLibrary.version), "proj": .string(PROJLibrary.version)]
  }
}
