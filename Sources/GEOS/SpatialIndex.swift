internal import CGEOS
import GeoCore

/// An STRtree over bounding boxes, each standing for an integer item (a feature index).
/// The tree never owns the items; it keeps the envelope geometries GEOS points into alive.
///
/// Wraps `GEOSSTRtree_create_r`, `GEOSSTRtree_insert_r`, `GEOSSTRtree_query_r` and
/// `GEOSSTRtree_destroy_r`. GEOS 3.11 builds the tree on the first query, so query it from one
/// thread (the index is non-Sendable anyway).
public final class SpatialIndex {
  private let context: GeometryContext
  private let tree: OpaquePointer
  private var envelopes: [Geometry] = []

  /// An empty index; `nodeCapacity` is the STRtree's fan-out.
  public init(context: GeometryContext, nodeCapacity: Int = 10) throws(GEOSError) {
    self.tree = try context.created(GEOSSTRtree_create_r(context.handle, nodeCapacity), "STRtree")
    self.context = context
  }

  deinit {
    GEOSSTRtree_destroy_r(context.handle, tree)
  }

  /// Adds `item` with the bounding box `box`. Wraps `GEOSSTRtree_insert_r`.
  public func insert(_ box: BoundingBox, item: Int) throws(GEOSError) {
    guard !box.isEmpty else { return }
    let envelope = try Geometry.rectangle(box, context: context)
    envelopes.append(envelope)
    GEOSSTRtree_insert_r(
      context.handle, tree, envelope.pointer, UnsafeMutableRawPointer(bitPattern: item + 1))
  }

  /// The items whose boxes intersect `box`, in ascending order. Wraps `GEOSSTRtree_query_r`.
  public func items(intersecting box: BoundingBox) throws(GEOSError) -> [Int] {
    guard !box.isEmpty else { return [] }
    let query = try Geometry.rectangle(box, context: context)
    let collector = ItemCollector()
    GEOSSTRtree_query_r(
      context.handle, tree, query.pointer,
      { item, userData in
        guard let userData else { return }
        Unmanaged<ItemCollector>.fromOpaque(userData).takeUnretainedValue().items.append(
          Int(bitPattern: item) - 1)
      }, Unmanaged.passUnretained(collector).toOpaque())
    return collector.items.sorted()
  }
}

@available(*, unavailable) extension SpatialIndex: Sendable {}

private final class ItemCollector {
  var items: [Int] = []
}
