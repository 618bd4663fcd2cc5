internal import CPROJ
import GeoCore

/// Transforms coordinates from one CRS to another with one fixed PROJ operation.
///
/// Coordinates are always x = longitude or easting, y = latitude or northing, whatever axis
/// order the CRS definitions declare (`EPSG:4326` input is read as lon, lat).
///
/// A transformer owns its own PROJ context and operation and is **not thread-safe**: never
/// share one across threads or tasks. For parallel work, create one transformer per task.
/// Wraps `proj_create_operations` and `proj_normalize_for_visualization`.
public final class Transformer {
  /// What this transformer runs, as a `Sendable` value that makes more transformers like it.
  public let recipe: TransformerRecipe
  /// The system coordinates are read in.
  public var source: CoordinateReferenceSystem { recipe.source }
  /// The system coordinates are written in.
  public var target: CoordinateReferenceSystem { recipe.target }
  /// PROJ's name of the operation used, e.g.
  /// `Inverse of OSGB36 to WGS 84 (6) + British National Grid`. Wraps `proj_get_name`.
  public var operationName: String { recipe.operationName }
  /// The operation's accuracy in metres as PROJ's database states it, `nil` when unknown.
  /// Wraps `proj_coordoperation_get_accuracy`.
  public var accuracyMetres: Double? { recipe.accuracyMetres }
  /// True when PROJ knew no real transformation and ignores the datum difference (errors of
  /// up to about 100 m). Wraps `proj_coordoperation_has_ballpark_transformation`.
  public var isBallpark: Bool { recipe.isBallpark }
  /// The operation as a one-line PROJ pipeline (WKT when PROJ cannot write it as a PROJ
  /// string), for reports. Wraps `proj_as_proj_string`.
  public var operationDefinition: String { recipe.operationDefinition }

  /// The owned operation (it keeps the owned context alive).
  let operation: ProjObject
  var context: ProjectionContext { operation.context }

  /// Chooses the operation from `source` to `target`: the most accurate one PROJ can run with
  /// the grids installed (see the module notes), restricted to operations whose area of use
  /// meets `areaOfInterest` (lon/lat degrees) when given.
  /// Wraps `proj_create_operations`, `proj_normalize_for_visualization` and `proj_as_proj_string`.
  public init(
    from source: CoordinateReferenceSystem, to target: CoordinateReferenceSystem,
    areaOfInterest: BoundingBox? = nil
  ) throws {
    let context = try ProjectionContext()
    let sourceCRS = try context.makeCRS(source.definition)
    let targetCRS = try context.makeCRS(target.definition)
    let choice = try OperationChoice.best(
      from: sourceCRS, to: targetCRS, areaOfInterest: areaOfInterest, in: context)
    guard
      let normalised = ProjObject(
        proj_normalize_for_visualization(context.pointer, choice.operation.pointer), in: context)
    else {
      throw PROJError.noTransformation(
        source: source.definition, target: target.definition, message: context.takeFailureMessage())
    }
    self.recipe = TransformerRecipe(
      source: source, target: target, operationName: choice.name, accuracyMetres: choice.accuracyMetres,
      isBallpark: choice.isBallpark, operationDefinition: Self.definition(of: normalised))
    self.operation = normalised
    context.clearDiagnostics()
  }

  /// A transformer from a recipe and the operation made from it (see `Transformer+Recipe`).
  init(recipe: TransformerRecipe, operation: ProjObject) {
    self.recipe = recipe
    self.operation = operation
  }

  /// Wraps `proj_as_proj_string` and `proj_as_wkt`.
  private static func definition(of operation: ProjObject) -> String {
    let ctx = operation.context.pointer
    let options = "MULTILINE=NO"
    let text = options.withCString { option -> UnsafePointer<CChar>? in
      var list: [UnsafePointer<CChar>?] = [option, nil]
      return list.withUnsafeMutableBufferPointer { buffer in
        proj_as_proj_string(ctx, operation.pointer, PJ_PROJ_5, buffer.baseAddress)
          ?? proj_as_wkt(ctx, operation.pointer, PJ_WKT2_2019_SIMPLIFIED, buffer.baseAddress)
      }
    }
    return text.map { String(cString: $0) } ?? operation.name ?? "unknown operation"
  }
}

@available(*, unavailable)
extension Transformer: Sendable {}
