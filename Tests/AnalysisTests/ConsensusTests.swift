import Analysis
import Foundation
import GEOS
import GeoCore
import Layers
import TestSupport
import Testing

/// `nbhd consensus` on hand-made drawings whose faces, bands, cores and map are worked out by
/// hand (Tests/Fixtures/consensus/README.md), and the properties the definitions promise.
@Suite struct ConsensusTests {
  static func run(_ fixture: String, _ configure: (inout ConsensusOptions) -> Void = { _ in }) throws
    -> ConsensusRun
  {
    var options = ConsensusOptions()
    configure(&options)
    let layer = try ConsensusRun.load(SharedData.repo("Tests/Fixtures/consensus/\(fixture)"))
    return try ConsensusRun.analyse(layer, options: options)
  }

  static func neighbourhood(_ run: ConsensusRun, _ name: String) -> NeighbourhoodAgreement {
    run.neighbourhoods.first { $0.name == name }!
  }

  static func close(_ a: Double, _ b: Double, _ relative: Double = 1e-9) -> Bool {
    abs(a - b) <= relative * max(1, abs(b))
  }

  @Test func squaresGiveTheHandComputedBandsCoresAndMap() throws {
    let run = try Self.run("squares.geojson")
    #expect(run.neighbourhoods.map(\.name) == ["alpha", "beta", "gamma"])
    let alpha = Self.neighbourhood(run, "alpha")
    #expect(Self.close(alpha.unionArea, 20_000))
    #expect(alpha.bandAreas.map(\.level.description) == ["0.25", "0.5", "0.75"])
    #expect(zip(alpha.bandAreas.map(\.area), [20_000.0, 7_500, 2_500]).allSatisfy { Self.close($0, $1) })
    #expect(Self.close(alpha.coreArea, 7_500))
    #expect(Self.close(alpha.agreementIndex, 0.375))
    // Faces by count: 12,500 m² at 1, 5,000 at 2, 2,500 at 3.
    #expect(alpha.facesByCount.map(\.count) == [1, 2, 3])
    #expect(
      zip(alpha.facesByCount.map(\.region.polygonalArea), [12_500.0, 5_000, 2_500]).allSatisfy {
        Self.close($0, $1)
      })
    // IoU with the core: [0,100]² holds the whole core (0.75); each other square shares 5,000 m².
    let ious = alpha.drawings.map { run.drawings.records[$0].iouWithCore! }.sorted()
    #expect(zip(ious, [0.4, 0.4, 0.75]).allSatisfy { Self.close($0, $1) })
    // Map: alpha and gamma (beta has 1 drawing); 2,500 m² contested, won by alpha.
    #expect(run.map.territories.map(\.name) == ["alpha", "gamma"])
    #expect(run.map.territories.allSatisfy { Self.close($0.area, 7_500) })
    #expect(Self.close(run.map.claimedArea, 15_000))
    #expect(Self.close(run.map.contestedArea, 2_500))
    #expect(Self.close(run.map.unclaimedArea, 12_500))
    #expect(run.map.contested.count == 2)
    let claims = run.map.contested.map { $0.claims.map { "\($0.name) \($0.count)/\($0.drawings)" } }
    #expect(claims == [["alpha 2/3", "gamma 2/3"], ["alpha 3/3", "gamma 2/3"]])
    #expect(run.flags == ["", "too few drawings", ""])
  }

  /// Without the faces traced (`nbhd consensus --no-maps`), everything written is the same.
  @Test func untracedFacesChangeNothingElse() throws {
    let traced = try Self.run("squares.geojson")
    let untraced = try Self.run("squares.geojson") { $0.tracesFaces = false }
    #expect(Self.neighbourhood(traced, "alpha").facesByCount.count == 3)
    for (a, b) in zip(traced.neighbourhoods, untraced.neighbourhoods) {
      #expect(b.facesByCount.isEmpty && b.union.isEmpty)
      #expect(a.bands == b.bands && a.core == b.core && a.iouWithCore == b.iouWithCore)
      #expect(a.bandAreas.map(\.area) == b.bandAreas.map(\.area) && a.unionArea == b.unionArea)
    }
    #expect(traced.map.territories.map(\.region) == untraced.map.territories.map(\.region))
    #expect(traced.map.contested.map(\.region) == untraced.map.contested.map(\.region))
    #expect(traced.outlierCounts == untraced.outlierCounts && traced.flags == untraced.flags)
  }

  @Test func oneDrawingIsItsOwnCore() throws {
    let run = try Self.run("squares.geojson")
    let beta = Self.neighbourhood(run, "beta")
    let drawing = run.drawings.geometries[beta.drawings[0]]!
    #expect(Self.close(beta.coreArea, 5_000) && Self.close(beta.unionArea, 5_000))
    let context = GeometryContext()
    let core = try Geometry(beta.core, context: context), drawn = try Geometry(drawing, context: context)
    let difference = try core.difference(drawn).area() + drawn.difference(core).area()
    #expect(difference <= 1e-6)
    #expect(run.drawings.records[beta.drawings[0]].iouWithCore.map { Self.close($0, 1) } == true)
  }

  @Test func twoCoincidingOfThreeMakeTheCore() throws {
    let run = try Self.run("squares.geojson")
    let gamma = Self.neighbourhood(run, "gamma")
    #expect(Self.close(gamma.coreArea, 10_000))
    #expect(Self.close(gamma.unionArea, 15_000))
    let ious = gamma.drawings.map { run.drawings.records[$0].iouWithCore! }.sorted()
    #expect(zip(ious, [1.0 / 3, 1, 1]).allSatisfy { Self.close($0, $1) })
  }

  @Test func faultyDrawingsAreExcludedRepairedOrFlaggedAndTheRunGoesOn() throws {
    let run = try Self.run("faults.geojson")
    let status = run.drawings.records.map(\.status.rawValue)
    #expect(
      status == ["used", "repaired", "used", "excluded", "excluded", "excluded", "used", "excluded", "used"])
    let records = run.drawings.records
    #expect(records[1].reason.hasPrefix("Self-intersection"))
    #expect(Self.close(records[1].area!, 5_000))
    #expect(records[3].reason.contains("has 3 positions"))
    #expect(records[4].reason == "Point where polygons are expected")
    #expect(records[5].reason == "LineString where polygons are expected")
    #expect(records[7].reason.hasPrefix("no neighbourhood name"))
    // The 20 km square is kept and is the only outlier; the bow-tie holds half the core.
    #expect(records[6].isOutlier && records.filter(\.isOutlier).count == 1)
    #expect(Self.close(records[6].iouWithCore!, 10_000 / 4e8))
    #expect(Self.close(records[1].iouWithCore!, 0.5))
    let delta = Self.neighbourhood(run, "delta")
    #expect(delta.drawingCount == 5)
    #expect(Self.close(delta.coreArea, 10_000) && Self.close(delta.unionArea, 4e8))
  }

  @Test func aRespondentsLaterDrawingReplacesTheEarlier() throws {
    let run = try Self.run("respondents.geojson") { $0.respondentField = "respondent" }
    #expect(run.drawings.records.map(\.status) == [.replaced, .used, .used])
    #expect(run.drawings.records[0].reason == "replaced by feature 2, drawn later by the same respondent")
    let without = try Self.run("respondents.geojson")
    #expect(without.neighbourhoods[0].drawingCount == 3)
  }

  @Test func propertiesHoldOnEveryFixture() throws {
    for fixture in ["squares.geojson", "faults.geojson"] {
      let run = try Self.run(fixture)
      try Self.checkProperties(run)
    }
  }

  /// Bands nested, Σ count × area = Σ drawing areas, claimed + unclaimed = the union of the
  /// mapped neighbourhoods' drawings (by GEOS), contested inside claimed.
  /// IoUs come from which drawings cover each face of the arrangement, kept as bit sets of 64
  /// drawings a word: 69 copies of [0,100]² and one square shifted by 50 m (70 drawings, two
  /// words) make the core [0,100]², so the copies' IoU is 1 and the shifted one's
  /// 5,000 / 15,000. A hole in one more copy takes its 20×20 m out of the drawing.
  @Test func iousOfSeventyOneDrawingsCountFacesAcrossBitSetWords() throws {
    func square(_ x: Int, hole: Bool = false) -> String {
      let (x0, x1) = (400_000 + x, 400_100 + x)
      var rings = "[[\(x0), 300000], [\(x1), 300000], [\(x1), 300100], [\(x0), 300100], [\(x0), 300000]]"
      if hole {
        rings +=
          ", [[400040, 300040], [400040, 300060], [400060, 300060], [400060, 300040], [400040, 300040]]"
      }
      return """
        {"type": "Feature", "properties": {"neighbourhood": "many"}, "geometry": {"type": "Polygon", \
        "coordinates": [\(rings)]}}
        """
    }
    let features = Array(repeating: square(0), count: 69) + [square(50), square(0, hole: true)]
    let text = """
      {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": \
      "urn:ogc:def:crs:EPSG::27700"}}, "features": [\(features.joined(separator: ", "))]}
      """
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("nbhd-iou-\(UUID()).geojson")
      .path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let run = try ConsensusRun.analyse(ConsensusRun.load(path), options: ConsensusOptions())
    let records = run.drawings.records
    #expect(records.count == 71)
    // The core: covered by at least 36 of 71 everywhere in [0,100]² (the hole leaves 70 there).
    #expect(Self.close(Self.neighbourhood(run, "many").coreArea, 10_000))
    #expect((0..<69).allSatisfy { Self.close(records[$0].iouWithCore!, 1) })
    #expect(Self.close(records[69].iouWithCore!, 5_000.0 / 15_000))
    #expect(Self.close(records[70].iouWithCore!, 9_600.0 / 10_000))
  }

  static func checkProperties(_ run: ConsensusRun, relative: Double = 1e-9) throws {
    let context = GeometryContext()
    for agreement in run.neighbourhoods {
      let areas = agreement.bandAreas.map(\.area)
      #expect(zip(areas, areas.dropFirst()).allSatisfy { $0 >= $1 }, "\(agreement.name) bands not nested")
      #expect((areas.first ?? 0) <= agreement.unionArea * (1 + 1e-12))
      for (wider, narrower) in zip(agreement.bands, agreement.bands.dropFirst()) where !narrower.isEmpty {
        let outside = try Geometry(narrower, context: context).difference(Geometry(wider, context: context))
          .area()
        #expect(
          outside <= 1e-6 * max(1, narrower.polygonalArea), "\(agreement.name): band outside the wider one")
      }
      let drawn = agreement.drawings.reduce(0.0) { $0 + run.drawings.geometries[$1]!.polygonalArea }
      #expect(
        close(agreement.coverageSum, drawn, relative),
        "\(agreement.name): Σ count × area \(agreement.coverageSum) vs \(drawn)")
    }
    let mapped = Set(run.map.territories.map(\.name))
    let drawings = run.neighbourhoods.filter { mapped.contains($0.name) }.flatMap(\.drawings).map {
      try! Geometry(run.drawings.geometries[$0]!, context: context)
    }
    if !drawings.isEmpty {
      let union = try Geometry.collection(drawings, context: context).unaryUnion().area()
      #expect(close(run.map.claimedArea + run.map.unclaimedArea, union, 1e-9), "claimed + unclaimed vs union")
      let claimed = try Geometry.collection(
        run.map.territories.filter { $0.area > 0 }.map { try Geometry($0.region, context: context) },
        context: context
      ).unaryUnion()
      #expect(close(try claimed.area(), run.map.claimedArea, 1e-9))
      for piece in run.map.contested {
        let outside = try Geometry(piece.region, context: context).difference(claimed).area()
        #expect(outside <= 1e-6 * max(1, piece.area), "contested piece outside the map")
      }
    }
  }

  @Test func reversedDrawingsGiveTheSameResult() throws {
    let original = try Self.run("squares.geojson")
    let text = try String(
      contentsOfFile: SharedData.repo("Tests/Fixtures/consensus/squares.geojson"), encoding: .utf8)
    var object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    object["features"] = Array((object["features"] as! [Any]).reversed())
    let path = NSTemporaryDirectory() + "consensus-reversed-\(UUID().uuidString).geojson"
    try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reversed = try ConsensusRun.analyse(ConsensusRun.load(path), options: ConsensusOptions())
    #expect(original.neighbourhoods.map(\.name) == reversed.neighbourhoods.map(\.name))
    for (a, b) in zip(original.neighbourhoods, reversed.neighbourhoods) {
      #expect(a.bands == b.bands && a.core == b.core && a.union == b.union)
      #expect(a.bandAreas.map(\.area) == b.bandAreas.map(\.area) && a.coreArea == b.coreArea)
    }
    #expect(original.map.territories.map(\.region) == reversed.map.territories.map(\.region))
    #expect(original.map.claimedArea == reversed.map.claimedArea)
    #expect(original.map.contested.map(\.region) == reversed.map.contested.map(\.region))
  }

  /// A hole touching its shell at a vertex comes out as a shell and a hole (a valid polygon),
  /// not one ring that touches itself.
  @Test func aHoleTouchingTheShellGivesAValidPolygon() throws {
    let text = """
      {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:27700"}},"features":[
      {"type":"Feature","properties":{"neighbourhood":"eta"},"geometry":{"type":"Polygon","coordinates":[
      [[400000,300000],[400100,300000],[400100,300100],[400000,300100],[400000,300050],[400000,300000]],
      [[400000,300050],[400050,300060],[400050,300040],[400000,300050]]]}}]}
      """
    let path = NSTemporaryDirectory() + "consensus-touching-hole-\(UUID().uuidString).geojson"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let run = try ConsensusRun.analyse(ConsensusRun.load(path), options: ConsensusOptions())
    let eta = run.neighbourhoods[0]
    #expect(Self.close(eta.coreArea, 9_500))
    #expect(eta.core.partCount == 1 && eta.core.ringCount == 2)
    #expect(try Geometry(eta.core, context: GeometryContext()).isValid())
  }

  @Test func levelsAreComparedAsExactDecimals() throws {
    let level = try #require(AgreementLevel("0.7"))
    #expect(level.numerator == 7 && level.denominator == 10)
    // 7 of 10 reach 0.7 (in doubles 0.7 · 10 is 7.000000000000001).
    #expect(level.isReached(count: 7, of: 10) && !level.isReached(count: 6, of: 10))
    #expect(level.minimumCount(of: 10) == 7)
    #expect(AgreementLevel("0.50")?.description == "0.5" && AgreementLevel("1")?.description == "1")
    #expect(AgreementLevel("0") == nil && AgreementLevel("1.5") == nil && AgreementLevel("x") == nil)
    #expect(AgreementLevel(".25")?.description == "0.25")
  }
}
