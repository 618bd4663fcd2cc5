import GeoCore

/// Builds the report in two forms at once: Markdown (maps as linked SVG files) and one
/// self-contained HTML page (maps inline, CSS inline, no scripts, no external requests). Every
/// piece of text is escaped for both.
struct ReportDocument {
  private(set) var markdown = ""
  private(set) var body = ""
  /// Maps to write next to report.md: file name → SVG.
  private(set) var mapFiles: [(name: String, svg: String)] = []
  private var headingCount = 0

  mutating func heading(_ level: Int, _ text: String, anchor: String? = nil) {
    markdown += "\n" + String(repeating: "#", count: level) + " " + Self.markdownEscaped(text) + "\n\n"
    let id = anchor.map { " id=\"\($0.xmlEscaped)\"" } ?? ""
    body += "<h\(level)\(id)>\(text.xmlEscaped)</h\(level)>\n"
  }

  mutating func paragraph(_ text: String) {
    markdown += Self.markdownEscaped(text) + "\n\n"
    body += "<p>\(text.xmlEscaped)</p>\n"
  }

  /// A bulleted list.
  mutating func list(_ items: [String]) {
    guard !items.isEmpty else { return }
    for item in items { markdown += "- " + Self.markdownEscaped(item) + "\n" }
    markdown += "\n"
    body += "<ul>\n" + items.map { "<li>\($0.xmlEscaped)</li>\n" }.joined() + "</ul>\n"
  }

