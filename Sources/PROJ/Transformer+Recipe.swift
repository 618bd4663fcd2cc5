internal import CPROJ
import Synchronization

/// What a ``Transformer`` chose, as a `Sendable` value: enough to make more transformers that
/// run the same operation without PROJ searching its database again (the search costs far more
/// than transforming a whole layer's coordinates, and parallel work needs one transformer per
/// thread).
public struct TransformerRecipe: Sendable, Hashable {
  /// The CRS coordinates come in.
  public let source: CoordinateReferenceSystem
  /// The CRS they go out in.
  public let target: CoordinateReferenceSystem
  /// The operation's name in PROJ's database (e.g. "OSGB36 to WGS 84 (6)").
  public let operationName: String
  /// Its accuracy in metres, when PROJ knows it.
  public let accuracyMetres: Double?
  /// True when PROJ fell back to a ballpark operation (datum shift ignored).
  public let isBallpark: Bool
  /// The chosen operation as a PROJ pipeline (or WKT), as ``Transformer/operationDefinition``.
  public let operationDefinition: String
}

extension Transformer {
  /// A transformer with its own PROJ context running the operation `recipe` names: the same
  /// pipeline as the transformer the recipe came from, so the same coordinates to the last bit.
  /// Wraps `proj_create`.
  public convenience init(_ recipe: TransformerRecipe) throws {
    let context = try ProjectionContext()
    context.clearDiagnostics()
    guard let operation = ProjObject(proj_create(context.pointer, recipe.operationDefinition), in: context)
    else {
      throw PROJError.noTransformation(
        source: recipe.source.definition, target: recipe.target.definition,
        message: context.takeFailureMessage())
    }
    context.clearDiagnostics()
    self.init(recipe: recipe, operation: operation)
  }
}

extension TransformerRecipe {
  private struct Key: Hashable {
    let source: CoordinateReferenceSystem
    let target: CoordinateReferenceSystem
  }

  private static let chosen = Mutex<[Key: TransformerRecipe]>([:])

  /// The recipe of `Transformer(from: source, to: target)`, chosen once per process and then
  /// reused (every layer load and every GeoJSON output asks for the same few pairs).
  public static func best(from source: CoordinateReferenceSystem, to target: CoordinateReferenceSystem) throws
    -> TransformerRecipe
  {
    let key = Key(source: source, target: target)
    if let known = chosen.withLock({ $0[key] }) { return known }
    let recipe = try Transformer(from: source, to: target).recipe
    chosen.withLock { $0[key] = recipe }
    return recipe
  }
}
