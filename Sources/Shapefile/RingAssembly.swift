import GeoCore
import PlanarKernel

/// Turns a shapefile polygon's rings into polygons with holes by where the rings lie, not by
/// how they are wound. The format says shells run clockwise and holes anticlockwise, but files
/// from other tools (and ONS's nested-shell LSOAs) break that: a ring is a hole when it lies
/// inside an odd number of other rings.
///
/// Rings are sorted by area, largest first; each ring's parent is the smallest larger ring that
/// contains it. A ring at even depth (0, 2, …) is a shell; one at odd depth is a hole of its
/// parent. Containment of rings that do not cross is decided by one vertex, with exact signs
/// (`ValidityProof.contains`); a vertex on the other ring's boundary is skipped for the next.
/// Crossing rings make an invalid polygon either way: the loader repairs and reports it.
enum RingAssembly {
  /// The assembled geometry: a Polygon for one shell, else a MultiPolygon; shells in file
  /// order, each followed by its holes in file order. `disagreements` counts the rings whose
  /// winding says the opposite of their nesting.
  static func polygons(from rings: FlatGeometry) -> (geometry: FlatGeometry, disagreements: Int) {
    let count = rings.ringCount
    guard count > 1 else {
      var single = FlatGeometryBuilder(kind: .polygon)
      if count == 1 { copyRing(0, of: rings, into: &single) }
      if count == 1 { single.closePart() }
      let disagreements = count == 1 && rings.signedDoubleArea(ofRing: 0) > 0 ? 1 : 0
      return (single.geometry, disagreements)
    }
    let signedAreas = (0..<count).map { rings.signedDoubleArea(ofRing: $0) }
    let areas = signedAreas.map(abs)
    let boxes = (0..<count).map { rings.boundingBox(ofRing: $0) }
    let order = (0..<count).sorted { areas[$0] != areas[$1] ? areas[$0] > areas[$1] : $0 < $1 }
    var parent = [Int](repeating: -1, count: count)
    var depth = [Int](repeating: 0, count: count)
    for (position, ring) in order.enumerated() {
      for candidate in order[..<position].reversed()
      where boxes[candidate].contains(boxes[ring]) && lies(ring, inside: candidate, rings) {
        parent[ring] = candidate
        depth[ring] = depth[candidate] + 1
        break
      }
    }
    var disagreements = 0
    for ring in 0..<count {
      // ESRI winding: clockwise (negative signed area) shells, anticlockwise holes.
      let woundAsHole = signedAreas[ring] > 0
      if woundAsHole != !depth[ring].isMultiple(of: 2) { disagreements += 1 }
    }
    let shells = (0..<count).filter { depth[$0].isMultiple(of: 2) }
    var builder = FlatGeometryBuilder(
      kind: shells.count == 1 ? .polygon : .multiPolygon, reservingCoordinates: rings.pointCount)
    for shell in shells {
      copyRing(shell, of: rings, into: &builder)
      for hole in 0..<count where parent[hole] == shell && !depth[hole].isMultiple(of: 2) {
        copyRing(hole, of: rings, into: &builder)
      }
      builder.closePart()
    }
    return (builder.geometry, disagreements)
  }

  /// Whether `ring` lies inside `other`, judged by its first vertex not on `other`'s boundary
  /// (false when every vertex is on it: the same ring twice).
  private static func lies(_ ring: Int, inside other: Int, _ rings: FlatGeometry) -> Bool {
    for i in rings.pointRange(ofRing: ring) {
      if let inside = ValidityProof.contains(rings, ring: other, x: rings.x(i), y: rings.y(i)) {
        return inside
      }
    }
    return false
  }

  private static func copyRing(_ ring: Int, of rings: FlatGeometry, into builder: inout FlatGeometryBuilder) {
    for i in rings.pointRange(ofRing: ring) { builder.append(x: rings.x(i), y: rings.y(i)) }
    builder.closeRing()
  }
}
