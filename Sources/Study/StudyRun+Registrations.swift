import Analysis
import Foundation
import GeoCore
import Layers
import Reports

/// What a study's `registrations:` entry produced (issue 15): the catchment derivation behind
/// the derived statutory layer, and registered patients by group in each community layer's units.
public struct StudyRegistrations: Sendable {
  /// The config entry.
  public var source: StudyConfig.RegistrationsSource
  /// The catchment derivation behind the derived layer.
  public var result: CatchmentResult
  /// Patients by group in every unit of each community layer, by layer name.
  public var neighbourhoods: [String: NeighbourhoodPatients] = [:]
}

extension StudyConfig.RegistrationsSource {
  /// The input files, for checksums.
  var files: [String] { [file, lsoas] + (practiceMap.map { [$0] } ?? []) }
}

extension StudyRunner {
  /// Reads the registrations and the LSOAs, derives the catchments by the entry's method and
  /// returns them with the layer they make (one feature per group, dissolved).
  static func deriveRegistrations(
    _ config: StudyConfig, _ source: StudyConfig.RegistrationsSource, workingCRS: String, threads: Int?
  ) throws -> (StudyRegistrations, Layer) {
    var options = LoadOptions()
    options.idField = source.lsoaIDField
    options.workingCRS = workingCRS
    options.expected = .polygons
    options.layerName = "lsoas"
    if let threads { options.threads = threads }
    let lsoas = try load(
      config, line: source.line, what: "registrations lsoas", path: config.resolve(source.lsoas),
      options: options)
    do {
      var table = try Registrations.read(config.resolve(source.file))
      if let map = source.practiceMap { table.apply(try PracticeMap.read(config.resolve(map))) }
      var catchmentOptions = CatchmentOptions()
      catchmentOptions.grouping = source.group
      catchmentOptions.methods = [source.method]
      if let threads { catchmentOptions.threads = threads }
      let result = try CatchmentAnalysis.run(table, lsoas: lsoas, options: catchmentOptions)
      return (StudyRegistrations(source: source, result: result), layer(result, source: source))
    } catch let error as StudyConfigError {
      throw error
    } catch {
      throw StudyConfigError(path: config.path, line: source.line, message: "registrations: \(error)")
    }
  }

  /// The catchments as a layer: id the group code, name its name, the catchment's figures as
  /// properties; its load record is the LSOA layer's (the geometry came from there).
  static func layer(_ result: CatchmentResult, source: StudyConfig.RegistrationsSource) -> Layer {
    let catchments = result.catchments.first?.catchments ?? []
    let features = catchments.enumerated().map { k, c in
      LayerFeature(
        index: k, id: result.groups[c.group].code, name: result.groups[c.group].name,
        properties: CatchmentOutput.properties(result, c), geometry: c.geometry)
    }
    var record = result.lsoas.record
    record.inputFeatures = features.count
    record.repairs = []
    record.excluded = []
    record.duplicateIDs = []
    record.missingIDs = []
    record.geometryTypes = [("MultiPolygon", features.count)]
    record.notes = [
      "derived from \(source.file): \(source.title), dissolved from \(result.lsoas.source)"
    ]
    let fields = IdentifierFields.detect(
      in: features.map { Feature(properties: $0.properties, geometry: nil) }, idField: "code",
      nameField: "name")
    return Layer(
      name: source.name, source: source.file, features: features, fields: fields, crs: result.lsoas.crs,
      record: record)
  }

  /// Registered patients by group in every unit of each community layer (weighted by people when
  /// the study has a population layer, as its overlaps are).
  static func registeredPatients(
    _ registrations: StudyRegistrations, layers: [(StudyConfig.AreaLayer, Layer)],
    population: PopulationLayer?,
    threads: Int?
  ) throws -> [String: NeighbourhoodPatients] {
    var found: [String: NeighbourhoodPatients] = [:]
    for (entry, layer) in layers where entry.role == .community {
      found[entry.name] = try NeighbourhoodPatients.compute(
        registrations.result, neighbourhoods: layer, population: population,
        threads: threads ?? ParallelChunks.defaultThreadCount)
    }
    return found
  }
}