  /// A table; `numeric` marks right-aligned columns.
  mutating func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) {
    guard !rows.isEmpty else { return }
    markdown += "| " + header.map(Self.cellEscaped).joined(separator: " | ") + " |\n"
    markdown += "|" + header.indices.map { numeric.contains($0) ? "---:|" : "---|" }.joined() + "\n"
    for row in rows { markdown += "| " + row.map(Self.cellEscaped).joined(separator: " | ") + " |\n" }
    markdown += "\n"
    body +=
      "<table>\n<thead><tr>" + header.map { "<th>\($0.xmlEscaped)</th>" }.joined()
      + "</tr></thead>\n<tbody>\n"
    for row in rows {
      body +=
        "<tr>"
        + row.enumerated().map { i, cell in
          numeric.contains(i) ? "<td class=\"n\">\(cell.xmlEscaped)</td>" : "<td>\(cell.xmlEscaped)</td>"
        }.joined() + "</tr>\n"
    }
    body += "</tbody>\n</table>\n"
  }

  /// A map: inline in the HTML, a linked file in Markdown.
  mutating func map(_ svg: String, file: String, caption: String) {
    mapFiles.append((file, svg))
    markdown += "![\(Self.markdownEscaped(caption))](maps/\(file))\n\n"
    // The SVG's own XML prolog is not allowed inside HTML.
    let inline =
      svg.hasPrefix("<?xml")
      ? String(svg[(svg.firstIndex(of: "\n").map { svg.index(after: $0) } ?? svg.startIndex)...]) : svg
    body +=
      "<figure>\n\(Self.scoped(inline, figure: mapFiles.count))\n<figcaption>\(caption.xmlEscaped)</figcaption>\n</figure>\n"
  }

  /// The SVG with its style rules and ids made its own: inline SVGs share one HTML document, where
  /// a later map's `.l0s3` rule or `#hatch-0` pattern would otherwise restyle every earlier map.
  /// Every id and reference (`id="`, `url(#`, `href="#`, `aria-labelledby="`) gets the figure's
  /// prefix, the first `<svg ` its `data-figure`, and every class rule (a line starting with `.`)
  /// a selector for it. One pass over the UTF-8 bytes: a national gaps map is megabytes, and
  /// replacing each pattern in turn through NSString cost a second per report.
  static func scoped(_ svg: String, figure: Int) -> String {
    let prefix = Array("f\(figure)-".utf8)
    let rulePrefix = Array("svg[data-figure=\"\(figure)\"] ".utf8)
    let svgTag = Array("<svg ".utf8)
    let figureAttribute = Array("data-figure=\"\(figure)\" ".utf8)
    var svg = svg
    return svg.withUTF8 { text in
      var out: [UInt8] = []
      out.reserveCapacity(text.count + text.count / 8)
      var svgTagSeen = false
      var i = 0
      var lineStart = true
      while i < text.count {
        let byte = text[i]
        if lineStart && byte == UInt8(ascii: ".") && Self.startsWithFullStop(text, at: i) {
          out.append(contentsOf: rulePrefix)
        }
        // Lines as `split(separator: "\n")` sees them: "\r\n" is one character, not a line end.
        lineStart = byte == 10 && (i == 0 || text[i - 1] != 13)
        if Self.endsReference(at: i, in: text) {
          out.append(byte)
          out.append(contentsOf: prefix)
        } else if !svgTagSeen && byte == UInt8(ascii: " ") && Self.ends(svgTag, at: i, in: text) {
          svgTagSeen = true
          out.append(byte)
          out.append(contentsOf: figureAttribute)
        } else {
          out.append(byte)
        }
        i += 1
      }
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// The references whose value `scoped` prefixes.
  private static let references = ["url(#", " id=\"", "aria-labelledby=\"", "href=\"#"].map { Array($0.utf8) }

  /// Whether a reference pattern ends at byte `i` (no pattern can overlap another or itself, so
  /// finding them by their ends, left to right, finds what replacing each in turn would).
  private static func endsReference(at i: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
    let byte = text[i]
    guard byte == UInt8(ascii: "#") || byte == UInt8(ascii: "\"") else { return false }
    return references.contains { ends($0, at: i, in: text) }
  }

  /// Whether the character at byte `i` (a `.`) is a full stop on its own, not the base of a
  /// combined character (as `hasPrefix(".")` decides).
  private static func startsWithFullStop(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
    guard i + 1 < text.count, text[i + 1] >= 0x80 else { return true }
    return String(decoding: text[i..<min(text.count, i + 64)], as: UTF8.self).first == "."
  }

  /// Whether `pattern` ends at byte `i` of `text`.
  private static func ends(_ pattern: [UInt8], at i: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
    guard i + 1 >= pattern.count else { return false }
    var k = pattern.count - 1, j = i
    while k >= 0 {
      if text[j] != pattern[k] { return false }
      k -= 1
      j -= 1
    }
    return true
  }

  /// Starts a card (a box in HTML; a rule in Markdown).
  mutating func beginCard(anchor: String) {
    body += "<section class=\"card\" id=\"\(anchor.xmlEscaped)\">\n"
  }

  mutating func endCard() {
    body += "</section>\n"
    markdown += "---\n\n"
  }

  /// The whole HTML page.
  /// The HTML page in three parts, head, body and end, to be written one after another without
  /// joining them (the body of a national report is tens of megabytes).
  func htmlParts(title: String) -> [String] {
    [
      """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
      <title>\(title.xmlEscaped)</title>
      <style>\(Self.css)</style>
      </head>
      <body>
      <main>

      """,
      body,
      """
      </main>
      </body>
      </html>

      """,
    ]
  }

  static let css = """
    body{font-family:Helvetica,Arial,sans-serif;color:#222;margin:0;background:#f6f6f4}
    main{max-width:1100px;margin:0 auto;padding:24px 32px;background:#fff}
    h1{font-size:26px;margin:8px 0 4px}h2{font-size:20px;border-bottom:2px solid #0072B2;padding-bottom:4px;margin-top:36px}
    h3{font-size:16px;margin-top:24px}h4{font-size:14px;margin:16px 0 6px}
    table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
    th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
    th{background:#f0f4f8}td.n{text-align:right;font-variant-numeric:tabular-nums}
    figure{margin:12px 0}figure svg{max-width:100%;height:auto;border:1px solid #eee}
    figcaption{font-size:12px;color:#555}
    .card{border:1px solid #ccd;border-radius:6px;padding:4px 16px 12px;margin:16px 0;background:#fcfcff}
    p,li{font-size:14px;line-height:1.45}
    """

  /// Markdown text with the characters that would start markup escaped (`<` as an entity so a
  /// name such as `<script>` stays inert text in any renderer; `~` for GitHub's strikethrough;
  /// `|` and line breaks so a name cannot split a table row).
  static func markdownEscaped(_ text: String) -> String {
    // Most names and numbers need nothing: one byte scan instead of a character-by-character copy
    // (a national report escapes every cell of thousands of cards).
    guard text.utf8.contains(where: { markdownSpecial[Int($0)] }) else { return text }
    var out = ""
    for character in text {
      switch character {
      case "<", ">", "&": out += MarkupEscaping.entity(for: character) ?? ""
      case "\\", "`", "*", "_", "[", "]", "#", "|", "~": out += "\\" + String(character)
      case "\n", "\r": out += " "
      default: out.append(character)
      }
    }
    return out
  }

  static func cellEscaped(_ text: String) -> String { markdownEscaped(text) }

  /// The bytes of the characters `markdownEscaped` changes (all ASCII).
  private static let markdownSpecial: [Bool] = {
    var table = [Bool](repeating: false, count: 256)
    for character in "<>&\\`*_[]#|~\n\r".utf8 { table[Int(character)] = true }
    return table
  }()
}
