import GEOS
import GeoCore
import PlanarKernel

/// The pieces of every pair (a, b) of two polygon layers whose intersection has positive area,
/// computed in parallel (DESIGN.md §4).
public struct Overlay: Sendable {
  /// Every piece, sorted by a then b.
  public var pieces: [CrosswalkPiece]
  /// Areas of A's features (m²).
  public var areasA: [Double]
  /// Areas of B's features (m²).
  public var areasB: [Double]
  /// Candidate pairs from the box index (boxes overlapping with area).
  public var candidatePairs: Int
  /// Pairs settled by containment (one feature inside the other).
  public var containedPairs: Int
  /// Pairs whose intersection was measured or built.
  public var intersectedPairs: Int
  /// Intersected pairs measured from their boundaries' crossings (PolygonIntersection); the
  /// rest went through a GEOS overlay.
  public var measuredPairs = 0

  /// A line for NBHD_TIMING: how the intersected pairs were measured.
  public var methodNote: String {
    "overlay: \(intersectedPairs) intersected pairs, \(measuredPairs) measured from crossings, "
      + "\(intersectedPairs - measuredPairs) by GEOS overlay"
  }
}

/// Computes overlays of two polygon layers.
public enum OverlapEngine {
  /// Measured areas below this (m², the crosswalk tables' resolution) are left to GEOS.
  static let smallestMeasuredArea = 0.01

  /// Overlays `a` with `b` (both valid polygons in the same projected CRS): each feature of A
  /// against the features of B whose boxes overlap its own, in parallel, the pieces gathered in
  /// A's order. `progress` counts the features of A done.
  public static func overlay(
    a: [FlatGeometry], b: [FlatGeometry], options: OverlapOptions = OverlapOptions(),
    progress: ProgressCounter? = nil
  )
    throws -> Overlay
  {
    let pass = OverlayPass(a: a, b: b, options: options)
    let perFeature = try ParallelChunks.map(
      count: a.count, threads: options.threads, chunkSize: 32, progress: progress,
      makeWorker: { pass.makeCaches() },
      body: { caches, i in try pass.pieces(ofA: i, caches: caches) })
    return pass.gathered(perFeature)
  }
}

/// One overlay's read-only inputs, shared by every thread, and the steps that measure a feature
/// of A against its candidates in B.
private struct OverlayPass: Sendable {
  let a: [FlatGeometry], b: [FlatGeometry]
  let boxesA: [BoundingBox], boxesB: [BoundingBox]
  let areasA: [Double], areasB: [Double]
  let index: BoxIndex
  let sliver: SliverTest
  let keepGeometry: Bool

  init(a: [FlatGeometry], b: [FlatGeometry], options: OverlapOptions) {
    (self.a, self.b) = (a, b)
    boxesA = a.map(\.boundingBox)
    boxesB = b.map(\.boundingBox)
    areasA = a.map(\.polygonalArea)
    areasB = b.map(\.polygonalArea)
    index = BoxIndex(boxesB)
    sliver = SliverTest(width: options.sliverWidth, minArea: options.minArea)
    keepGeometry = options.keepPieceGeometry
  }

  /// One thread's caches of both layers' GEOS forms.
  struct Caches {
    let aSide: ThreadGeometryCache
    let bSide: ThreadGeometryCache
  }

  /// What one feature of A gave: its pieces and the work counts.
  struct FeatureResult: Sendable {
    var pieces: [CrosswalkPiece] = []
    var candidates = 0
    var contained = 0
    var intersected = 0
    var measured = 0
  }

  /// A piece found for a pair, before its shares are worked out.
  struct Found {
    var area: Double
    var method: PieceMethod
    var geometry: FlatGeometry?
    var isSliver: Bool
  }

  func makeCaches() -> Caches {
    Caches(aSide: ThreadGeometryCache(source: a), bSide: ThreadGeometryCache(source: b))
  }

