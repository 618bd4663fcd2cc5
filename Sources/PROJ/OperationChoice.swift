internal import CPROJ
import GeoCore

/// The coordinate operation a ``Transformer`` uses, chosen once and deterministically:
/// of PROJ's candidates that can be instantiated with the grids installed, the most accurate
/// non-ballpark one (ties and unknown accuracies in PROJ's own order), else PROJ's first
/// instantiable candidate. `proj_create_crs_to_crs` would instead pick per point among several
/// operations, which makes the accuracy of a whole layer hard to state.
struct OperationChoice {
  /// The chosen operation, in the transformer's context (source axis order as PROJ defines it).
  let operation: ProjObject
  let name: String
  /// `nil` when PROJ does not know the accuracy.
  let accuracyMetres: Double?
  /// True when PROJ only knows a ballpark (datum-ignoring) transformation.
  let isBallpark: Bool

  /// Wraps `proj_create_operations`, `proj_coordoperation_is_instantiable`,
  /// `proj_coordoperation_has_ballpark_transformation` and `proj_coordoperation_get_accuracy`.
  static func best(
    from source: ProjObject, to target: ProjObject, areaOfInterest: BoundingBox?,
    in context: ProjectionContext
  ) throws -> OperationChoice {
    let ctx = context.pointer
    context.clearDiagnostics()
    guard let factory = proj_create_operation_factory_context(ctx, nil) else {
      throw PROJError.noTransformation(
        source: source.name ?? "?", target: target.name ?? "?", message: context.takeFailureMessage())
    }
    defer { proj_operation_factory_context_destroy(factory) }
    proj_operation_factory_context_set_spatial_criterion(
      ctx, factory, PROJ_SPATIAL_CRITERION_PARTIAL_INTERSECTION)
    proj_operation_factory_context_set_grid_availability_use(
      ctx, factory, PROJ_GRID_AVAILABILITY_DISCARD_OPERATION_IF_MISSING_GRID)
    if let area = areaOfInterest, !area.isEmpty {
      proj_operation_factory_context_set_area_of_interest(
        ctx, factory, area.minX, area.minY, area.maxX, area.maxY)
    }
    guard let list = proj_create_operations(ctx, source.pointer, target.pointer, factory) else {
      throw PROJError.noTransformation(
        source: source.name ?? "?", target: target.name ?? "?", message: context.takeFailureMessage())
    }
    defer { proj_list_destroy(list) }

    var best: OperationChoice?
    var firstUsable: OperationChoice?
    for index in 0..<proj_list_get_count(list) {
      guard let operation = ProjObject(proj_list_get(ctx, list, index), in: context),
        proj_coordoperation_is_instantiable(ctx, operation.pointer) != 0
      else { continue }
      let accuracy = proj_coordoperation_get_accuracy(ctx, operation.pointer)
      let candidate = OperationChoice(
        operation: operation, name: operation.name ?? "unnamed operation",
        accuracyMetres: accuracy >= 0 ? accuracy : nil,
        isBallpark: proj_coordoperation_has_ballpark_transformation(ctx, operation.pointer) != 0)
      if firstUsable == nil { firstUsable = candidate }
      if !candidate.isBallpark, candidate.isMoreAccurate(than: best) { best = candidate }
    }
    guard let chosen = best ?? firstUsable else {
      let message = context.takeFailureMessage()
      throw PROJError.noTransformation(
        source: source.name ?? "?", target: target.name ?? "?",
        message: message == "PROJ gave no message"
          ? "no candidate operation can be used with the grids installed" : message)
    }
    context.clearDiagnostics()
    return chosen
  }

  /// True when `self` is strictly better than `other` (earlier candidates win ties).
  private func isMoreAccurate(than other: OperationChoice?) -> Bool {
    guard let other else { return true }
    return (accuracyMetres ?? .infinity) < (other.accuracyMetres ?? .infinity)
  }
}
