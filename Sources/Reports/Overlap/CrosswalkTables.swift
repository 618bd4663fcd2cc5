import Analysis
import GeoCore
import Layers

/// The crosswalk tables of an overlap run (DESIGN.md §4, §8): one row per piece, one row per
/// feature of each layer, sorted by ids, fixed decimals.
public enum CrosswalkTables {
  /// crosswalk.csv: every piece with both ids and its metrics, in `order` (the run's
  /// `pieceOrder`, passed by a caller that needs it too, since sorting by ids costs).
  public static func crosswalk(_ run: OverlapRun, order: [Int]? = nil) -> CSVWriter {
    var header = [
      "a_id", "a_name", "b_id", "b_name", "area_m2", "share_of_a", "share_of_b", "iou", "sliver", "method",
    ]
    if run.population != nil { header += ["population", "pop_share_of_a", "pop_share_of_b"] }
    var csv = CSVWriter(header: header)
    // Ids and names only: copying whole features (properties, geometry) per row cost more than
    // writing the row.
    let idsA = run.a.ids, idsB = run.b.ids
    let namesA = run.a.features.map(\.name), namesB = run.b.features.map(\.name)
    // Pieces read in place: a copy of each would retain and release its geometry. The buffer
    // does not check its bounds: a given order is checked here.
    precondition(
      order?.allSatisfy(run.overlay.pieces.indices.contains) ?? true, "crosswalk order names no piece")
    run.overlay.pieces.withUnsafeBufferPointer { pieces in
      for k in order ?? run.pieceOrder {
        csv.text(idsA[pieces[k].a])
        csv.text(namesA[pieces[k].a])
        csv.text(idsB[pieces[k].b])
        csv.text(namesB[pieces[k].b])
        csv.number(pieces[k].area, decimals: 2)
        csv.number(pieces[k].shareOfA, decimals: 6)
        csv.number(pieces[k].shareOfB, decimals: 6)
        csv.number(pieces[k].iou, decimals: 6)
        csv.flag(pieces[k].isSliver)
        csv.text(pieces[k].method.rawValue)
        if run.population != nil {
          csv.number(pieces[k].population, decimals: 2)
          csv.number(pieces[k].populationShareOfA, decimals: 6)
          csv.number(pieces[k].populationShareOfB, decimals: 6)
        }
        csv.endRow()
      }
    }
    return csv
  }

  /// a_summary.csv or b_summary.csv: one row per feature of `side`.
  public static func summary(_ run: OverlapRun, side: OverlaySide) -> CSVWriter {
    let (own, other, summaries, lookup) =
      side == .a ? (run.a, run.b, run.summariesA, run.lookupA) : (run.b, run.a, run.summariesB, run.lookupB)
    var header = ["id", "name", "area_m2"]
    if run.population != nil { header.append("population") }
    header += [
      "best", "best_name", "best_share", "best_share_of_other", "parts", "slivers", "sliver_area_m2",
      "uncovered_share", "hausdorff_m", "class", "building_blocks", "building_block_iou", "lookup_centroid",
      "lookup_centroid_method", "lookup_largest_overlap",
    ]
    var csv = CSVWriter(header: header)
    // Ids and names only: a copy of each feature would retain and release its buffers.
    let ids = own.ids, names = own.features.map(\.name), otherIDs = other.ids
    let order = Layer.positions(byID: ids)
    for i in order {
      let s = summaries[i]
      csv.text(ids[i])
      csv.text(names[i])
      csv.number(s.area, decimals: 2)
      if run.population != nil { csv.number(s.population, decimals: 2) }
      csv.text(s.best.map { otherIDs[$0] })
      csv.text(s.best.flatMap { other.features[$0].name })
      csv.number(s.bestShare, decimals: 6)
      csv.number(s.bestShareOfOther, decimals: 6)
      csv.integer(s.parts)
      csv.integer(s.slivers)
      csv.number(s.sliverArea, decimals: 2)
      csv.number(s.uncoveredShare, decimals: 6)
      csv.number(s.hausdorff, decimals: 2)
      csv.text(s.mismatchClass.rawValue)
      csv.text(s.buildingBlocks.map { otherIDs[$0] }.sorted().joined(separator: ";"))
      csv.number(s.buildingBlockIoU, decimals: 6)
      csv.text(lookup[i].unit.map { otherIDs[$0] })
      csv.text(lookup[i].method.rawValue)
      csv.text(s.best.map { otherIDs[$0] })
      csv.endRow()
    }
    return csv
  }

  /// lookup.csv: best-fit lookups from A to B by both methods, each row naming its method.
  public static func lookup(_ run: OverlapRun) -> CSVWriter {
    var csv = CSVWriter(header: ["a_id", "a_name", "b_id", "b_name", "method"])
    let largest: BestFit.Method = run.population != nil ? .largestPopulationOverlap : .largestAreaOverlap
    let ids = run.a.ids, names = run.a.features.map(\.name)
    let idsB = run.b.ids, namesB = run.b.features.map(\.name)
    let order = Layer.positions(byID: ids)
    let piecesOfA =
      run.population == nil
      ? [] : KeyPositions.grouped(run.overlay.pieces.map(\.a), count: run.a.features.count)
    for i in order {
      let rows: [(Int?, BestFit.Method)] = [
        (run.lookupA[i].unit, run.lookupA[i].method),
        (bestByPeopleOrArea(run, i, pieces: run.population == nil ? [] : piecesOfA[i]), largest),
      ]
      for (unit, method) in rows {
        csv.text(ids[i])
        csv.text(names[i])
        csv.text(unit.map { idsB[$0] })
        csv.text(unit.flatMap { namesB[$0] })
        csv.text(method.rawValue)
        csv.endRow()
      }
    }
    return csv
  }

  /// The B unit with the most of a's people (or area, without a population layer); `pieces` are
  /// the positions of a's pieces, in order.
  static func bestByPeopleOrArea(_ run: OverlapRun, _ a: Int, pieces: [Int]) -> Int? {
    guard run.population != nil else { return run.summariesA[a].best }
    var best: (unit: Int, people: Double)?
    for piece in pieces.lazy.map({ run.overlay.pieces[$0] }) {
      let people = piece.population ?? 0
      if best == nil || people > best!.people
        || (people == best!.people && run.b.features[piece.b].id < run.b.features[best!.unit].id)
      {
        best = (piece.b, people)
      }
    }
    return best?.unit
  }

  /// topology_<layer>.csv: overlapping pairs and gaps inside one layer.
  public static func topology(_ report: TopologyReport, layer: Layer) -> CSVWriter {
    var csv = CSVWriter(header: ["kind", "first_id", "second_id", "area_m2", "neighbours"])
    for overlap in report.overlaps.sorted(by: { ($0.first, $0.second) < ($1.first, $1.second) }) {
      csv.text("overlap")
      csv.text(layer.features[overlap.first].id)
      csv.text(layer.features[overlap.second].id)
      csv.number(overlap.area, decimals: 2)
      csv.text(nil)
      csv.endRow()
    }
    for gap in report.gaps {
      csv.text("gap")
      csv.text(nil)
      csv.text(nil)
      csv.number(gap.area, decimals: 2)
      csv.text(gap.neighbours.map { layer.features[$0].id }.sorted().joined(separator: ";"))
      csv.endRow()
    }
    return csv
  }
}
