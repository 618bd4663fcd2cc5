import Foundation
import GeoCore
import Maps
import Testing

/// Scale bar, labels, determinism and file writing on the real Trafford extract.
@Suite struct FurnitureTests {
  @Test func roundLengths() {
    #expect(ScaleBar.roundLength(near: 3200) == 5000)
    #expect(ScaleBar.roundLength(near: 1400) == 1000)
    #expect(ScaleBar.roundLength(near: 1500) == 2000)
    #expect(ScaleBar.roundLength(near: 0.7) == 0.5)
    #expect(ScaleBar.text(metres: 500) == "500 m")
    #expect(ScaleBar.text(metres: 2000) == "2 km")
  }

  @Test func scaleBarMatchesAKnownDistanceOnThePage() throws {
    let rendering = try TraffordFixture.map().rendering()
    let bar = try #require(rendering.scaleBar)
    // Two points 3 km apart (a 3-4-5 triangle: 1.8 km east, 2.4 km north) near Altrincham.
    let a = rendering.projection.page(x: 377_000, y: 386_000)
    let b = rendering.projection.page(x: 378_800, y: 388_400)
    let pixelsFor3km = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
    #expect(abs(bar.lengthPixels - pixelsFor3km * bar.lengthMetres / 3000) < 1e-6)
    // The bar drawn in the file says the same, and is about a fifth of the map's width.
    let svg = rendering.svg
    let metres = try #require(attribute("data-length-m", in: svg).flatMap(Double.init))
    let pixels = try #require(attribute("data-length-px", in: svg).flatMap(Double.init))
    #expect(metres == bar.lengthMetres)
    #expect(abs(pixels - pixelsFor3km * metres / 3000) <= 0.05)
    let mapWidth = rendering.projection.frame.width
    #expect(pixels > mapWidth / 10 && pixels < mapWidth / 2.5)
    #expect([1.0, 2, 5].contains(metres / pow(10, (log10(metres)).rounded(.down))))
  }

  @Test func labelsNeverOverlap() throws {
    let rendering = try TraffordFixture.map(width: 500, height: 400).rendering()
    let labels = rendering.labels
    #expect(!labels.isEmpty)
    for (i, a) in labels.enumerated() {
      #expect(a.fontSize >= 8 && a.fontSize <= 16)
      for b in labels[(i + 1)...] { #expect(!a.box.overlaps(b.box), "\(a.lines) overlaps \(b.lines)") }
    }
    #expect(rendering.svg.components(separatedBy: "<text x=").count - 1 >= labels.count)
  }

  @Test func collidingLabelsKeepTheLargestUnit() {
    let options = LabelOptions()
    let small = LabelCandidate(
      text: "Hale", centre: PagePoint(x: 100, y: 100), radius: 40, priority: 1, featureID: "a")
    let large = LabelCandidate(
      text: "Bowdon", centre: PagePoint(x: 105, y: 102), radius: 40, priority: 2, featureID: "b")
    let tiny = LabelCandidate(
      text: "Broadheath", centre: PagePoint(x: 300, y: 100), radius: 5, priority: 3, featureID: "c")
    let placed = LabelPlacer.place(
      [small, large, tiny], options: options, bounds: PageRect(x: 0, y: 0, width: 400, height: 400))
    #expect(placed.map(\.featureID) == ["b"])
    // A 40 px circle holds "Bowdon" at the maximum size: 80 / √(3.6² + 1) = 21.4 > 16.
    #expect(placed.first?.fontSize == 16)
  }

  @Test func fontSizeFitsTheInscribedCircle() throws {
    // 2r / √((0.6·n)² + 1) with r = 10, n = 6: 20 / √13.96 = 5.35, below the minimum of 8.
    #expect(LabelPlacer.fit(text: "Bowdon", radius: 10, options: LabelOptions()) == nil)
    let fit = try #require(LabelPlacer.fit(text: "Bowdon", radius: 20, options: LabelOptions()))
    #expect(abs(fit.fontSize - 40 / (3.6 * 3.6 + 1).squareRoot()) < 1e-9)
  }

  @Test func renderingIsDeterministic() throws {
    let first = try TraffordFixture.map().render()
    let second = try TraffordFixture.map().render()
    #expect(first == second)
    #expect(first.contains("vector-effect:non-scaling-stroke"))
    #expect(first.contains(MapDocument.defaultAttribution.xmlEscaped.prefix(40)))
  }

  @Test func legendCountsEveryWard() throws {
    let svg = try TraffordFixture.map().render()
    // Three quantile classes of five wards: 2, 1, 2 (interpolated breaks at 1/3 and 2/3).
    let counts = svg.components(separatedBy: "<tspan dx=\"4\" fill=\"#777777\">(").dropFirst().compactMap {
      Int($0.prefix { $0.isNumber })
    }
    #expect(counts.reduce(0, +) == 5)
    #expect(counts.count == 3)
  }

  @Test func writesAtomically() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("maps-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("map.svg").path
    try TraffordFixture.map().write(toFile: path)
    try TraffordFixture.map().write(toFile: path)
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(written == (try TraffordFixture.map().render()))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["map.svg"])
    #expect(throws: MapError.self) {
      try TraffordFixture.map().write(toFile: directory.path + "/missing/map.svg")
    }
  }

  private func attribute(_ name: String, in svg: String) -> String? {
    guard let start = svg.range(of: name + "=\"") else { return nil }
    return String(svg[start.upperBound...].prefix { $0 != "\"" })
  }
}

/// Features without a value are hatched grey and counted as "No data".
@Suite struct NoDataTests {
  @Test func missingValuesAreHatched() throws {
    var wards = try TraffordFixture.wards()
    wards[1].value = nil
    var map = MapDocument(width: 700, height: 500, title: "Ward area with a missing value")
    map.add(
      PolygonLayer(
        title: "Wards", features: wards,
        symbology: .choropleth(Choropleth(method: .equalInterval(2), valueName: "Area (km²)"))))
    let svg = try map.render()
    #expect(svg.contains("<pattern id=\"hatch-0\""))
    #expect(svg.contains("{fill:url(#hatch-0);stroke:#9e9e9e}"))
    #expect(svg.contains(">No data<tspan dx=\"4\" fill=\"#777777\">(1)</tspan>"))
    if let directory = SampleMaps.directory {
      try AtomicFile.write(svg, to: directory + "/no_data_check.svg")
    }
  }
}
