import Foundation
import Testing

@testable import Study

/// Inline maps made their own in report.html: the one-pass `ReportDocument.scoped` gives what
/// replacing each reference in turn and prefixing each rule line gives (the way it was done
/// before, kept here as the reference).
@Suite struct ReportDocumentScopingTests {
  static func reference(_ svg: String, figure: Int) -> String {
    let prefix = "f\(figure)-"
    var text = svg.replacingOccurrences(of: "url(#", with: "url(#\(prefix)")
    text = text.replacingOccurrences(of: " id=\"", with: " id=\"\(prefix)")
    text = text.replacingOccurrences(of: "aria-labelledby=\"", with: "aria-labelledby=\"\(prefix)")
    text = text.replacingOccurrences(of: "href=\"#", with: "href=\"#\(prefix)")
    if let start = text.range(of: "<svg ") {
      text.replaceSubrange(start, with: "<svg data-figure=\"\(figure)\" ")
    }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.hasPrefix(".") ? "svg[data-figure=\"\(figure)\"] " + line : String(line)
    }.joined(separator: "\n")
  }

  @Test func sameAsReplacingEachReference() {
    let svg = """
      <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="map-title">
      <title id="map-title">Café &amp; url(#x) ✓</title>
      <style>
      .l0s1{fill:#E69F00}
      .l0s2{fill:url(#hatch-0)}
      </style>
      <defs><pattern id="hatch-0"/></defs><g clip-path="url(#map-frame)"><use href="#pt-0" x="1"/>
      <g id="layer-0" data-id="x">id="no space" href="#a"url(#url(#</g>\r
      .not-a-rule-after-crlf
      <svg class="inner"> .mid-line
      .é
      .\u{301}combined
      """
    #expect(ReportDocument.scoped(svg, figure: 12) == Self.reference(svg, figure: 12))
    #expect(ReportDocument.scoped(svg, figure: 12).contains("url(#f12-hatch-0)"))
    #expect(ReportDocument.scoped(".a{}\n", figure: 1) == "svg[data-figure=\"1\"] .a{}\n")
    #expect(ReportDocument.scoped("", figure: 1) == "")
  }

  @Test func markdownEscapingLeavesPlainTextAlone() {
    #expect(ReportDocument.markdownEscaped("Hale Barns 12.5%") == "Hale Barns 12.5%")
    #expect(ReportDocument.markdownEscaped("a_b <c> | d") == "a\\_b &lt;c&gt; \\| d")
  }
}