  /// The pieces of feature `i` of A with every feature of B it shares area with.
  func pieces(ofA i: Int, caches: Caches) throws -> FeatureResult {
    var result = FeatureResult()
    let boxA = boxesA[i]
    let candidates = index.items(intersecting: boxA).filter { boxesB[$0].overlapsWithArea(boxA) }
    guard !candidates.isEmpty, areasA[i] > 0 else { return result }
    defer { caches.aSide.forget(i) }
    var aIsSliver: Bool?
    for j in candidates {
      result.candidates += 1
      let pair = PairWork(i: i, j: j, boxA: boxA, boxB: boxesB[j], a: caches.aSide, b: caches.bSide)
      guard let found = try piece(pair, aIsSliver: &aIsSliver, counts: &result) else { continue }
      result.pieces.append(crosswalkPiece(i, j, found))
    }
    return result
  }

  /// The piece of one candidate pair, or nil when the interiors do not meet: containment first,
  /// then the area measured from the boundaries' crossings, then GEOS's overlay for what the
  /// crossings leave open.
  func piece(_ pair: PairWork, aIsSliver: inout Bool?, counts: inout FeatureResult) throws -> Found? {
    let (i, j) = (pair.i, pair.j)
    let measured = pair.a.bands(i).flatMap { a in pair.b.bands(j).map { PolygonIntersection.measure(a, $0) } }
    switch try containment(pair, measured: measured) {
    case .aWithinB:
      counts.contained += 1
      if aIsSliver == nil {
        aIsSliver = try sliver.isSliver(linework: a[i], area: areasA[i], piece: { try pair.a.geometry(i) })
      }
      return Found(
        area: areasA[i], method: .aWithinB, geometry: keepGeometry ? a[i] : nil, isSliver: aIsSliver!)
    case .bWithinA:
      counts.contained += 1
      let isSliver = try sliver.isSliver(linework: b[j], area: areasB[j], piece: { try pair.b.geometry(j) })
      return Found(
        area: areasB[j], method: .bWithinA, geometry: keepGeometry ? b[j] : nil, isSliver: isSliver)
    default:
      break
    }
    if let measured, measured.area == 0 { return nil }  // a sum of exactly 0: the interiors do not meet
    if let measured, abs(measured.area) >= max(OverlapEngine.smallestMeasuredArea, measured.roundingBound) {
      counts.intersected += 1
      counts.measured += 1
      return try measuredPiece(pair, measured)
    }
    // Not polygonal, or within rounding of 0 or below the tables' resolution: GEOS's overlay
    // decides, so hair-thin pieces are exactly GEOS's. The prepared test first: most such pairs
    // do not meet at all.
    guard try pair.b.prepared(j).intersects(try pair.a.geometry(i)) else { return nil }
    counts.intersected += 1
    return try overlayPiece(pair)
  }

  /// Whether one feature lies inside the other. The boundaries' crossings settle it unless they
  /// touch somewhere, when GEOS's prepared test decides (a unit inside another, sharing part of
  /// its edge).
  func containment(_ pair: PairWork, measured: PolygonIntersection?) throws -> PolygonIntersection.Relation {
    if let relation = measured?.relation, relation != .undecided { return relation }
    let (i, j) = (pair.i, pair.j)
    if boxesB[j].contains(pair.boxA), try pair.b.prepared(j).contains(try pair.a.geometry(i)) {
      return .aWithinB
    }
    if pair.boxA.contains(boxesB[j]), try pair.a.prepared(i).contains(try pair.b.geometry(j)) {
      return .bWithinA
    }
    return .other
  }

  /// A piece whose area and outline come from the crossings; GEOS builds the piece only when it
  /// is kept or a sliver test needs it.
  func measuredPiece(_ pair: PairWork, _ measured: PolygonIntersection) throws -> Found {
    let isSliver = try sliver.isSliver(linework: measured.boundary, area: measured.area, piece: pair.piece)
    return Found(
      area: measured.area, method: .intersection, geometry: keepGeometry ? try pair.piece().flat() : nil,
      isSliver: isSliver)
  }

