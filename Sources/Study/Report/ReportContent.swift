import Analysis
import Foundation
import GeoCore
import Layers

/// What the report says (issue 6), section by section.
enum ReportContent {
  /// Every section but the closing list of files (``closing(_:files:into:)``), which waits for
  /// the files to be written while this runs.
  static func build(
    _ study: StudyRun, into doc: inout ReportDocument, versions: JSONObject, clock: inout StageClock
  ) throws {
    let config = study.config
    doc.heading(1, "Neighbourhoods and statutory boundaries: \(config.study)")
    doc.paragraph(
      "How the neighbourhoods residents recognise line up with the boundaries health and care services are run on, "
        + "how to apportion statistics between them, and where community assets leave people out of reach. "
        + "Areas are measured in square metres in \(study.layers.first?.layer.crs ?? "EPSG:27700"); reach is straight-line distance."
    )
    keyFindings(study, into: &doc)
    clock.lap("report: key findings")
    try ReportConsensus.section(study, into: &doc)
    clock.lap("report: consensus section")
    try pairs(study, into: &doc, clock: &clock)
    try ReportRegistrations.section(study, into: &doc)
    clock.lap("report: registrations section")
    try cards(study, into: &doc)
    clock.lap("report: cards")
    try coverage(study, into: &doc, clock: &clock)
    try ReportChange.section(study, into: &doc)
    clock.lap("report: change section")
    topology(study, into: &doc)
    inputs(study, into: &doc, versions: versions)
    clock.lap("report: topology and inputs sections")
  }

  /// The report's last sections: the files written beside it, and attribution.
  static func closing(_ study: StudyRun, files: [String], into doc: inout ReportDocument) {
    doc.heading(2, "Files")
    doc.paragraph(
      "Every table is also a CSV file and every result layer a GeoJSON file (RFC 7946, WGS84) next to this report; "
        + "report.gpkg holds all of them in one GeoPackage (British National Grid or the working CRS), each layer "
        + "styled for QGIS as these maps draw it:"
    )
    doc.list(files)
    doc.heading(2, "Attribution")
    doc.list(ReportConsensus.attribution(study))
  }

  static func keyFindings(_ study: StudyRun, into doc: inout ReportDocument) {
    doc.heading(2, "Key findings")
    var items: [String] = []
    for (pair, run) in study.pairs {
      let summary = MismatchAnalysis.pairSummary(run.summariesA)
      let split = summary.count(.split)
      items.append(
        "\(pair.a) against \(pair.b): \(run.a.features.count) units; "
          + MismatchClass.allCases.map { "\(summary.count($0)) \($0)" }.joined(separator: ", ")
          + "; coterminosity index \(FixedDecimal.format(summary.coterminosityIndex, decimals: 3))"
          + (split > 0 ? " (\(split) straddle \(pair.b) boundaries)" : ""))
    }
    if let first = study.layers.first, let coverage = study.coverage[first.config.name] {
      for category in coverage.categories {
        let rows = coverage.rows.filter { $0.category == category }
        let radius = rows.first?.radius ?? 0
        if study.population != nil {
          let total = rows.reduce(0) { $0 + ($1.population ?? 0) }
          let out = rows.reduce(0) { $0 + ($1.populationUncovered ?? 0) }
          items.append(
            "\(category): \(ReportText.integer(out)) of \(ReportText.integer(total)) residents of \(first.config.name) "
              + "(\(ReportText.percent(total > 0 ? out / total : 0))) live more than \(JSONValue.format(radius)) m from one"
          )
        } else {
          let area = rows.reduce(0) { $0 + $1.area }, gap = rows.reduce(0) { $0 + $1.gapArea }
          items.append(
            "\(category): \(ReportText.percent(area > 0 ? gap / area : 0)) of \(first.config.name) is more than \(JSONValue.format(radius)) m from one"
          )
        }
      }
    }
    items += ReportChange.findings(study)
    doc.list(items)
  }

