import GEOS
import GeoCore
import PlanarKernel

/// Decides whether a piece is a sliver (DESIGN.md §4): smaller than the minimum area, or with a
/// maximum inscribed circle narrower than the sliver width.
///
/// Exact proofs decide first: scanlines (a centre found at least width/2 from the boundary, or
/// no interval long enough for such a disk), then a branch and bound over cells that settles all
/// but hair-width cases. Only what they leave open goes to GEOS's fine maximum inscribed circle
/// (tolerance `fineTolerance`), which may call a piece whose true circle exceeds width/2 by less
/// than the tolerance a sliver.
struct SliverTest: Sendable {
  let width: Double
  let minArea: Double

  /// GEOS's circle radius at tolerance t lies in [true radius − t, true radius].
  var fineTolerance: Double { max(width / 100, 0.01) }
  var coarseTolerance: Double { max(width / 8, fineTolerance) }

  /// Scanlines prove most pieces one way or the other without the (much dearer) maximum
  /// inscribed circle: a point at least width/2 from the boundary shows the piece is not a
  /// sliver; interior intervals all too short for such a circle show it is. Otherwise a coarse circle
  /// settles most pieces: radius ≥ width/2 + fine tolerance means the fine circle would be at
  /// least width/2 too; radius + coarse tolerance < width/2 means the fine one would be below.
  func isSliver(_ piece: Geometry, flat: FlatGeometry, area: Double) throws -> Bool {
    try isSliver(linework: flat, area: area, piece: { piece })
  }

  /// The same test from the piece's linework (its polygon, or just its boundary lines), with the
  /// GEOS piece built only if the scanline proofs leave the question open.
  func isSliver(linework: FlatGeometry, area: Double, piece: () throws -> Geometry) throws -> Bool {
    if area < minArea { return true }
    let half = width / 2
    // A disk of radius width/2 needs that much area, and a box at least width wide each way.
    let box = linework.boundingBox
    if area < Double.pi * half * half || min(box.width, box.height) < width { return true }
    let proofs: [() -> InscribedWidthProbe.Verdict] = [
      { InscribedWidthProbe.disk(of: half, fitsIn: linework) },
      // Borderline: lines 8 to the radius (a fitting disk then leaves a chord of 0.998 × its
      // diameter), and every long interval's middle tried as a centre.
      {
        InscribedWidthProbe.disk(
          of: half, fitsIn: linework, linesPerRadius: 8, centreTries: 256, everyInterval: true)
      },
      // Still open (a triangle's long base passes the scanline test): branch and bound on cells.
      { InscribedWidthProbe.diskBySubdivision(of: half, fitsIn: linework) },
    ]
    for proof in proofs {
      switch proof() {
      case .fits: return false
      case .narrower: return true
      case .unknown: continue
      }
    }
    let piece = try piece()
    if coarseTolerance > fineTolerance {
      let coarse = try piece.maximumInscribedCircle(tolerance: coarseTolerance).radius
      if coarse >= half + fineTolerance { return false }
      if coarse + coarseTolerance < half { return true }
    }
    return try piece.maximumInscribedCircle(tolerance: fineTolerance).radius < half
  }
}
