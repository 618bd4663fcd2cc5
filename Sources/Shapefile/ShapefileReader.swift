import Foundation
import GeoCore

/// What a shapefile holds: its features as a `FeatureCollection` (the same values the GeoJSON
/// reader gives), the `.prj` text, and notes on what reading changed or chose.
public struct ShapefileContents: Sendable, Hashable {
  /// One feature per record, in file order; a null shape is a feature with no geometry.
  public var collection: FeatureCollection
  /// The WKT of the `.prj` file, when there is one.
  public var projection: String?
  /// The text encoding used for the `.dbf` and why.
  public var encoding: String
  /// What the reader did that a user should know (Z/M dropped, rings dropped or reassembled).
  public var notes: [String]
}

/// Reads ESRI Shapefiles (.shp + .shx + .dbf, optional .prj and .cpg) with shapelib.
///
/// Polygon rings are assembled into polygons with holes by containment (`RingAssembly`), Z
/// and M values are dropped with a note, dBASE values become JSON values (numbers, trimmed
/// text, dates as `YYYY-MM-DD` text, logicals as booleans, blanks as null), and text is decoded
/// from the .cpg's encoding, else Windows-1252. Damaged files throw `ShapefileError`; nothing
/// in a file crashes the reader.
public enum ShapefileReader {
  /// Reads the shapefile whose .shp is at `path`; its companions are found beside it with the
  /// same base name (extension in either case).
  public static func read(contentsOf path: String) throws(ShapefileError) -> ShapefileContents {
    let url = URL(fileURLWithPath: path)
    guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
    let shp = try bytes(of: url, path: path)
    guard let shxURL = companion(of: url, "shx") else {
      throw .missingCompanion(path: path, missing: ".shx", why: "the index of where each shape starts")
    }
    guard let dbfURL = companion(of: url, "dbf") else {
      throw .missingCompanion(path: path, missing: ".dbf", why: "the attribute table")
    }
    let shx = try bytes(of: shxURL, path: shxURL.path)
    let dbf = try bytes(of: dbfURL, path: dbfURL.path)
    var prj: String?
    if let prjURL = companion(of: url, "prj") { prj = try text(of: prjURL) }
    var cpg: String?
    if let cpgURL = companion(of: url, "cpg") { cpg = try text(of: cpgURL) }
    return try read(shp: shp, shx: shx, dbf: dbf, prj: prj, cpg: cpg, source: path)
  }

  /// Reads a shapefile from the bytes of its files; `source` names it in messages.
  public static func read(
    shp: [UInt8], shx: [UInt8], dbf: [UInt8], prj: String? = nil, cpg: String? = nil, source: String
  ) throws(ShapefileError) -> ShapefileContents {
    var notes: [String] = []
    var encoding = TextEncoding.fallback
    if let cpg, !cpg.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      let name = cpg.trimmingCharacters(in: .whitespacesAndNewlines)
      if let named = TextEncoding.named(name) {
        encoding = named
      } else {
        notes.append(
          "the .cpg names the code page \"\(name)\", which is not known: text read as Windows-1252")
      }
    }
    let (outcome, messages) = Shapelib.withFiles(["shp": shp, "shx": shx, "dbf": dbf]) { hooks in
      Result { () throws(ShapefileError) in
        try ShapefileRecords.read(hooks: &hooks, encoding: encoding, source: source)
      }
    }
    let (features, readNotes) = try outcome.mapError { error -> ShapefileError in
      guard case .corrupt(let path, let what, _) = error else { return error }
      // shapelib names the in-memory files; say the user's instead.
      let base = (source as NSString).deletingPathExtension
      return .corrupt(
        path: path, what: what,
        shapelib: messages.map { $0.replacingOccurrences(of: Shapelib.baseName, with: base) })
    }.get()
    notes += readNotes
    let projection = prj.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap {
      $0.isEmpty ? nil : $0
    }
    return ShapefileContents(
      collection: FeatureCollection(features: features), projection: projection,
      encoding: cpg == nil ? "\(encoding.name) (no .cpg file)" : "\(encoding.name) (.cpg)", notes: notes)
  }

  private static func companion(of url: URL, _ ext: String) -> URL? {
    let base = url.deletingPathExtension()
    for candidate in [ext, ext.uppercased()] {
      let path = base.appendingPathExtension(candidate).path
      if FileManager.default.fileExists(atPath: path) { return URL(fileURLWithPath: path) }
    }
    return nil
  }

  private static func bytes(of url: URL, path: String) throws(ShapefileError) -> [UInt8] {
    do {
      return [UInt8](try Data(contentsOf: url))
    } catch {
      throw .unreadable(path: path, reason: error.localizedDescription)
    }
  }

  private static func text(of url: URL) throws(ShapefileError) -> String {
    let data = try bytes(of: url, path: url.path)
    return String(decoding: data, as: UTF8.self)
  }
}
