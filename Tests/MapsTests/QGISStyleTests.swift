import Testing

@testable import Maps

@Suite struct QGISStyleTests {
  /// Quantile breaks of 1…8 in four classes are 2.75, 4.5, 6.25 (numpy's default quantiles), the
  /// same the SVG legend shows; each class takes viridis's colour.
  @Test func choroplethIsGraduatedWithTheMapsBreaks() {
    let qml = QGISStyle.polygons(
      .choropleth(Choropleth(method: .quantile(4), palette: .viridis, valueName: "people")), field: "people",
      values: [1, 2, 3, 4, 5, 6, 7, 8])
    #expect(qml.contains("<renderer-v2 type=\"graduatedSymbol\" attr=\"people\""))
    #expect(qml.contains("lower=\"1\" upper=\"2.75\""))
    #expect(qml.contains("lower=\"2.75\" upper=\"4.5\""))
    #expect(qml.contains("lower=\"4.5\" upper=\"6.25\""))
    #expect(qml.contains("lower=\"6.25\" upper=\"8\""))
    let colours = Palette.viridis.colors(count: 4)
    for colour in colours {
      #expect(qml.contains("<prop k=\"color\" v=\"\(colour.red),\(colour.green),\(colour.blue),255\"/>"))
    }
    #expect(qml.contains("<mode name=\"Quantile\"/>"))
  }

  @Test func categoriesKeepTheirFixedColoursAndHatchTheRest() {
    let qml = QGISStyle.polygons(.categories(.mismatchClasses()), field: "class")
    #expect(qml.contains("value=\"coterminous\" label=\"coterminous\""))
    #expect(qml.contains("<prop k=\"color\" v=\"0,158,115,255\"/>"))  // coterminous #009E73
    // Everything else: the grey "no data" hatch.
    #expect(qml.contains("value=\"\" label=\"No data\""))
    #expect(qml.contains("class=\"LinePatternFill\""))
  }

  @Test func agreementIsShadedFromTheCore() {
    let qml = QGISStyle.agreement()
    #expect(qml.contains("attr=\"agreement\""))
    #expect(qml.contains("lower=\"0\" upper=\"0.5\""))
    #expect(qml.contains("lower=\"0.875\" upper=\"1\""))
  }

  @Test func namesAreEscaped() {
    let qml = QGISStyle.points([PointCategory("a&b", symbol: .circle, color: .black)], field: "kind\"x")
    #expect(qml.contains("attr=\"kind&quot;x\""))
    #expect(qml.contains("value=\"a&amp;b\""))
  }
}
