import Analysis
import Foundation
import GeoCore
import Reports

/// The text `nbhd overlap` prints.
enum OverlapText {
  static func describe(_ run: OverlapRun, files: [String]) -> String {
    var lines: [String] = []
    let pieces = run.overlay.pieces
    lines.append(
      "\(run.a.name) × \(run.b.name): \(Count.grouped(pieces.count)) pieces (\(Count.grouped(pieces.filter(\.isSliver).count)) slivers), "
        + "total \(FixedDecimal.format(run.totalPieceArea, decimals: 0)) m²")
    lines.append(
      "  work: \(Count.grouped(run.overlay.candidatePairs)) candidate pairs, \(Count.grouped(run.overlay.containedPairs)) by containment, "
        + "\(Count.grouped(run.overlay.intersectedPairs)) intersected")
    for (label, layer, summaries) in [("A", run.a, run.summariesA), ("B", run.b, run.summariesB)]
    where run.scope == .full {
      let pair = MismatchAnalysis.pairSummary(summaries)
      let counts = pair.classCounts.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
      lines.append(
        "  \(label) \(layer.name) (\(layer.features.count)): \(counts); coterminosity index \(FixedDecimal.format(pair.coterminosityIndex, decimals: 3))"
      )
    }
    // Written out by now, so found (the write threw whatever their search threw).
    if let topology = try? run.topology() {
      for (label, report) in [("A", topology.a), ("B", topology.b)] {
        lines.append(
          "  topology \(label): \(report.overlaps.count) overlapping pairs, \(report.gaps.count) gaps")
      }
    }
    lines += InputNotes.lines([run.a, run.b])
    lines.append(
      "  wrote \(files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")) in \(((files.first ?? "") as NSString).deletingLastPathComponent)"
    )
    return lines.joined(separator: "\n")
  }
}