  /// The part of the world a pair's map shows: the pair's community layers (where the study's
  /// people are), or nil (both layers) when neither is one. A UK-wide statutory layer would
  /// otherwise shrink England's neighbourhoods to a corner of the page.
  static func communityFrame(_ study: StudyRun, _ pair: StudyConfig.Pair) -> BoundingBox? {
    var frame = BoundingBox.empty
    for (config, layer) in study.layers
    where config.role == .community && [pair.a, pair.b].contains(config.name) {
      for feature in layer.features { frame.include(feature.geometry.boundingBox) }
    }
    return frame.isEmpty ? nil : frame
  }

  static func pairs(_ study: StudyRun, into doc: inout ReportDocument, clock: inout StageClock) throws {
    for (pair, run) in study.pairs {
      doc.heading(2, "\(pair.a) against \(pair.b)", anchor: ReportText.anchor("pair", pair.a, pair.b))
      let a = MismatchAnalysis.pairSummary(run.summariesA), b = MismatchAnalysis.pairSummary(run.summariesB)
      doc.table(
        ["layer", "units"] + MismatchClass.allCases.map(\.rawValue) + ["coterminosity index", "sliver area"],
        [
          [pair.a, "\(run.a.features.count)"] + MismatchClass.allCases.map { "\(a.count($0))" }
            + [
              FixedDecimal.format(a.coterminosityIndex, decimals: 3),
              ReportText.squareKilometres(a.sliverArea),
            ],
          [pair.b, "\(run.b.features.count)"] + MismatchClass.allCases.map { "\(b.count($0))" }
            + [
              FixedDecimal.format(b.coterminosityIndex, decimals: 3),
              ReportText.squareKilometres(b.sliverArea),
            ],
        ], numeric: Set(1...8))
      doc.paragraph(
        "Classes at τ = \(run.options.tolerance): coterminous (the same area), within (nests inside one unit of \(pair.b)), "
          + "aggregate (a clean union of whole units), split (straddles boundaries), outside (mostly not covered). "
          + "The coterminosity index is the area-weighted mean best share: 1 means identical geographies.")
      let overview = try ReportMaps.pairOverview(run, side: .a, frame: communityFrame(study, pair))
      clock.lap("report: map pair_\(pair.a)__\(pair.b).svg")
      let outlines =
        switch overview.outlines {
        case .dashed: "dashed"
        case .thin: "outlined thinly (its units are small at this scale)"
        case .omitted: "not drawn (its units are too small at this scale; see the cards and tables)"
        }
      doc.map(
        overview.svg, file: "pair_\(pair.a)__\(pair.b).svg",
        caption: "\(pair.a) coloured by class"
          + (overview.ownOutlines == .omitted
            ? " (units without outlines: they are small at this scale)" : "")
          + "; \(pair.b) \(outlines)")
      let worst = run.summariesA.filter {
        [.split, .outside].contains($0.mismatchClass) && $0.hausdorff != nil
      }
      .sorted {
        ($0.hausdorff!, run.a.features[$1.feature].id) > ($1.hausdorff!, run.a.features[$0.feature].id)
      }.prefix(5)
      if !worst.isEmpty {
        doc.heading(3, "Worst mismatches")
        doc.table(
          ["\(pair.a)", "class", "best \(pair.b)", "best share", "Hausdorff distance"],
          worst.map { s in
            [
              run.a.features[s.feature].label, s.mismatchClass.rawValue,
              s.best.map { run.b.features[$0].label } ?? "–",
              ReportText.percent(s.bestShare), FixedDecimal.format(s.hausdorff!, decimals: 0) + " m",
            ]
          }, numeric: [3, 4])
      }
      let slivers = run.overlay.pieces.filter(\.isSliver)
      doc.heading(3, "Slivers")
      if slivers.isEmpty {
        doc.paragraph(
          "No slivers (pieces narrower than \(JSONValue.format(run.options.sliverWidth)) m or smaller than \(JSONValue.format(run.options.minArea)) m²)."
        )
      } else {
        doc.paragraph(
          "\(slivers.count) slivers, \(ReportText.squareKilometres(slivers.reduce(0) { $0 + $1.area })) in all: boundary digitising noise, left out of the classes."
        )
        doc.table(
          ["\(pair.a)", "\(pair.b)", "area m²"],
          slivers.sorted { $0.area > $1.area }.prefix(10).map {
            [
              run.a.features[$0.a].label, run.b.features[$0.b].label,
              FixedDecimal.format($0.area, decimals: 0),
            ]
          }, numeric: [2])
      }
      clock.lap("report: pair \(pair.a) against \(pair.b) tables")
    }
  }

