internal import CPROJ
import GeoCore

extension Transformer {
  /// Transforms interleaved x, y pairs in place, in one batched PROJ call.
  ///
  /// If any pair fails (PROJ returns an infinite or NaN value, or sets its error code) the
  /// buffer is left as it was and ``PROJError/transformationFailed(failedCount:totalCount:firstFailingX:firstFailingY:message:)``
  /// names how many failed and the first failing input. Wraps `proj_trans_generic`.
  public func transform(_ coordinates: inout [Double]) throws {
    guard coordinates.count % 2 == 0 else { throw PROJError.oddCoordinateCount(coordinates.count) }
    let pairCount = coordinates.count / 2
    guard pairCount > 0 else { return }
    // Kept to restore the buffer on failure and to name the failing input; PROJ overwrites
    // failed pairs with HUGE_VAL. (A memory copy costs far less than the transformation.)
    let original = coordinates
    context.clearDiagnostics()
    let stride = 2 * MemoryLayout<Double>.stride
    coordinates.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      _ = proj_trans_generic(
        operation.pointer, PJ_FWD, base, stride, pairCount, base + 1, stride, pairCount,
        nil, 0, 0, nil, 0, 0)
    }
    let code = proj_errno(operation.pointer)
    var failedCount = 0
    var firstFailure: Int?
    coordinates.withUnsafeBufferPointer { buffer in
      for pair in 0..<pairCount where !(buffer[2 * pair].isFinite && buffer[2 * pair + 1].isFinite) {
        failedCount += 1
        if firstFailure == nil { firstFailure = pair }
      }
    }
    guard failedCount > 0 || code != 0 else { return }
    let message = context.takeFailureMessage(code: code)
    proj_errno_reset(operation.pointer)
    coordinates = original
    let first = firstFailure ?? 0
    throw PROJError.transformationFailed(
      failedCount: failedCount, totalCount: pairCount, firstFailingX: original[2 * first],
      firstFailingY: original[2 * first + 1], message: message)
  }

  /// Transforms every coordinate of `geometry` (members of a collection too), in place; on
  /// failure the geometry is left as it was. Wraps `proj_trans_generic`.
  public func transform(_ geometry: inout FlatGeometry) throws {
    var result = geometry
    try transform(&result.coordinates)
    for index in result.members.indices { try transform(&result.members[index]) }
    geometry = result
  }

  /// The transformed copy of `geometry`. Wraps `proj_trans_generic`.
  public func transformed(_ geometry: FlatGeometry) throws -> FlatGeometry {
    var result = geometry
    try transform(&result)
    return result
  }

  /// The box in the target CRS that contains the transformed box, its edges densified with
  /// `densifyPoints` points each so curved images are covered. An empty box stays empty.
  /// Wraps `proj_trans_bounds`.
  public func transformed(_ box: BoundingBox, densifyPoints: Int = 21) throws -> BoundingBox {
    guard !box.isEmpty else { return box }
    context.clearDiagnostics()
    var minX = 0.0
    var minY = 0.0
    var maxX = 0.0
    var maxY = 0.0
    let succeeded = proj_trans_bounds(
      context.pointer, operation.pointer, PJ_FWD, box.minX, box.minY, box.maxX, box.maxY,
      &minX, &minY, &maxX, &maxY, Int32(clamping: densifyPoints))
    guard succeeded != 0, minX.isFinite, minY.isFinite, maxX.isFinite, maxY.isFinite else {
      let message = context.takeFailureMessage()
      proj_errno_reset(operation.pointer)
      throw PROJError.transformationFailed(
        failedCount: 1, totalCount: 1, firstFailingX: box.minX, firstFailingY: box.minY,
        message: "bounding box \(box): \(message)")
    }
    return BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
  }
}
