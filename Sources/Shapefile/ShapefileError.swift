/// Why a shapefile could not be read. Each message names the file and, where there is one,
/// the shape (its position), says what is wrong and what to do.
public enum ShapefileError: Error, CustomStringConvertible, Sendable, Hashable {
  /// The .shp file does not exist.
  case fileNotFound(path: String)
  /// A file that must come with the .shp (`.shx` or `.dbf`) is missing.
  case missingCompanion(path: String, missing: String, why: String)
  /// A file exists but could not be read.
  case unreadable(path: String, reason: String)
  /// shapelib refused the files or a record in them (a truncated or damaged file).
  case corrupt(path: String, what: String, shapelib: [String])
  /// The files do not describe one layer (counts differ, unsupported shape type).
  case inconsistent(path: String, what: String)

  /// One line naming the file and what is wrong.
  public var description: String {
    switch self {
    case .fileNotFound(let path): "\(path): file not found"
    case .missingCompanion(let path, let missing, let why):
      "\(path): the shapefile has no \(missing) file beside it (\(why)); copy every file of the "
        + "shapefile (.shp, .shx, .dbf and .prj) into one folder"
    case .unreadable(let path, let reason): "\(path): cannot read the file: \(reason)"
    case .corrupt(let path, let what, let messages):
      "\(path): \(what)"
        + (messages.isEmpty ? "" : " (shapelib: \(messages.joined(separator: "; ")))")
        + "; the file is truncated or damaged: export it again"
    case .inconsistent(let path, let what): "\(path): \(what)"
    }
  }
}
