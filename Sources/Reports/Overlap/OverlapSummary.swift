import Analysis
import GeoCore
import Layers

/// summary.json of an overlap run: inputs, parameters, versions, and the figures per layer.
public enum OverlapSummary {
  /// The summary of `run`, listing the files written and the tool versions.
  public static func json(_ run: OverlapRun, versions: JSONObject, files: [String]) -> JSONValue {
    var object = JSONObject()
    object["versions"] = .object(versions)
    object["inputs"] = .object(["a": run.a.summaryJSON, "b": run.b.summaryJSON])
    var parameters: JSONObject = [
      "tolerance": .number(run.options.tolerance), "sliver_width_m": .number(run.options.sliverWidth),
      "min_area_m2": .number(run.options.minArea), "max_gap_area_m2": .number(run.maxGapArea),
      "working_crs": .string(run.a.crs), "scope": .string(run.scope.rawValue),
    ]
    if let population = run.population {
      parameters["population"] = .object([
        "layer": .string(population.name), "field": .string(population.field),
      ])
    }
    object["parameters"] = .object(parameters)
    object["pieces"] = .object([
      "count": .number(Double(run.overlay.pieces.count)),
      "slivers": .number(Double(run.overlay.pieces.filter(\.isSliver).count)),
      "total_area_m2": .number(rounded(run.totalPieceArea, 2)),
      "candidate_pairs": .number(Double(run.overlay.candidatePairs)),
      "pairs_by_containment": .number(Double(run.overlay.containedPairs)),
      "pairs_intersected": .number(Double(run.overlay.intersectedPairs)),
    ])
    object["a"] = side(run, .a)
    object["b"] = side(run, .b)
    object["files"] = .array(files.map { .string($0) })
    return .object(object)
  }

  static func side(_ run: OverlapRun, _ side: OverlaySide) -> JSONValue {
    let (own, other, summaries) = side == .a ? (run.a, run.b, run.summariesA) : (run.b, run.a, run.summariesB)
    guard run.scope == .full else {
      return .object(["layer": .string(own.name), "features": .number(Double(own.features.count))])
    }
    let pair = MismatchAnalysis.pairSummary(summaries)
    var classes = JSONObject()
    for (mismatchClass, count) in pair.classCounts {
      classes[mismatchClass.rawValue] = .number(Double(count))
    }
    let worst = summaries.filter { $0.hausdorff != nil && $0.mismatchClass != .within }
      .sorted { ($0.hausdorff!, own.features[$1.feature].id) > ($1.hausdorff!, own.features[$0.feature].id) }
      .prefix(10)
      .map { s -> JSONValue in
        .object([
          "id": .string(own.features[s.feature].id),
          "name": own.features[s.feature].name.map { .string($0) } ?? .null,
          "class": .string(s.mismatchClass.rawValue), "hausdorff_m": .number(rounded(s.hausdorff!, 2)),
          "best": s.best.map { .string(other.features[$0].id) } ?? .null,
          "best_share": .number(rounded(s.bestShare, 6)),
        ])
      }
    return .object([
      "layer": .string(own.name), "features": .number(Double(own.features.count)),
      "classes": .object(classes),
      "coterminosity_index": .number(rounded(pair.coterminosityIndex, 6)),
      "sliver_area_m2": .number(rounded(pair.sliverArea, 2)), "worst_mismatches": .array(Array(worst)),
    ])
  }
}
