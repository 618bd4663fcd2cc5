import Foundation
import GeoCore
import TestSupport
import Testing

@testable import PlanarKernel

/// The scanline proofs behind the sliver test, on shapes whose largest inscribed circle is known
/// by hand (the radius is half the width of a long rectangle; a square ring's is half the band).
@Suite struct InscribedWidthProbeTests {
  static func rectangle(_ w: Double, _ h: Double, at x: Double = 0, _ y: Double = 0) -> [(Double, Double)] {
    [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
  }

  @Test func longRectanglesEitherWay() {
    // 1 km × 8 m: inscribed radius 4 m, so no disk of radius 5 fits; 1 km × 30 m: radius 15.
    for (w, h) in [(1000.0, 8.0), (8.0, 1000.0)] {
      #expect(InscribedWidthProbe.disk(of: 5, fitsIn: .polygon([Self.rectangle(w, h)])) == .narrower)
    }
    for (w, h) in [(1000.0, 30.0), (30.0, 1000.0)] {
      #expect(InscribedWidthProbe.disk(of: 10, fitsIn: .polygon([Self.rectangle(w, h)])) == .fits)
    }
  }

  @Test func justNarrowerAndJustWiderThanTheDisk() {
    // Width 19.9 m (radius 9.95) against a 10 m disk; width 20.5 m (radius 10.25) fits one.
    let narrow = FlatGeometry.polygon([Self.rectangle(500, 19.9)])
    let wide = FlatGeometry.polygon([Self.rectangle(500, 20.5)])
    #expect(InscribedWidthProbe.disk(of: 10, fitsIn: narrow) != .fits)
    #expect(InscribedWidthProbe.disk(of: 10, fitsIn: wide) != .narrower)
    // Lines 5 m apart need a 19.36 m chord, which 19.9 m exceeds: open. Lines 1.25 m apart need
    // 19.96 m: proven narrower.
    #expect(InscribedWidthProbe.disk(of: 10, fitsIn: narrow) == .unknown)
    #expect(
      InscribedWidthProbe.disk(
        of: 10, fitsIn: narrow, linesPerRadius: 8, centreTries: 256, everyInterval: true)
        == .narrower)
    #expect(
      InscribedWidthProbe.disk(of: 10, fitsIn: wide, linesPerRadius: 8, centreTries: 256, everyInterval: true)
        == .fits)
  }

  @Test func holesCount() {
    // A 100 m square with a 90 m hole leaves a 5 m band (radius 2.5): the lines through the
    // hole see two 5 m intervals, not one of 100 m. The lines along the band's sides keep the
    // narrower proof from closing, so a 3 m disk is left to the exact circle.
    let band = FlatGeometry.polygon([Self.rectangle(100, 100), Self.rectangle(90, 90, at: 5, 5).reversed()])
    #expect(InscribedWidthProbe.disk(of: 3, fitsIn: band) == .unknown)
    #expect(InscribedWidthProbe.disk(of: 2, fitsIn: band) == .fits)
    // A 40 m × 200 m frame of 5 m bars, scanned across its long side: every interval is 5 m.
    let frame = FlatGeometry.polygon([Self.rectangle(40, 200), Self.rectangle(30, 190, at: 5, 5).reversed()])
    #expect(InscribedWidthProbe.disk(of: 3, fitsIn: frame) == .unknown)
  }

  @Test func twoDisjointStripsAsOneMultiPolygon() {
    let points = Self.rectangle(8, 600) + Self.rectangle(8, 600, at: 50, 0)
    let strips = FlatGeometry(
      kind: .multiPolygon, coordinates: points.flatMap { [$0.0, $0.1] }, ringOffsets: [0, 5, 10],
      partOffsets: [0, 1, 2])
    #expect(InscribedWidthProbe.disk(of: 5, fitsIn: strips) == .narrower)
  }

  @Test func aDiagonalStripIsNotMistakenForItsBox() {
    // A strip 6 m wide along the diagonal of a 300 m box.
    let d = 3 / 2.0.squareRoot()
    let strip = FlatGeometry.polygon([
      [(0, 0), (d, -d), (300 + d, 300 - d), (300, 300), (300 - d, 300 + d), (-d, d), (0, 0)]
    ])
    #expect(InscribedWidthProbe.disk(of: 5, fitsIn: strip) == .narrower)
  }

  @Test func beyondTheLineBudgetOnlyTheFitsProofIsTried() {
    #expect(
      InscribedWidthProbe.disk(of: 1, fitsIn: .polygon([Self.rectangle(10_000, 10_000)]), maxLines: 100)
        == .fits)
    #expect(
      InscribedWidthProbe.disk(of: 5, fitsIn: .polygon([Self.rectangle(8, 1000)]), maxLines: 100) == .unknown)
    #expect(InscribedWidthProbe.centreOutOrder(5) == [2, 3, 1, 4, 0])
    #expect(InscribedWidthProbe.centreOutOrder(4) == [1, 2, 0, 3])
  }
}

