import GeoCore
import GeoPackage

/// Reading a GeoPackage feature table as a layer: the table named in the options (or the file's
/// only one), its CRS from `gpkg_spatial_ref_sys` (authority code, else the WKT definition).
enum GeoPackageInput {
  static func read(_ path: String, options: LoadOptions) throws(LayerError) -> LayerLoader.Input {
    let table: GeoPackageReader.Table
    do {
      table = try GeoPackageReader.read(path, table: options.sourceLayer)
    } catch {
      switch error {
      case .fileNotFound: throw .fileNotFound(path)
      case .severalFeatureTables(_, let tables): throw .severalLayers(path, layers: tables)
      case .unknownTable: throw .badOption(error.description)
      default: throw .unreadableContent(error.description)
      }
    }
    var notes: [String] = []
    if options.sourceLayer != nil { notes.append("layer \(table.name) of the GeoPackage") }
    if table.droppedDimensions { notes.append("Z/M values dropped (nbhd measures in two dimensions)") }
    let system = table.system
    let decision: CRSDecision
    if let given = options.sourceCRS {
      decision = CRSDecision.decide(given: given, crsMember: nil)
    } else if let definition = system.crsDefinition {
      decision = CRSDecision(
        crs: definition,
        basis: .geoPackage("gpkg_spatial_ref_sys srs_id \(system.id) (\(system.organization))"))
    } else {
      decision = CRSDecision(
        crs: "OGC:CRS84",
        basis: .geoPackage("undefined SRS (srs_id \(system.id)) read as WGS84 lon/lat, as GeoJSON is"))
    }
    return LayerLoader.Input(
      collection: FeatureCollection(features: table.features), decision: decision, notes: notes)
  }
}
