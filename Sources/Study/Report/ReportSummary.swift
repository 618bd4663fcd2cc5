import Analysis
import GeoCore
import Layers
import Reports

/// summary.json of a study, for scripts.
enum ReportSummary {
  static func json(_ study: StudyRun, versions: JSONObject, files: [String]) -> JSONValue {
    var inputs: [JSONValue] = []
    for (entry, layer) in study.layers {
      var object = layer.summaryJSON
      if case .object(var o) = object {
        o["role"] = .string(entry.role.rawValue)
        o["sha256"] = .string(study.checksums[entry.file] ?? "")
        object = .object(o)
      }
      inputs.append(object)
    }
    var pairs: [JSONValue] = []
    for (pair, run) in study.pairs {
      var object = JSONObject()
      object["a"] = .string(pair.a)
      object["b"] = .string(pair.b)
      object["pieces"] = .number(Double(run.overlay.pieces.count))
      object["total_area_m2"] = .number(ReportFiles.rounded(run.totalPieceArea, 2))
      for (label, summaries) in [("a_classes", run.summariesA), ("b_classes", run.summariesB)] {
        let s = MismatchAnalysis.pairSummary(summaries)
        var classes = JSONObject()
        for (c, n) in s.classCounts { classes[c.rawValue] = .number(Double(n)) }
        object[label] = .object(classes)
      }
      object["coterminosity_index_a"] = .number(
        ReportFiles.rounded(MismatchAnalysis.pairSummary(run.summariesA).coterminosityIndex, 6))
      object["coterminosity_index_b"] = .number(
        ReportFiles.rounded(MismatchAnalysis.pairSummary(run.summariesB).coterminosityIndex, 6))
      let piecesOfA = ReportText.positions(of: run.overlay.pieces.map(\.a), count: run.a.features.count)
      object["units"] = .array(
        run.a.features.indices.map { i in
          let s = run.summariesA[i]
          return .object([
            "id": .string(run.a.features[i].id), "class": .string(s.mismatchClass.rawValue),
            "best": s.best.map { .string(run.b.features[$0].id) } ?? .null,
            "best_share": .number(ReportFiles.rounded(s.bestShare, 6)),
            "overlaps": .array(
              piecesOfA[i].map { run.overlay.pieces[$0] }.map { p in
                .object([
                  "id": .string(run.b.features[p.b].id),
                  "share_of_a": .number(ReportFiles.rounded(p.shareOfA, 6)),
                  "share_of_b": .number(ReportFiles.rounded(p.shareOfB, 6)),
                ])
              }),
          ])
        })
      pairs.append(.object(object))
    }
    var coverage = JSONObject()
    for (entry, layer) in study.layers {
      guard let result = study.coverage[entry.name] else { continue }
      coverage[entry.name] = .array(
        result.categories.map { category in
          let rows = result.rows.filter { $0.category == category }
          var o: JSONObject = [
            "category": .string(category), "radius_m": .number(rows.first?.radius ?? 0),
            "uncovered_area_m2": .number(ReportFiles.rounded(rows.reduce(0) { $0 + $1.gapArea }, 2)),
          ]
          if study.population != nil {
            o["population"] = .number(ReportFiles.rounded(rows.reduce(0) { $0 + ($1.population ?? 0) }, 2))
            o["population_uncovered"] = .number(
              ReportFiles.rounded(rows.reduce(0) { $0 + ($1.populationUncovered ?? 0) }, 2))
            o["units"] = .array(
              rows.map { r in
                .object([
                  "id": .string(layer.features[r.unit].id),
                  "population_uncovered": .number(ReportFiles.rounded(r.populationUncovered ?? 0, 2)),
                  "covered_share": .number(ReportFiles.rounded(r.coveredShare, 6)),
                ])
              })
          }
          return .object(o)
        })
    }
    let c = study.config
    var summary: JSONObject = [
      "study": .string(c.study), "versions": .object(versions), "inputs": .array(inputs),
      "parameters": .object([
        "tolerance": .number(c.tolerance), "sliver_width_m": .number(c.sliverWidth),
        "min_area_m2": .number(c.minArea),
        "max_gap_area_m2": .number(c.maxGapArea), "quadrant_segments": .number(Double(c.quadrantSegments)),
      ]),
      "pairs": .array(pairs), "coverage": .object(coverage), "files": .array(files.map { .string($0) }),
    ]
    if let change = ReportChange.summary(study) { summary["change"] = change }
    return .object(summary)
  }
}
