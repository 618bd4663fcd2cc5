/// Where the title, map, legend and attribution go on the page.
struct PageLayout {
  let titleBaseline: Double
  let subtitleBaseline: Double
  let mapFrame: PageRect
  let legendPanel: PageRect?
  let attributionLines: [String]
  let attributionTop: Double

  static let padding = 12.0
  static let titleSize = 20.0
  static let subtitleSize = 13.0
  static let attributionSize = 9.5

  init(document: MapDocument, legendWidth: Double?) throws(MapError) {
    let width = Double(document.width), height = Double(document.height)
    guard document.width >= 200, document.height >= 150 else {
      throw .invalidPage("\(document.width)×\(document.height) px is too small; use at least 200×150")
    }
    let pad = PageLayout.padding
    var top = pad
    if !document.title.isEmpty {
      titleBaseline = top + PageLayout.titleSize
      top = titleBaseline + 8
    } else {
      titleBaseline = 0
    }
    if document.subtitle != nil {
      subtitleBaseline = top + PageLayout.subtitleSize
      top = subtitleBaseline + 8
    } else {
      subtitleBaseline = 0
    }
    attributionLines = PageLayout.wrap(
      document.attribution, width: width - 2 * pad, characterWidth: PageLayout.attributionSize * 0.55)
    let attributionHeight = Double(attributionLines.count) * PageLayout.attributionSize * 1.3
    attributionTop = height - pad - attributionHeight
    let bottom = attributionTop - 6
    if let legendWidth {
      let panelWidth = min(max(legendWidth, 150), width * 0.4)
      legendPanel = PageRect(x: width - pad - panelWidth, y: top, width: panelWidth, height: bottom - top)
      mapFrame = PageRect(x: pad, y: top, width: width - 3 * pad - panelWidth, height: bottom - top)
    } else {
      legendPanel = nil
      mapFrame = PageRect(x: pad, y: top, width: width - 2 * pad, height: bottom - top)
    }
    guard mapFrame.width >= 50, mapFrame.height >= 50 else {
      throw .invalidPage("no room left for the map after title, legend and attribution")
    }
  }

  /// Greedy word wrap by estimated width.
  static func wrap(_ text: String, width: Double, characterWidth: Double) -> [String] {
    let limit = max(10, Int(width / characterWidth))
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= limit {
        line += " " + word
      } else {
        lines.append(line)
        line = String(word)
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}
