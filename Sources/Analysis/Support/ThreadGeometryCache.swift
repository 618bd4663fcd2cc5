import GEOS
import GeoCore
import PlanarKernel

/// One thread's cache of the forms of a list of features that its analysis needs again and again:
/// the GEOS geometry, its prepared form and its edge bands, each built on first use and kept in
/// the thread's own GEOS context (GEOS objects must not cross threads). The overlay, coverage,
/// mismatch, topology and population analyses each make one per thread per feature list.
final class ThreadGeometryCache {
  let context: GeometryContext
  let source: [FlatGeometry]
  private var geometries: [Int: Geometry] = [:]
  private var prepared: [Int: PreparedGeometry] = [:]
  private var bands: [Int: EdgeBands?] = [:]

  /// A cache over `source`; workers of one thread may share a context.
  init(source: [FlatGeometry], context: GeometryContext = GeometryContext()) {
    self.source = source
    self.context = context
  }

  /// The GEOS geometry of feature `index`, built on first use.
  func geometry(_ index: Int) throws -> Geometry {
    if let made = geometries[index] { return made }
    let made = try Geometry(source[index], context: context)
    geometries[index] = made
    return made
  }

  /// The prepared form of feature `index`, built on first use.
  func prepared(_ index: Int) throws -> PreparedGeometry {
    if let made = prepared[index] { return made }
    let made = try PreparedGeometry(try geometry(index))
    prepared[index] = made
    return made
  }

  /// The edge bands of feature `index` (nil when it is not polygonal), built on first use.
  func bands(_ index: Int) -> EdgeBands? {
    if let made = bands[index] { return made }
    let made = EdgeBands(source[index])
    bands[index] = made
    return made
  }

  /// Drops cached forms (the A side changes every feature; B stays cached).
  func forget(_ index: Int) {
    prepared[index] = nil
    geometries[index] = nil
    bands[index] = nil
  }
}
