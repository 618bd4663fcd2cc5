import Analysis
import Foundation
import GEOS
import GeoCore
import GeoJSON
import GeoPackage
import KML
import Layers
import Maps
import PROJ
import Shapefile
import Testing

@testable import Study
@testable import nbhd

/// Every error type declared anywhere in Sources has its exit code (1 bad input, 2 usage, 3
/// internal failure only), checked against `CommandFailure`, the one place errors become codes.
/// Declaring a new error type without listing it here fails `everyErrorTypeIsListed`; listing it
/// without mapping it in ExitCodes.swift fails `eachErrorHasItsCode` (unmapped errors give 3).
@Suite struct ExitCodeTests {
  /// One value of every kind of each error type, with the code it must give.
  static let mapped: [String: [(error: any Error, code: Int32)]] = [
    "LayerError": [
      (LayerError.fileNotFound("f"), 1), (LayerError.unreadable("f", "why"), 1),
      (LayerError.malformed("f", line: 2, "why"), 1),
      (LayerError.badFeature("f", index: 0, id: nil, "why"), 1),
      (LayerError.badLayer("f", "why"), 1), (LayerError.badOption("why"), 2),
      (LayerError.unreadableContent("f:1:1: why"), 1),
      (LayerError.projectedAsLonLat("f", index: 0, id: "A", coordinate: 400_000, basis: .rfc7946Default), 1),
      (LayerError.unknownCRS("f", definition: "EPSG:1", basis: .crsMember, reason: "none"), 1),
      (LayerError.noCoordinateColumns("f.csv", columns: ["a"], unnamed: 0), 1),
      (LayerError.severalLayers("f.gpkg", layers: ["a", "b"]), 2),
    ],
    "GeoPackageError": [
      (GeoPackageError.fileNotFound("f"), 1), (GeoPackageError.notSQLite("f", "why"), 1),
      (GeoPackageError.notGeoPackage("f", "why"), 1),
      (GeoPackageError.noFeatureTable("f", attributeTables: []), 1),
      (GeoPackageError.severalFeatureTables("f", tables: ["a", "b"]), 2),
      (GeoPackageError.unknownTable("f", table: "c", tables: ["a"]), 2),
      (GeoPackageError.badGeometry("f", table: "t", fid: 1, "why"), 1),
      (GeoPackageError.cannotWrite("f", "why"), 1), (GeoPackageError.unsupported("f", "why"), 3),
      (GeoPackageError.sqlite(path: "f", message: "m"), 3),
    ],
    "GeoJSONError": [
      (GeoJSONError.fileNotFound(path: "f"), 1), (GeoJSONError.unreadable(path: "f", reason: "why"), 1),
      (GeoJSONError.writeFailed(path: "f", reason: "why"), 1), (invalidGeoJSON(), 1),
    ],
    "PROJError": [
      (PROJError.contextUnavailable, 3), (PROJError.unknownCRS(definition: "x", message: "m"), 1),
      (PROJError.invalidParameter("p"), 1),
      (PROJError.noTransformation(source: "a", target: "b", message: "m"), 1),
      (
        PROJError.transformationFailed(
          failedCount: 1, totalCount: 2, firstFailingX: 0, firstFailingY: 0, message: "m"),
        1
      ),
      (PROJError.oddCoordinateCount(3), 3),
    ],
    "GEOSError": [
      (GEOSError.operationFailed(operation: "union", message: "m"), 3), (GEOSError.invalidInput("m"), 3),
      (GEOSError.unreadable(format: "WKT", message: "m"), 3),
    ],
    "ReachError": [
      (ReachError.notANumber("far"), 2), (ReachError.notPositive("0"), 2),
      (ReachError.missingCategory("=8"), 2),
      (ReachError.noRadius(category: "gp", given: []), 2),
    ],
    "ChangeError": [(ChangeError.categoryInOneVintage(category: "gp", vintage: "after", other: "before"), 1)],
    "MapError": [(MapError.invalidPage("too small"), 2), (MapError.write(path: "m.svg", message: "why"), 1)],
    "StudyConfigError": [(StudyConfigError(path: "s.yml", line: 3, message: "why"), 1)],
    "ConsensusError": [
      (ConsensusError.nameFieldMissing(path: "d.geojson", field: "hood", available: ["name"]), 2),
      (ConsensusError.noUsableDrawings(path: "d.geojson", read: 2, reasons: ["2 × why"]), 1),
      (ConsensusError.inconsistentArrangement(neighbourhood: "x", edges: 1), 3),
    ],
    "ShapefileError": [
      (ShapefileError.fileNotFound(path: "f.shp"), 1),
      (ShapefileError.missingCompanion(path: "f.shp", missing: ".dbf", why: "w"), 1),
      (ShapefileError.unreadable(path: "f.shp", reason: "why"), 1),
      (ShapefileError.corrupt(path: "f.shp", what: "w", shapelib: []), 1),
      (ShapefileError.inconsistent(path: "f.shp", what: "w"), 1),
    ],
    "KMLError": [
      (KMLError.fileNotFound(path: "f.kml"), 1), (KMLError.unreadable(path: "f.kml", reason: "why"), 1),
      (KMLError.malformedXML(path: "f.kml", line: 1, column: 1, message: "m"), 1),
      (KMLError.notUTF8(path: "f.kml", line: 1, what: "w"), 1),
      (KMLError.unsupportedMarkup(path: "f.kml", line: 1, what: "w"), 1),
      (KMLError.noPlacemark(path: "f.kml"), 1), (KMLError.linksOnly(path: "f.kml", links: ["a.kml"]), 1),
      (KMLError.badCoordinates(path: "f.kml", line: 1, placemark: 0, name: nil, text: "x"), 1),
      (KMLError.badArchive(path: "f.kmz", reason: "why"), 1),
    ],
    "WriteError": [(AtomicFile.WriteError(path: "f", reason: "why"), 1)],
    "RegistrationError": [
      (
        RegistrationError.missingColumn(file: "r.csv", role: "LSOA code", tried: ["LSOA_CODE"], found: ["X"]),
        1
      ),
      (RegistrationError.unknownColumn(file: "r.csv", role: "sex", name: "S", found: ["X"]), 1),
      (RegistrationError.badRow(file: "r.csv", line: 2, "why"), 1),
      (RegistrationError.empty(file: "r.csv", "why"), 1),
      (RegistrationError.practicesWithoutPCN(file: "r.csv", map: nil, practices: [("P1", 3)]), 1),
      (
        RegistrationError.noMatchingLSOAs(layer: "l", idField: "id", examples: ["E01"], layerExamples: ["W"]),
        1
      ),
      (RegistrationError.badParameter("why"), 2),
    ],
    "CommandFailure": [(CommandFailure(usage: "u"), 2), (CommandFailure(badInput: "b"), 1)],
  ]

