internal import CPROJ

/// The single owner of one `PJ*` (a CRS or a coordinate operation). It keeps its context alive,
/// because a PROJ object must never outlive the context it was made in.
final class ProjObject {
  let pointer: OpaquePointer
  let context: ProjectionContext

  /// Takes ownership of `pointer`; `nil` when PROJ returned no object.
  init?(_ pointer: OpaquePointer?, in context: ProjectionContext) {
    guard let pointer else { return nil }
    self.pointer = pointer
    self.context = context
  }

  deinit { proj_destroy(pointer) }

  /// The object's name, or `nil` when it has none. Wraps `proj_get_name`.
  var name: String? { proj_get_name(pointer).map { String(cString: $0) } }
}

@available(*, unavailable)
extension ProjObject: Sendable {}

extension ProjectionContext {
  /// Creates the CRS named by `definition` (already normalised, see
  /// `CoordinateReferenceSystem.normalisedDefinition`). Wraps `proj_create` and `proj_is_crs`.
  func makeCRS(_ definition: String) throws -> ProjObject {
    clearDiagnostics()
    guard let object = ProjObject(proj_create(pointer, definition), in: self) else {
      throw PROJError.unknownCRS(definition: definition, message: takeFailureMessage())
    }
    guard proj_is_crs(object.pointer) != 0 else {
      throw PROJError.unknownCRS(
        definition: definition, message: "PROJ reads it as a coordinate operation, not a CRS")
    }
    return object
  }
}
