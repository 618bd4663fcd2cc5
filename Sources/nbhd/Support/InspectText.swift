import GeoCore
import Layers

/// The text form of `nbhd inspect`.
enum InspectText {
  static func describe(_ layer: Layer) -> String {
    let record = layer.record
    var lines: [String] = [layer.source]
    func row(_ label: String, _ value: String) {
      lines.append("  " + label.padding(toLength: 15, withPad: " ", startingAt: 0) + value)
    }
    let types = record.geometryTypes.map { "\($0.type) \(Count.grouped($0.count))" }.joined(separator: ", ")
    row("features", "\(Count.grouped(record.inputFeatures)) (\(types.isEmpty ? "none" : types))")
    // The library says the user gave the CRS; this command's way to give it is --crs.
    row("CRS", "\(record.sourceCRS) (\(record.crsBasis == .given ? "--crs option" : record.crsDecision))")
    let box = record.sourceBoundingBox
    row(
      "extent",
      box.isEmpty
        ? "empty"
        : "[\(Count.short(box.minX)), \(Count.short(box.minY)), "
          + "\(Count.short(box.maxX)), \(Count.short(box.maxY))] in \(record.sourceCRS)")
    if let operation = record.operation {
      let accuracy =
        record.operationAccuracyMetres.map { ", accuracy \(Count.short($0)) m" } ?? ", accuracy unknown"
      row("working CRS", "\(layer.crs) via \(operation)\(accuracy)")
    } else {
      row("working CRS", "\(layer.crs) (no transformation needed)")
    }
    row("id field", "\(layer.fields.id) (\(layer.fields.how))")
    row("name field", layer.fields.name ?? "none")
    list(&lines, "invalid", record.repairs, none: "none")
    list(&lines, "excluded", record.excluded, none: "none (every feature is usable)")
    if record.duplicateIDs.isEmpty {
      row("duplicate ids", "none")
    } else {
      row("duplicate ids", "\(record.duplicateIDs.count) ids used more than once (every feature kept):")
      for duplicate in record.duplicateIDs.prefix(50) {
        let shown = duplicate.indices.prefix(10).map(String.init).joined(separator: ", ")
        let more = duplicate.indices.count > 10 ? " … (\(duplicate.indices.count) in all)" : ""
        lines.append("                   \(duplicate.id) at features \(shown)\(more)")
      }
    }
    if !record.missingIDs.isEmpty { list(&lines, "missing ids", record.missingIDs, none: "none") }
    for note in record.notes { row("note", note) }
    return lines.joined(separator: "\n")
  }

  private static func list(_ lines: inout [String], _ label: String, _ notes: [FeatureNote], none: String) {
    let head = "  " + label.padding(toLength: 15, withPad: " ", startingAt: 0)
    guard !notes.isEmpty else {
      lines.append(head + none)
      return
    }
    lines.append(head + "\(notes.count):")
    for note in notes.prefix(100) {
      lines.append("                   feature \(note.index) (\(note.id)): \(note.reason)")
    }
    if notes.count > 100 { lines.append("                   … and \(notes.count - 100) more (see --json)") }
  }
}

/// Number formatting for text output.
enum Count {
  /// 34753 → "34,753".
  static func grouped(_ n: Int) -> String { FixedDecimal.grouped(n) }

  /// A short decimal: up to 6 significant decimals, no trailing zeros.
  static func short(_ x: Double) -> String {
    let rounded = (x * 1_000_000).rounded() / 1_000_000
    return JSONValue.format(rounded)
  }
}