  /// Error types that never reach a command, and what becomes of them.
  static let neverEscape: [String: String] = [
    "ParseFailure": "internal to GeoJSON's parser; GeoJSONReader turns it into GeoJSONError.invalidInput",
    "Failure":
      "internal to GeoPackage's geometry reader; GeoPackageReader turns it into GeoPackageError.badGeometry",
  ]

  static func invalidGeoJSON() -> any Error {
    do {
      _ = try GeoJSONReader.read(string: "[")
      return GeoJSONError.fileNotFound(path: "unreachable")
    } catch {
      return error
    }
  }

  /// The names of the types in Sources declared as conforming to Error.
  static func declaredErrorTypes() throws -> Set<String> {
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources")
    let declaration = try Regex(
      #"(?:struct|enum|class|actor|extension)\s+(?:\w+\.)*(\w+)(?:<[^>{]*>)?\s*:\s*([^{]*)\{"#)
    var names: Set<String> = []
    let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
    for case let file as URL in files where file.pathExtension == "swift" {
      let text = try String(contentsOf: file, encoding: .utf8)
      for match in text.matches(of: declaration) {
        let conformances = String(match.output[2].substring ?? "")
        let isError = conformances.split(separator: ",").contains {
          $0.split(separator: " ").contains { $0 == "Error" || $0 == "LocalizedError" || $0 == "Swift.Error" }
        }
        if isError, let name = match.output[1].substring { names.insert(String(name)) }
      }
    }
    return names
  }

  @Test func everyErrorTypeIsListed() throws {
    let declared = try Self.declaredErrorTypes()
    // The scan finds the types it must (a scan that found nothing would pass vacuously).
    #expect(declared.isSuperset(of: ["LayerError", "GEOSError", "WriteError", "ParseFailure"]))
    let listed = Set(Self.mapped.keys).union(Self.neverEscape.keys)
    #expect(
      declared.subtracting(listed).isEmpty,
      "error types without an exit code: \(declared.subtracting(listed))")
    #expect(
      listed.subtracting(declared).isEmpty, "listed but no longer declared: \(listed.subtracting(declared))")
  }

  @Test func eachErrorHasItsCode() {
    for (type, cases) in Self.mapped {
      #expect(!cases.isEmpty)
      for (error, code) in cases {
        #expect(CommandFailure(error).exitCode == code, "\(type): \(error)")
        #expect(String(describing: Swift.type(of: error)).hasSuffix(type), "\(error) is listed under \(type)")
      }
    }
  }

  /// User-caused errors never exit 3: a GEOS failure or a broken invariant is the only internal
  /// failure, and an unknown error type falls to 3 (which the listing above prevents).
  @Test func unknownErrorsAreInternal() {
    struct Unlisted: Error {}
    #expect(CommandFailure(Unlisted()).exitCode == 3)
  }
}
