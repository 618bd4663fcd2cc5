import Layers

/// Checksums of input files, as the report lists them.
public enum StudyChecksum {
  /// The SHA-256 of a file as lowercase hex.
  public static func sha256(ofFile path: String) throws(LayerError) -> String { try SHA256.hex(ofFile: path) }
}