  /// A piece built by GEOS's overlay; nil when it has no area.
  func overlayPiece(_ pair: PairWork) throws -> Found? {
    let piece = try pair.piece()
    let area = try piece.area()
    guard area > 0 else { return nil }
    let flat = try piece.flat()
    return Found(
      area: area, method: .intersection, geometry: keepGeometry ? flat : nil,
      isSliver: try sliver.isSliver(piece, flat: flat, area: area))
  }

  /// The crosswalk row of a found piece: its shares of both features and its IoU.
  func crosswalkPiece(_ i: Int, _ j: Int, _ found: Found) -> CrosswalkPiece {
    let area = found.area
    return CrosswalkPiece(
      a: i, b: j, area: area, shareOfA: area / areasA[i], shareOfB: area / areasB[j],
      iou: area / (areasA[i] + areasB[j] - area), isSliver: found.isSliver, method: found.method,
      geometry: found.geometry)
  }

  /// Every feature's pieces in A's order, and the work counts summed.
  func gathered(_ perFeature: [FeatureResult]) -> Overlay {
    var overlay = Overlay(
      pieces: [], areasA: areasA, areasB: areasB, candidatePairs: 0, containedPairs: 0, intersectedPairs: 0)
    overlay.pieces.reserveCapacity(perFeature.reduce(0) { $0 + $1.pieces.count })
    for result in perFeature {
      overlay.pieces += result.pieces
      overlay.candidatePairs += result.candidates
      overlay.containedPairs += result.contained
      overlay.intersectedPairs += result.intersected
      overlay.measuredPairs += result.measured
    }
    return overlay
  }
}

/// One candidate pair's GEOS side: the two features' cached GEOS forms, and their intersection
/// piece built at most once.
private final class PairWork {
  let i: Int, j: Int
  let boxA: BoundingBox, boxB: BoundingBox
  let a: ThreadGeometryCache, b: ThreadGeometryCache
  private var made: Geometry?

  init(i: Int, j: Int, boxA: BoundingBox, boxB: BoundingBox, a: ThreadGeometryCache, b: ThreadGeometryCache) {
    (self.i, self.j, self.boxA, self.boxB, self.a, self.b) = (i, j, boxA, boxB, a, b)
  }

  /// The polygonal part of A ∩ B by GEOS.
  func piece() throws -> Geometry {
    if let made { return made }
    let piece = try clippedIntersection(try a.geometry(i), boxA, try b.geometry(j), boxB).polygonalPart()
    made = piece
    return piece
  }
}

/// A ∩ B, with the polygon whose box is much larger first cut to the other's box (plus a margin):
/// mathematically the same piece, but GEOS nodes only the edges near the smaller polygon (an
/// LSOA against a sub-ICB: 20% less time). Falls back to the plain intersection if GEOS rejects
/// the clipped form.
func clippedIntersection(_ a: Geometry, _ boxA: BoundingBox, _ b: Geometry, _ boxB: BoundingBox) throws
  -> Geometry
{
  func margin(_ box: BoundingBox) -> Double { max(1, 0.01 * max(box.width, box.height)) }
  let areaA = boxA.width * boxA.height, areaB = boxB.width * boxB.height
  do {
    if areaB > 4 * areaA && !boxA.contains(boxB) {
      return try a.intersection(try b.clipped(to: boxA.expanded(by: margin(boxA))))
    }
    if areaA > 4 * areaB && !boxB.contains(boxA) {
      return try a.clipped(to: boxB.expanded(by: margin(boxB))).intersection(b)
    }
  } catch {
    return try a.intersection(b)
  }
  return try a.intersection(b)
}

extension BoundingBox {
  /// True when the boxes share more than an edge or a corner (only then can two polygons inside
  /// them share area).
  func overlapsWithArea(_ other: BoundingBox) -> Bool {
    minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
  }
}
