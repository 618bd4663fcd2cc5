/// A label that wants a place: its text and the largest circle inside its polygon.
public struct LabelCandidate: Sendable, Hashable {
  /// The label text.
  public var text: String
  /// Centre of the polygon's maximum inscribed circle, on the page.
  public var centre: PagePoint
  /// Radius of that circle, in pixels.
  public var radius: Double
  /// Larger goes first when labels collide (the polygon's area).
  public var priority: Double
  /// The feature it belongs to (written as `data-id`).
  public var featureID: String

  /// A label candidate.
  public init(text: String, centre: PagePoint, radius: Double, priority: Double, featureID: String) {
    self.text = text
    self.centre = centre
    self.radius = radius
    self.priority = priority
    self.featureID = featureID
  }
}

/// A label that was drawn.
public struct PlacedLabel: Sendable, Hashable {
  /// The lines of text, top to bottom.
  public var lines: [String]
  /// Centre of the text block.
  public var centre: PagePoint
  /// Font size in pixels.
  public var fontSize: Double
  /// The estimated text box (what collisions are tested against).
  public var box: PageRect
  /// The feature it belongs to.
  public var featureID: String
}

/// Places labels inside polygons, largest text that fits first, never two on top of each other.
public enum LabelPlacer {
  /// Average glyph advance as a fraction of the font size: a fair estimate for a sans-serif
  /// font with mixed case, without measuring glyphs (no font files are read).
  public static let characterWidth = 0.6
  /// Line height as a multiple of the font size.
  static let lineHeight = 1.15

  /// The estimated box of `lines` at `fontSize` centred on `centre`.
  public static func box(lines: [String], fontSize: Double, centre: PagePoint) -> PageRect {
    let longest = lines.map(\.count).max() ?? 0
    let width = Double(longest) * fontSize * characterWidth
    let height = fontSize * (1 + lineHeight * Double(max(0, lines.count - 1)))
    return PageRect(x: centre.x - width / 2, y: centre.y - height / 2, width: width, height: height)
  }

  /// The line breaks and font size at which `text` fits in a circle of `radius`, or `nil` when
  /// even `options.minimumFontSize` does not fit. The text box's corners must lie inside the
  /// circle: (w/2)² + (h/2)² ≤ r².
  public static func fit(text: String, radius: Double, options: LabelOptions) -> (
    lines: [String], fontSize: Double
  )? {
    var best: (lines: [String], fontSize: Double)?
    for lines in lineChoices(text, allowsTwoLines: options.allowsTwoLines) {
      let longest = Double(lines.map(\.count).max() ?? 0)
      let widthFactor = longest * characterWidth
      let heightFactor = 1 + lineHeight * Double(lines.count - 1)
      let size = min(
        options.maximumFontSize,
        2 * radius / (widthFactor * widthFactor + heightFactor * heightFactor).squareRoot())
      // Prefer one line unless two lines give a clearly larger font.
      if best.map({ size > $0.fontSize * 1.15 }) ?? true { best = (lines, size) }
    }
    guard let best, best.fontSize >= options.minimumFontSize else { return nil }
    return best
  }

  /// Places candidates in priority order (largest first; ties in input order), skipping any whose
  /// box would overlap an already placed label, one of `obstacles`, or leave `bounds`.
  /// `padding` pixels are kept free around every label.
  public static func place(
    _ candidates: [LabelCandidate], options: LabelOptions, bounds: PageRect, obstacles: [PageRect] = [],
    padding: Double = 2
  ) -> [PlacedLabel] {
    let order = candidates.indices.sorted {
      candidates[$0].priority != candidates[$1].priority
        ? candidates[$0].priority > candidates[$1].priority : $0 < $1
    }
    var placed: [PlacedLabel] = []
    var taken = obstacles
    for index in order {
      let candidate = candidates[index]
      guard !candidate.text.isEmpty,
        let (lines, fontSize) = fit(text: candidate.text, radius: candidate.radius, options: options)
      else { continue }
      let box = box(lines: lines, fontSize: fontSize, centre: candidate.centre)
      guard box.x >= bounds.x, box.y >= bounds.y, box.maxX <= bounds.maxX, box.maxY <= bounds.maxY else {
        continue
      }
      let padded = box.insetBy(-padding)
      if taken.contains(where: { $0.overlaps(padded) }) { continue }
      taken.append(padded)
      placed.append(
        PlacedLabel(
          lines: lines, centre: candidate.centre, fontSize: fontSize, box: box, featureID: candidate.featureID
        ))
    }
    return placed
  }

  /// The text on one line, and (when allowed) broken at the space nearest its middle.
  static func lineChoices(_ text: String, allowsTwoLines: Bool) -> [[String]] {
    var choices = [[text]]
    guard allowsTwoLines else { return choices }
    let characters = Array(text)
    let middle = characters.count / 2
    var bestSpace: Int?
    for (i, c) in characters.enumerated() where c == " " {
      if bestSpace.map({ abs(i - middle) < abs($0 - middle) }) ?? true { bestSpace = i }
    }
    if let space = bestSpace, space > 0, space < characters.count - 1 {
      choices.append([String(characters[..<space]), String(characters[(space + 1)...])])
    }
    return choices
  }
}
