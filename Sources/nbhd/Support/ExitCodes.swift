import Analysis
import ArgumentParser
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
import Study

/// The one place errors become exit codes: 0 ok, 1 bad input, 2 usage, 3 internal.
enum ExitCodes {
  static let badInput: Int32 = 1
  static let usage: Int32 = 2
  static let internalError: Int32 = 3

  /// Exit code and printing for errors the argument parser raised or passed through.
  static func forParserError(_ error: any Error, command: any ParsableCommand.Type) -> Int32 {
    let code = command.exitCode(for: error)
    if code == .success {
      print(command.fullMessage(for: error))
      return 0
    }
    let message = command.fullMessage(for: error)
    StandardError.write(message)
    if code == .validationFailure { return usage }
    return code == .failure ? badInput : internalError
  }
}

/// An error ready for the user: its message and exit code.
struct CommandFailure: Error {
  var message: String
  var exitCode: Int32

  /// Sorts a domain error into bad input (1), usage (2) or internal failure (3). Every error type
  /// the libraries throw has its case here; ExitCodeTests lists them all and fails on a new one.
  /// A loading problem's advice names `settings`, the flags of the input it came from.
  init(_ error: any Error, naming settings: InputSettings? = nil) {
    switch error {
    case let failure as CommandFailure: self = failure
    case let error as LayerError:
      message = error.description(naming: settings)
      exitCode =
        switch error {
        case .badOption, .severalLayers: ExitCodes.usage
        default: ExitCodes.badInput
        }
    // Errors of these types are all the user's input (a file that cannot be used, an unwritable
    // output): their own words, exit 1.
    case is GeoJSONError, is ShapefileError, is KMLError, is ChangeError, is StudyConfigError,
      is AtomicFile.WriteError:
      message = String(describing: error)
      exitCode = ExitCodes.badInput
    case let error as PROJError:
      message = error.description
      switch error {
      case .contextUnavailable, .oddCoordinateCount: exitCode = ExitCodes.internalError
      case .unknownCRS, .invalidParameter, .noTransformation, .transformationFailed:
        exitCode = ExitCodes.badInput
      }
    case let error as RegistrationError:
      self = CommandFailure(advising: error)
    case let error as ConsensusError:
      message = error.description
      exitCode =
        switch error {
        case .nameFieldMissing: ExitCodes.usage
        case .noUsableDrawings: ExitCodes.badInput
        case .inconsistentArrangement: ExitCodes.internalError
        }
    case let error as GEOSError:
      message = "internal geometry error: \(error)"
      exitCode = ExitCodes.internalError
    case let error as ReachError:
      message = error.description
      exitCode = ExitCodes.usage
    case let error as MapError:
      message = error.description
      exitCode = if case .invalidPage = error { ExitCodes.usage } else { ExitCodes.badInput }
    case let error as GeoPackageError:
      message = error.description
      switch error {
      case .severalFeatureTables, .unknownTable: exitCode = ExitCodes.usage
      case .sqlite, .unsupported: exitCode = ExitCodes.internalError
      case .fileNotFound, .notSQLite, .notGeoPackage, .noFeatureTable, .badGeometry, .cannotWrite:
        exitCode = ExitCodes.badInput
      }
    default:
      message = "internal error: \(error)"
      exitCode = ExitCodes.internalError
    }
  }

  init(usage message: String) {
    self.message = message
    exitCode = ExitCodes.usage
  }

  init(badInput message: String) {
    self.message = message
    exitCode = ExitCodes.badInput
  }
}

/// Runs `body`, turning any error into a `CommandFailure`.
func reportingFailures<T>(_ body: () throws -> T) throws(CommandFailure) -> T {
  do {
    return try body()
  } catch {
    throw CommandFailure(error)
  }
}