  /// Card maps per layer: beyond this a national layer would make a report too big to email.
  static let maximumCardMaps = 200

  static func cards(_ study: StudyRun, into doc: inout ReportDocument) throws {
    let cardLayers = study.pairs.map(\.pair.a).reduce(into: [String]()) {
      if !$0.contains($1) { $0.append($1) }
    }
    for name in cardLayers {
      guard let layer = study.layer(name) else { continue }
      doc.heading(2, "\(name): one card per unit", anchor: ReportText.anchor("cards", name))
      let order = layer.features.indices.sorted {
        (layer.features[$0].label, $0) < (layer.features[$1].label, $1)
      }
      if order.count > maximumCardMaps {
        doc.paragraph(
          "\(order.count) units: the first \(maximumCardMaps) cards (by name) carry a map; every card has its tables, "
            + "and units_\(name).geojson holds every unit with its figures.")
      }
      let piecesOfA = study.pairs.map { _, run in
        ReportText.positions(of: run.overlay.pieces.map(\.a), count: run.a.features.count)
      }
      let rowsOfUnit = study.coverage[name].map {
        ReportText.positions(of: $0.rows.map(\.unit), count: layer.features.count)
      }
      for (position, i) in order.enumerated() {
        let f = layer.features[i]
        doc.beginCard(anchor: ReportText.anchor("card", name, f.id))
        doc.heading(3, f.name.map { "\($0) (\(f.id))" } ?? f.id)
        var facts = ["Area \(ReportText.squareKilometres(f.geometry.polygonalArea))"]
        if let people = study.populations[name] {
          facts.append("population \(ReportText.integer(people[i]))")
        }
        doc.paragraph(facts.joined(separator: "; "))
        for (k, (pair, run)) in study.pairs.enumerated() where pair.a == name {
          let s = run.summariesA[i]
          let blocks = s.buildingBlocks.map { run.b.features[$0].label }.sorted()
          doc.heading(4, "Against \(pair.b): \(s.mismatchClass.rawValue)")
          doc.paragraph(
            "Best fit \(s.best.map { run.b.features[$0].label } ?? "none") (\(ReportText.percent(s.bestShare)) of this unit); "
              + "\(s.parts) part\(s.parts == 1 ? "" : "s"), uncovered \(ReportText.percent(s.uncoveredShare)); "
              + "building-block fit: \(blocks.isEmpty ? "none" : blocks.joined(separator: ", ")) with IoU \(FixedDecimal.format(s.buildingBlockIoU, decimals: 3))"
              + (s.hausdorff.map {
                "; boundaries disagree by up to \(FixedDecimal.format($0, decimals: 0)) m (Hausdorff)"
              } ?? ""))
          let pieces = piecesOfA[k][i].map { run.overlay.pieces[$0] }.sorted { $0.shareOfA > $1.shareOfA }
          let hasPeople = run.population != nil
          doc.table(
            ["\(pair.b)", "share of this unit", "share of the \(pair.b) unit", "area km²"]
              + (hasPeople ? ["people"] : []) + ["note"],
            pieces.map { p in
              [
                run.b.features[p.b].label, ReportText.percent(p.shareOfA), ReportText.percent(p.shareOfB),
                FixedDecimal.format(p.area / 1_000_000, decimals: 3),
              ] + (hasPeople ? [ReportText.decimal(p.population, 0)] : [])
                + [p.isSliver ? "sliver" : ""]
            }, numeric: hasPeople ? [1, 2, 3, 4] : [1, 2, 3])
        }
        ReportRegistrations.card(study, layer: name, feature: i, into: &doc)
        if position < maximumCardMaps, let (pair, run) = study.pairs.first(where: { $0.pair.a == name }) {
          doc.map(
            try ReportCards.map(run, i), file: "card_\(name)_\(ReportText.anchor(f.id)).svg",
            caption: "\(f.label) and the \(pair.b) units it overlaps")
        }
        if let coverage = study.coverage[name], let rowsOfUnit {
          let rows = rowsOfUnit[i].map { coverage.rows[$0] }
          let hasPeople = study.population != nil
          doc.table(
            ["asset", "reach", "inside", "reaching", "area covered"]
              + (hasPeople ? ["people out of reach"] : []) + ["nearest from centre"],
            rows.map { r in
              [
                r.category, "\(JSONValue.format(r.radius)) m", "\(r.assetsInside)", "\(r.assetsReaching)",
                ReportText.percent(r.coveredShare),
              ]
                + (hasPeople ? [ReportText.decimal(r.populationUncovered, 0)] : []) + [
                  r.nearest.map { FixedDecimal.format($0, decimals: 0) + " m" } ?? "–"
                ]
            }, numeric: hasPeople ? [1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5])
        }
        if let line = ReportChange.cardLine(study, layer: name, unit: i) { doc.paragraph(line) }
        doc.endCard()
      }
    }
  }

