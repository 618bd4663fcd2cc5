import Analysis
import Foundation
import GeoCore
import Maps
import Reports

/// The report's part on layers given as residents' drawings: per neighbourhood, how many drew
/// it, how far they agree, the outliers and its agreement map, before the fit with statutory
/// layers.
enum ReportConsensus {
  /// One section per sketch layer.
  static func section(_ study: StudyRun, into doc: inout ReportDocument) throws {
    for (entry, _) in study.layers {
      guard let run = study.consensus[entry.name] else { continue }
      let own = entry.attribution.map { [$0] } ?? []
      let records = run.drawings.records
      doc.heading(2, "Resident drawings: \(entry.name)", anchor: "drawings-\(entry.name)")
      func m2(_ value: Double) -> String { FixedDecimal.format(value, decimals: 0) + " m²" }
      doc.paragraph(
        "\(records.count) drawings in \((run.layer.source as NSString).lastPathComponent): "
          + "\(records.filter(\.isUsed).count) used (\(records.filter { $0.status == .repaired }.count) repaired), "
          + "\(records.filter { $0.status == .excluded }.count) excluded, "
          + "\(records.filter { $0.status == .replaced }.count) replaced by the same respondent's later drawing. "
          + "\(run.neighbourhoods.count) neighbourhoods; \(run.map.territories.count) with at least "
          + "\(run.options.minimumDrawings) drawings make the map (each place to the neighbourhood with the highest "
          + "agreement, if at least \(run.options.mapLevel)): claimed \(m2(run.map.claimedArea)), contested "
          + "\(m2(run.map.contestedArea)), unclaimed \(m2(run.map.unclaimedArea)). The layer \(entry.name) below is "
          + "that map.")
      doc.map(
        try ConsensusMaps.overview(run, attribution: own), file: "consensus_\(entry.name).svg",
        caption: "\(entry.name): the neighbourhood map from residents' drawings; contested ground hatched")
      let excluded = records.filter { $0.status == .excluded }
      if !excluded.isEmpty {
        doc.paragraph("Drawings left out (the run goes on without them):")
        doc.list(excluded.map { "feature \($0.index) (\($0.name ?? "no name")): \($0.reason)" })
      }
      doc.table(
        ["neighbourhood", "drawings", "agreement index", "core m²", "union m²", "outliers", "note"],
        run.neighbourhoods.enumerated().map { i, agreement in
          [
            agreement.name, "\(agreement.drawingCount)",
            FixedDecimal.format(agreement.agreementIndex, decimals: 3),
            FixedDecimal.format(agreement.coreArea, decimals: 0),
            FixedDecimal.format(agreement.unionArea, decimals: 0), "\(run.outlierCounts[i])", run.flags[i],
          ]
        }, numeric: [1, 2, 3, 4, 5])
      doc.heading(3, "Agreement per neighbourhood")
      for i in run.neighbourhoods.indices {
        let agreement = run.neighbourhoods[i]
        doc.beginCard(anchor: "agreement-\(entry.name)-\(agreement.name)")
        doc.heading(4, agreement.name)
        let outliers = agreement.drawings.filter { run.drawings.records[$0].isOutlier }.sorted()
        doc.paragraph(
          "\(agreement.drawingCount) drawings; agreement index "
            + FixedDecimal.format(agreement.agreementIndex, decimals: 3)
            + " (core \(m2(agreement.coreArea)) of "
            + "\(m2(agreement.unionArea)) drawn by anyone)"
            + (outliers.isEmpty
              ? ""
              : "; outliers (IoU with the core below \(run.options.outlierIoU)): "
                + outliers.map { "feature \($0)" }.joined(separator: ", "))
            + (run.flags[i].isEmpty ? "" : "; \(run.flags[i])") + ".")
        doc.map(
          try ConsensusMaps.agreement(run, neighbourhood: i, attribution: own),
          file: "consensus_\(entry.name)_" + ConsensusMaps.fileName(agreement.name),
          caption: "\(agreement.name): share of drawings covering each place, core outlined")
        doc.endCard()
      }
    }
  }

  /// The attribution lines the report's data ask for: the OGL/OS/ONS/NHS lines for Great
  /// Britain data only, then each layer's own.
  static func attribution(_ study: StudyRun) -> [String] {
    let crs = study.layers.first?.layer.crs ?? "EPSG:27700"
    var lines: [String] = []
    if !MapDocument.attribution(forWorkingCRS: crs).isEmpty {
      lines = [
        "Contains public sector information licensed under the Open Government Licence v3.0.",
        "Contains National Statistics data © Crown copyright and database right 2024.",
        "Contains OS data © Crown copyright and database right 2024.",
        "Contains NHS England / NHS Digital data, Open Government Licence v3.0.",
      ]
    }
    lines += study.layers.compactMap { $0.config.attribution.map { line in line } }
    return lines
  }
}
