import GEOS
import GeoCore
import PlanarKernel

/// The pieces of every pair (a, b) of two polygon layers whose intersection has positive area,
/// computed in parallel (DESIGN.md §4).
public struct Overlay: Sendable {
  /// Every piece, sorted by a then b.
  public var pieces: [CrosswalkPiece]
  /// Areas of A's and B's features (m²).
  public var areasA: [Double]
  public var areasB: [Double]
  /// Work counts: candidate pairs from the index, pairs settled by containment, intersections.
  public var candidatePairs: Int
  public var containedPairs: Int
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

  /// Overlays `a` with `b` (both valid polygons in the same projected CRS).
  public static func overlay(a: [FlatGeometry], b: [FlatGeometry], options: OverlapOptions = OverlapOptions())
    throws -> Overlay
  {
    let boxesA = a.map(\.boundingBox)
    let boxesB = b.map(\.boundingBox)
    let areasA = a.map(\.polygonalArea)
    let areasB = b.map(\.polygonalArea)
    let index = BoxIndex(boxesB)
    let sliver = SliverTest(width: options.sliverWidth, minArea: options.minArea)
    let keep = options.keepPieceGeometry

    struct Work {
      let bSide: ThreadGeometryCache
      let aSide: ThreadGeometryCache
    }
    struct FeatureResult: Sendable {
      var pieces: [CrosswalkPiece] = []
      var candidates = 0
      var contained = 0
      var intersected = 0
      var measured = 0
    }

    let perFeature = try ParallelChunks.map(
      count: a.count, threads: options.threads, chunkSize: 32,
      makeWorker: {
        Work(bSide: ThreadGeometryCache(source: b), aSide: ThreadGeometryCache(source: a))
      },
      body: { work, i -> FeatureResult in
        var result = FeatureResult()
        let boxA = boxesA[i]
        let candidates = index.items(intersecting: boxA).filter { boxesB[$0].overlapsWithArea(boxA) }
        guard !candidates.isEmpty, areasA[i] > 0 else { return result }
        defer { work.aSide.forget(i) }
        var aIsSliver: Bool?
        for j in candidates {
          result.candidates += 1
          let pair = PairWork(i: i, j: j, boxA: boxA, boxB: boxesB[j], a: work.aSide, b: work.bSide)
          let measured = work.aSide.bands(i).flatMap { a in
            work.bSide.bands(j).map { PolygonIntersection.measure(a, $0) }
          }
          var found: (area: Double, method: PieceMethod, flat: FlatGeometry?, isSliver: Bool)
          // Containment first: the boundaries' crossings settle it unless they touch somewhere,
          // when GEOS's prepared test decides (a unit inside another, sharing part of its edge).
          var within = measured?.relation
          if within == .undecided || within == nil {
            within = .other
            if boxesB[j].contains(boxA), try pair.b.prepared(j).contains(try pair.a.geometry(i)) {
              within = .aWithinB
            } else if boxA.contains(boxesB[j]), try pair.a.prepared(i).contains(try pair.b.geometry(j)) {
              within = .bWithinA
            }
          }
          if within == .aWithinB {
            if aIsSliver == nil {
              aIsSliver = try sliver.isSliver(
                linework: a[i], area: areasA[i], piece: { try pair.a.geometry(i) })
            }
            found = (areasA[i], .aWithinB, keep ? a[i] : nil, aIsSliver!)
            result.contained += 1
          } else if within == .bWithinA {
            let isSliver = try sliver.isSliver(
              linework: b[j], area: areasB[j], piece: { try pair.b.geometry(j) })
            found = (areasB[j], .bWithinA, keep ? b[j] : nil, isSliver)
            result.contained += 1
          } else if let measured, measured.area == 0 {
            continue  // a sum of exactly 0: the interiors do not meet
          } else if let measured, abs(measured.area) >= max(Self.smallestMeasuredArea, measured.roundingBound)
          {
            // The area and the piece's outline come from the crossings; GEOS builds the piece
            // only when it is kept or a sliver test needs it.
            result.intersected += 1
            result.measured += 1
            let isSliver = try sliver.isSliver(
              linework: measured.boundary, area: measured.area, piece: pair.piece)
            found = (measured.area, .intersection, keep ? try pair.piece().flat() : nil, isSliver)
          } else {
            // Not polygonal, or within rounding of 0 or below the tables' resolution: GEOS's
            // overlay decides, so hair-thin pieces are exactly GEOS's. The prepared test first:
            // most such pairs do not meet at all.
            guard try pair.b.prepared(j).intersects(try pair.a.geometry(i)) else { continue }
            result.intersected += 1
            let piece = try pair.piece()
            let area = try piece.area()
            guard area > 0 else { continue }
            let flat = try piece.flat()
            found = (
              area, .intersection, keep ? flat : nil, try sliver.isSliver(piece, flat: flat, area: area)
            )
          }
          let area = found.area
          result.pieces.append(
            CrosswalkPiece(
              a: i, b: j, area: area, shareOfA: area / areasA[i], shareOfB: area / areasB[j],
              iou: area / (areasA[i] + areasB[j] - area), isSliver: found.isSliver, method: found.method,
              geometry: found.flat))
        }
        return result
      })
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