  static func coverage(_ study: StudyRun, into doc: inout ReportDocument, clock: inout StageClock) throws {
    guard !study.coverage.isEmpty else { return }
    doc.heading(2, "Asset coverage", anchor: "coverage")
    doc.paragraph(
      "Reach is a straight line from each asset (from the edge of polygon assets such as parks); "
        + "farthest distances are approximate (lower bounds from the gaps' inscribed circles).")
    for (entry, layer) in study.layers {
      guard let coverage = study.coverage[entry.name] else { continue }
      doc.heading(3, entry.name)
      let hasPeople = study.population != nil
      var rows: [[String]] = []
      for category in coverage.categories {
        let r = coverage.rows.filter { $0.category == category }
        let area = r.reduce(0) { $0 + $1.area }, gap = r.reduce(0) { $0 + $1.gapArea }
        let total = r.reduce(0) { $0 + ($1.population ?? 0) },
          out = r.reduce(0) { $0 + ($1.populationUncovered ?? 0) }
        rows.append(
          [
            category, "\(JSONValue.format(r.first?.radius ?? 0)) m",
            "\(study.assets.assets(in: category).count)",
            "\(r.filter { $0.assetsInside == 0 }.count) of \(layer.features.count)",
            ReportText.percent(area > 0 ? 1 - gap / area : 0),
          ]
            + (hasPeople ? [ReportText.integer(out), ReportText.percent(total > 0 ? out / total : 0)] : []))
      }
      doc.table(
        ["asset", "reach", "assets", "units with none inside", "area covered"]
          + (hasPeople ? ["people out of reach", "share"] : []),
        rows, numeric: hasPeople ? [1, 2, 4, 5, 6] : [1, 2, 4])
    }
    if let first = study.layers.first, let coverage = study.coverage[first.config.name] {
      for category in coverage.categories {
        let radius = coverage.rows.first { $0.category == category }?.radius ?? 0
        doc.map(
          try ReportMaps.gaps(
            layer: first.layer, coverage: coverage, category: category, assets: study.assets, radius: radius),
          file: "gaps_\(ReportText.anchor(category)).svg",
          caption: "Gaps in reach of \(category) across \(first.config.name)")
        clock.lap("report: map gaps_\(ReportText.anchor(category)).svg")
      }
    }
  }

