import GEOS
import GeoCore

/// One neighbourhood's agreement: the arrangement of its drawings' boundaries, every face with
/// the number of drawings covering it, and from those the bands, core, union and outliers.
public struct NeighbourhoodAgreement: Sendable {
  /// The neighbourhood's name.
  public var name: String
  /// Input positions of its used drawings, in the order they were arranged (by content, so the
  /// result does not depend on the file's order).
  public var drawings: [Int]
  /// Number of used drawings (n).
  public var drawingCount: Int { drawings.count }
  /// Area of the union of its drawings, {a > 0} (m²).
  public var unionArea: Double
  /// Area of the core, {a ≥ 0.5} (m²).
  public var coreArea: Double
  /// Band areas by level, in the options' level order.
  public var bandAreas: [(level: AgreementLevel, area: Double)]
  /// Band regions by level (MultiPolygons, working CRS), in the options' level order.
  public var bands: [FlatGeometry]
  /// The core as a MultiPolygon.
  public var core: FlatGeometry
  /// The union of the drawings as a MultiPolygon.
  public var union: FlatGeometry
  /// The faces grouped by how many drawings cover them: count → MultiPolygon (counts ≥ 1).
  public var facesByCount: [(count: Int, region: FlatGeometry)]
  /// Σ over faces of count × area: equals the sum of the drawings' areas on a sound arrangement.
  public var coverageSum: Double
  /// IoU of each drawing (same order as `drawings`) with the core; nil when the core is empty.
  public var iouWithCore: [Double?]
  /// The segments this neighbourhood brings to the cross-neighbourhood map (see `ConsensusMap`).
  var mapSegments: [ChainSegment] = []

  /// Core area over union area.
  public var agreementIndex: Double { unionArea > 0 ? coreArea / unionArea : 0 }

  /// A neighbourhood's arrangement with its areas and map chains worked out, but not yet its
  /// regions and IoUs: what the cross-neighbourhood map waits for. `finish` does the rest, so
  /// it can run beside the map.
  struct Arranged: Sendable {
    /// The agreement so far: areas, drawings and map chains; regions and IoUs empty.
    var agreement: NeighbourhoodAgreement
    var arrangement: PlanarArrangement
    /// Per cycle of the arrangement, how many drawings cover its face.
    var count: [Int]
    /// The drawings in arrangement order.
    var geometries: [FlatGeometry]
  }

  /// Works out the agreement of `drawings` (valid polygonal geometries with their input
  /// positions). With `mapKey`, also the chains the map needs: key 2·mapKey counts
  /// max(0, count − m + 1), where m drawings reach the map level, and key 2·mapKey + 1 counts
  /// whether any drawing covers a point.
  static func make(
    name: String, drawings input: [(index: Int, geometry: FlatGeometry)], levels: [AgreementLevel],
    mapLevel: AgreementLevel, mapKey: Int32?, context: GeometryContext
  ) throws -> NeighbourhoodAgreement {
    try finish(
      arrange(
        name: name, drawings: input, levels: levels, mapLevel: mapLevel, mapKey: mapKey, context: context),
      levels: levels, context: context)
  }

  /// The first half of `make`: the arrangement, every face's count, the areas and the map chains.
  static func arrange(
    name: String, drawings input: [(index: Int, geometry: FlatGeometry)], levels: [AgreementLevel],
    mapLevel: AgreementLevel, mapKey: Int32?, context: GeometryContext
  ) throws -> Arranged {
    // Arranged in an order fixed by content, so reversing the file changes nothing.
    let sorted = input.sorted { a, b in
      a.geometry.coordinates.lexicographicallyPrecedes(b.geometry.coordinates)
        || (a.geometry.coordinates == b.geometry.coordinates && a.index < b.index)
    }
    var segments: [ChainSegment] = []
    var owners: [Int32] = []
    for (slot, (_, geometry)) in sorted.enumerated() {
      Self.appendChains(of: geometry, to: &segments)
      owners += repeatElement(Int32(slot), count: segments.count - owners.count)
    }
    // Owners: which drawings cover each face, for the IoUs.
    let arrangement = try PlanarArrangement(
      segments, context: context, owners: owners, ownerCount: sorted.count)
    if arrangement.inconsistentCrossings > 0 {
      throw ConsensusError.inconsistentArrangement(
        neighbourhood: name, edges: arrangement.inconsistentCrossings)
    }
    let n = sorted.count
    let count = (0..<arrangement.cycleCount).map { Int(arrangement.counts.value($0, 0)) }
    let coreCount = AgreementLevel.half.minimumCount(of: n)
    let unionArea = arrangement.area { count[$0] >= 1 }
    let coreArea = arrangement.area { count[$0] >= coreCount }
    var bandAreas: [(level: AgreementLevel, area: Double)] = []
    for level in levels {
      let minimum = level.minimumCount(of: n)
      bandAreas.append((level, arrangement.area { count[$0] >= minimum }))
    }
    var coverageSum = 0.0
    for cycle in 0..<arrangement.cycleCount {
      coverageSum += Double(count[cycle]) * arrangement.cycleDoubleArea[cycle] / 2
    }
    var agreement = NeighbourhoodAgreement(
      name: name, drawings: sorted.map(\.index), unionArea: unionArea, coreArea: coreArea,
      bandAreas: bandAreas, bands: [], core: .empty(.multiPolygon), union: .empty(.multiPolygon),
      facesByCount: [], coverageSum: coverageSum, iouWithCore: [])
    if let mapKey {
      agreement.mapSegments = Self.mapChains(
        arrangement, count: count, reach: mapLevel.minimumCount(of: n), key: mapKey)
    }
    return Arranged(
      agreement: agreement, arrangement: arrangement, count: count, geometries: sorted.map(\.geometry))
  }

