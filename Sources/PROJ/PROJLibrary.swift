internal import CPROJ

/// Facts about the PROJ library linked at run time, for reports.
public enum PROJLibrary {
  /// The version as `major.minor.patch`, e.g. `9.1.1`. Wraps `proj_info`.
  public static let version: String = {
    let info = proj_info()
    return "\(info.major).\(info.minor).\(info.patch)"
  }()

  /// PROJ's full release string, e.g. `Rel. 9.1.1, December 1st, 2022`. Wraps `proj_info`.
  public static let release: String = String(cString: proj_info().release)
}