  static func topology(_ study: StudyRun, into doc: inout ReportDocument) {
    doc.heading(2, "Overlaps and gaps inside each layer")
    doc.table(
      ["layer", "overlapping pairs", "overlap area", "gaps", "gap area"],
      study.layers.map { entry, _ in
        let r = study.topology[entry.name]
        return [
          entry.name, "\(r?.overlaps.count ?? 0)",
          ReportText.squareKilometres(r?.overlaps.reduce(0) { $0 + $1.area } ?? 0),
          "\(r?.gaps.count ?? 0)", ReportText.squareKilometres(r?.gaps.reduce(0) { $0 + $1.area } ?? 0),
        ]
      }, numeric: [1, 2, 3, 4])
  }

  static func inputs(_ study: StudyRun, into doc: inout ReportDocument, versions: JSONObject) {
    doc.heading(2, "Inputs, parameters and versions")
    var rows: [[String]] = []
    var all: [(String, String, String, Layer)] = study.layers.map {
      ($0.config.name, $0.config.role.rawValue, $0.config.file, $0.layer)
    }
    if let population = study.population, let source = study.config.population {
      all.append(("population", "population", source.file, population.layer))
    }
    all += study.assetLayers.map { ($0.config.category, "asset", $0.config.file, $0.layer) }
    all += (study.change?.beforeLayers ?? []).map {
      (
        "\($0.config.category) (\(study.change?.before.label ?? "before"))", "earlier asset",
        $0.config.before ?? "",
        $0.layer
      )
    }
    for (name, role, file, layer) in all {
      let r = layer.record
      rows.append([
        name, role, file, String((study.checksums[file] ?? "").prefix(12)),
        // The study's own words for a CRS the user gave: the entry's crs: key.
        "\(r.inputFeatures) read, \(layer.features.count) used",
        "\(r.sourceCRS) (\(r.crsBasis == .given ? "crs: in the config" : r.crsDecision))",
        r.operation.map { "\($0)" + (r.operationAccuracyMetres.map { ", ±\(JSONValue.format($0)) m" } ?? "") }
          ?? "none needed",
        "\(r.repairs.count)", "\(r.duplicateIDs.count)", "\(r.excluded.count)",
      ])
    }
    doc.table(
      [
        "layer", "role", "file", "sha256", "features", "CRS (how decided)", "transformation", "repaired",
        "duplicate ids", "excluded",
      ], rows)
    let notes = all.flatMap { name, _, _, layer in
      layer.record.repairs.map { "\(name) feature \($0.index) (\($0.id)) repaired: \($0.reason)" }
        + layer.record.excluded.map { "\(name) feature \($0.index) (\($0.id)) not used: \($0.reason)" }
        + layer.record.duplicateIDs.map {
          "\(name) id \($0.id) is used by features \($0.indices.map(String.init).joined(separator: ", ")) (all kept)"
        }
    }
    if !notes.isEmpty {
      doc.list(
        Array(notes.prefix(100))
          + (notes.count > 100 ? ["… \(notes.count - 100) more in input_features.csv"] : []))
    }
    doc.paragraph("Every input feature, used, repaired or excluded, is listed in input_features.csv.")
    let c = study.config
    doc.table(
      ["parameter", "value"],
      [
        ["tolerance τ", "\(c.tolerance)"], ["sliver width", "\(JSONValue.format(c.sliverWidth)) m"],
        ["minimum piece area", "\(JSONValue.format(c.minArea)) m²"],
        ["largest gap", "\(JSONValue.format(c.maxGapArea)) m²"],
        ["buffer segments per quarter circle", "\(c.quadrantSegments)"],
        ["working CRS", study.layers.first?.layer.crs ?? ""],
      ]
        + c.assets.map { ["reach of \($0.category)", "\(JSONValue.format($0.radius)) m"] })
    doc.paragraph(versions.map { "\($0.0) \($0.1.text ?? "")" }.joined(separator: ", "))
  }
}

/// Card maps (kept apart so the content code reads as prose).
enum ReportCards {
  static func map(_ run: OverlapRun, _ i: Int) throws -> String { try ReportMaps.card(run, feature: i) }
}