  /// The second half of `make`: band, core and union regions, faces by count (with
  /// `tracesFaces`; see `ConsensusOptions.tracesFaces`), and each drawing's IoU with the core.
  static func finish(
    _ arranged: Arranged, levels: [AgreementLevel], tracesFaces: Bool = true, context: GeometryContext
  ) throws -> NeighbourhoodAgreement {
    var result = arranged.agreement
    let arrangement = arranged.arrangement
    let count = arranged.count
    let n = result.drawingCount
    // The core is usually one of the bands, and the union one too when few drew: each region
    // traced once.
    var regions: [Int: FlatGeometry] = [:]
    func region(atLeast minimum: Int) -> FlatGeometry {
      if let traced = regions[minimum] { return traced }
      let labels = count.map { Int32($0 >= minimum ? 0 : -1) }
      let traced = arrangement.polygons(labels: labels)[0] ?? .empty(.multiPolygon)
      regions[minimum] = traced
      return traced
    }
    let coreCount = AgreementLevel.half.minimumCount(of: n)
    result.bands = levels.map { region(atLeast: $0.minimumCount(of: n)) }
    result.core = region(atLeast: coreCount)
    if tracesFaces {
      result.union = region(atLeast: 1)
      let byCount = arrangement.polygons(labels: count.map { Int32($0 >= 1 ? $0 : -1) })
      result.facesByCount = byCount.keys.sorted().map { (count: Int($0), region: byCount[$0]!) }
    }
    var iou: [Double?] = []
    let coreArea = result.coreArea
    // Each drawing's intersection with the core is the faces of the core it covers. Faces the
    // owner walk left unresolved shift an IoU by at most 2·(their area)/(core area): used only
    // when that is far below the figures' 1e-6 relative contract, else GEOS intersects.
    if coreArea > 0, let bits = arrangement.ownerBits, arrangement.ownerUnresolvedArea <= 1e-12 * coreArea {
      let words = arrangement.ownerWords
      var twiceShared = [Double](repeating: 0, count: n)
      for cycle in 0..<arrangement.cycleCount where count[cycle] >= coreCount {
        for w in 0..<words {
          var word = bits[cycle * words + w]
          while word != 0 {
            twiceShared[w * 64 + word.trailingZeroBitCount] += arrangement.cycleDoubleArea[cycle]
            word &= word - 1
          }
        }
      }
      for (slot, geometry) in arranged.geometries.enumerated() {
        let shared = twiceShared[slot] / 2
        let area = geometry.polygonalArea
        let joined = area + coreArea - shared
        iou.append(joined > 0 ? shared / joined : 0)
      }
    } else if coreArea > 0 {
      let coreGeometry = try Geometry(result.core, context: context)
      for geometry in arranged.geometries {
        let drawing = try Geometry(geometry, context: context)
        let shared = try drawing.intersection(coreGeometry).area()
        let area = geometry.polygonalArea
        let joined = area + coreArea - shared
        iou.append(joined > 0 ? shared / joined : 0)
      }
    } else {
      iou = Array(repeating: nil, count: n)
    }
    result.iouWithCore = iou
    return result
  }

  /// The rings of a valid polygonal geometry as chains of weight 1: shells counter-clockwise,
  /// holes clockwise, whatever way they were stored.
  static func appendChains(of geometry: FlatGeometry, to segments: inout [ChainSegment], key: Int32 = 0) {
    for part in 0..<geometry.partCount {
      for ring in geometry.ringRange(ofPart: part) {
        let range = geometry.pointRange(ofRing: ring)
        guard range.count >= 4 else { continue }
        let isShell = ring == geometry.partOffsets[part]
        let area = geometry.signedDoubleArea(ofRing: ring)
        let reversed = isShell ? area < 0 : area > 0
        for i in range.dropLast() {
          let (a, b) = reversed ? (i + 1, i) : (i, i + 1)
          let segment = ChainSegment(
            x0: geometry.x(a), y0: geometry.y(a), x1: geometry.x(b), y1: geometry.y(b), key: key, weight: 1)
          if segment.x0 != segment.x1 || segment.y0 != segment.y1 { segments.append(segment) }
        }
      }
    }
  }

  /// The edges where the map's counts change, as chains: key 2·key counts max(0, count − reach
  /// + 1) (positive exactly where the neighbourhood reaches the map level), key 2·key + 1
  /// counts whether a drawing covers the point.
  static func mapChains(_ arrangement: PlanarArrangement, count: [Int], reach: Int, key: Int32)
    -> [ChainSegment]
  {
    var result: [ChainSegment] = []
    for h in stride(from: 0, to: arrangement.halfEdgeCount, by: 2) {
      let left = count[Int(arrangement.cycleOf[h])], right = count[Int(arrangement.cycleOf[h + 1])]
      let u = arrangement.origin[h], v = arrangement.origin[h + 1]
      let level = max(0, left - reach + 1) - max(0, right - reach + 1)
      let covered = (left > 0 ? 1 : 0) - (right > 0 ? 1 : 0)
      for (k, weight) in [(2 * key, level), (2 * key + 1, covered)] where weight != 0 {
        result.append(
          ChainSegment(
            x0: arrangement.x(u), y0: arrangement.y(u), x1: arrangement.x(v), y1: arrangement.y(v), key: k,
            weight: Int32(weight)))
      }
    }
    return result
  }
}