/// The deepest point stands in for the centre of the largest inscribed circle.
@Suite struct DeepestPointTests {
  @Test func rectangleCentreAndLShape() {
    // 100 × 40 rectangle: the deepest point is on the long axis, 20 m from the long sides.
    let rectangle = FlatGeometry.polygon([[(0, 0), (100, 0), (100, 40), (0, 40), (0, 0)]])
    let p = InscribedWidthProbe.deepestPoint(in: rectangle)!
    #expect(abs(p.y - 20) < 1e-9)
    #expect(rectangle.distanceToLinework(x: p.x, y: p.y) == 20)
    // An L of a fat 60 × 60 block and a thin 200 × 10 arm: the point lands in the block.
    let l = FlatGeometry.polygon([[(0, 0), (260, 0), (260, 10), (60, 10), (60, 60), (0, 60), (0, 0)]])
    let q = InscribedWidthProbe.deepestPoint(in: l)!
    #expect(q.x < 60 && q.y > 10)
    #expect(l.distanceToLinework(x: q.x, y: q.y) >= 20)  // the arm allows 5 at most
  }

  /// Intervals too short to beat the best are not measured: the point chosen is still the one
  /// an unpruned scan chooses (each of the 16 lines' widest middle, the clearest first), on
  /// random stars with wide and thin arms.
  @Test func pruningChoosesWhatTheFullScanChooses() {
    var generator = SeededGenerator(seed: 3)
    func next() -> Double { generator.unit() }
    for _ in 0..<300 {
      let n = 3 + Int(next() * 15)
      var ring: [(Double, Double)] = (0..<n).map { k in
        let angle = (Double(k) + next() * 0.8) / Double(n) * 2 * .pi, r = 20 + next() * 500
        return (r * cos(angle), r * sin(angle))
      }
      ring.append(ring[0])
      let star = FlatGeometry.polygon([ring])
      let box = star.boundingBox
      let horizontal = box.height > box.width
      var best: (x: Double, y: Double, clearance: Double)?
      for k in 0..<16 {
        let level =
          (horizontal ? box.minY : box.minX) + (Double(k) + 0.5) / 16 * (horizontal ? box.height : box.width)
        var crossings: [Double] = []
        for i in 0..<n {
          let (ax, ay) = ring[i]
          let (bx, by) = ring[i + 1]
          let (a, b, c, d) = horizontal ? (ay, by, ax, bx) : (ax, bx, ay, by)
          if (a > level) != (b > level) { crossings.append(c + (level - a) / (b - a) * (d - c)) }
        }
        crossings.sort()
        var widest = (length: 0.0, middle: 0.0)
        for i in stride(from: 0, to: crossings.count - 1, by: 2)
        where crossings[i + 1] - crossings[i] > widest.length {
          widest = (crossings[i + 1] - crossings[i], (crossings[i] + crossings[i + 1]) / 2)
        }
        guard widest.length > 0 else { continue }
        let (x, y) = horizontal ? (widest.middle, level) : (level, widest.middle)
        let clearance = star.distanceToLinework(x: x, y: y)
        if clearance > best?.clearance ?? -1 { best = (x, y, clearance) }
      }
      let found = InscribedWidthProbe.deepestPoint(in: star)
      #expect(found != nil && best != nil)
      guard let found, let best else { continue }
      #expect(abs(found.x - best.x) < 1e-6 && abs(found.y - best.y) < 1e-6, "\(found) vs \(best)")
    }
  }

  /// A right triangle with 60 m legs has an inscribed circle of radius (60 + 60 − 60√2) / 2 =
  /// 17.574 m: scanlines cannot prove it narrower than 17.65 m (its base is long), the cell
  /// search can, from the polygon or from its outline as lines.
  @Test func cellSearchSettlesTriangles() {
    let ring: [(Double, Double)] = [(0, 0), (60, 0), (0, 60), (0, 0)]
    let triangle = FlatGeometry.polygon([ring])
    var builder = FlatGeometryBuilder(kind: .multiLineString)
    for (x, y) in ring {
      builder.append(x: x + 400_000, y: y + 300_000)
    }
    builder.closeRing()
    builder.closePart()
    let outline = builder.geometry
    let inradius = (120 - 60 * 2.0.squareRoot()) / 2
    #expect(InscribedWidthProbe.disk(of: inradius + 0.08, fitsIn: triangle) == .unknown)
    for shape in [triangle, outline] {
      #expect(InscribedWidthProbe.diskBySubdivision(of: inradius + 0.08, fitsIn: shape) == .narrower)
      #expect(InscribedWidthProbe.diskBySubdivision(of: inradius - 0.08, fitsIn: shape) == .fits)
      #expect(InscribedWidthProbe.diskBySubdivision(of: 40, fitsIn: shape) == .narrower)
    }
    // The 5 m band of a framed square: no 3 m disk (the scanlines leave it open).
    let rectangle = InscribedWidthProbeTests.rectangle
    let band = FlatGeometry.polygon([rectangle(100, 100, 0, 0), rectangle(90, 90, 5, 5).reversed()])
    #expect(InscribedWidthProbe.diskBySubdivision(of: 3, fitsIn: band) == .narrower)
    #expect(InscribedWidthProbe.diskBySubdivision(of: 2.4, fitsIn: band) == .fits)
  }
}
