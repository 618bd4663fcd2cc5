import Foundation
import GeoCore
import KML
import PROJ
import Shapefile

extension LayerLoader {
  /// Reads a Shapefile or KML/KMZ file when `path` names one (by extension), nil otherwise.
  static func readOtherFormat(_ path: String, options: LoadOptions) throws(LayerError) -> Input? {
    switch URL(fileURLWithPath: path).pathExtension.lowercased() {
    case "shp": return try readShapefile(path, options: options)
    case "kml", "kmz": return try readKML(path, options: options)
    default: return nil
    }
  }

  /// A shapefile's features, with the CRS from its .prj (identified as an EPSG code through
  /// PROJ where it matches one, so BNG data stay unreprojected) or, with no .prj, GeoJSON's
  /// rule: lon/lat, with the loader's range check to catch projected coordinates.
  static func readShapefile(_ path: String, options: LoadOptions) throws(LayerError) -> Input {
    let contents: ShapefileContents
    do {
      contents = try ShapefileReader.read(contentsOf: path)
    } catch {
      if case .fileNotFound = error { throw .fileNotFound(path) }
      throw .unreadableContent(error.description)
    }
    var notes = contents.notes
    notes.append("dBASE text read as \(contents.encoding)")
    let decision: CRSDecision
    if let given = options.sourceCRS {
      decision = CRSDecision.decide(given: given, crsMember: nil)
    } else if let wkt = contents.projection {
      decision = prjDecision(wkt)
    } else {
      decision = CRSDecision(crs: "OGC:CRS84", basis: .noPRJFile)
    }
    return Input(collection: contents.collection, decision: decision, notes: notes)
  }

  /// The CRS a .prj names: its EPSG code when PROJ matches one, else the WKT itself. WGS 84 is
  /// named `OGC:CRS84` (lon/lat order), the order shapefiles store coordinates in.
  static func prjDecision(_ wkt: String) -> CRSDecision {
    guard let code = try? CoordinateReferenceSystem.identifiedCode(of: wkt) else {
      return CRSDecision(crs: wkt, basis: .prjFile(wgs84: false))
    }
    if code == "EPSG:4326" { return CRSDecision(crs: "OGC:CRS84", basis: .prjFile(wgs84: true)) }
    return CRSDecision(crs: code, basis: .prjFile(wgs84: false))
  }

  /// A KML or KMZ file's Placemarks; KML is WGS84 lon/lat by definition.
  static func readKML(_ path: String, options: LoadOptions) throws(LayerError) -> Input {
    let contents: KMLContents
    do {
      contents = try KMLReader.read(contentsOf: path)
    } catch {
      if case .fileNotFound = error { throw .fileNotFound(path) }
      throw .unreadableContent(error.description)
    }
    let decision =
      options.sourceCRS.map { CRSDecision.decide(given: $0, crsMember: nil) }
      ?? CRSDecision(crs: "OGC:CRS84", basis: .kml)
    return Input(collection: contents.collection, decision: decision, notes: contents.notes)
  }
}
