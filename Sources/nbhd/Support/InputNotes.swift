import Layers

/// Console lines for what loading the inputs changed or left out — repaired and excluded features,
/// duplicate ids — so a run that succeeds never hides them (summary.json lists them all).
enum InputNotes {
  /// Lines per kind of note and layer before the rest is counted instead.
  static let shown = 5

  static func lines(_ layers: [Layer]) -> [String] {
    var lines: [String] = []
    for layer in layers {
      let record = layer.record
      let head = "  note: \(layer.source):"
      for (notes, verb) in [(record.repairs, "repaired"), (record.excluded, "excluded")] {
        for note in notes.prefix(shown) {
          lines.append("\(head) feature \(note.index) (\(note.id)) \(verb): \(note.reason)")
        }
        if notes.count > shown {
          lines.append("\(head) \(notes.count - shown) more features \(verb) (see summary.json)")
        }
      }
      for duplicate in record.duplicateIDs.prefix(shown) {
        let features = duplicate.indices.prefix(10).map(String.init).joined(separator: ", ")
        lines.append("\(head) id \"\(duplicate.id)\" is used by features \(features) (all kept)")
      }
      if record.duplicateIDs.count > shown {
        lines.append(
          "\(head) \(record.duplicateIDs.count - shown) more ids used more than once (see summary.json)")
      }
    }
    return lines
  }
}
