/// A polygon layer's symbology worked out for its features: which style each feature gets,
/// what its tooltip says about its value, and the legend rows.
struct ResolvedSymbology {
  /// The distinct styles, in legend order.
  var styles: [LayerStyle] = []
  /// Index into `styles` for every feature.
  var featureStyle: [Int] = []
  /// The class (choropleth) or category written as `data-class`, per feature.
  var featureClass: [String?] = []
  /// The tooltip's second line per feature ("Residents per km²: 1,234"), if any.
  var featureValueText: [String?] = []
  /// The legend block.
  var legend: LegendSection

  /// Resolves `layer`; `neighbours` (from the arc topology) is used to keep touching
  /// categories apart.
  init(layer: PolygonLayer, neighbours: () -> [[Int]]) {
    legend = LegendSection(heading: layer.title, rows: [])
    switch layer.symbology {
    case .single(let style):
      styles = [style]
      featureStyle = Array(repeating: 0, count: layer.features.count)
      featureClass = Array(repeating: nil, count: layer.features.count)
      featureValueText = layer.features.map { $0.category }
      legend.rows = [LegendRow(swatch: .area(style), label: layer.title, count: nil)]
      legend.heading = ""
    case .choropleth(let choropleth):
      resolveChoropleth(choropleth, features: layer.features)
    case .categories(let categories):
      resolveCategories(categories, features: layer.features, neighbours: neighbours)
    }
  }

  private mutating func resolveChoropleth(_ choropleth: Choropleth, features: [MapFeature]) {
    let values = features.map { $0.value ?? .nan }
    let breaks = ClassBreaks(values: values, method: choropleth.method)
    let colors = choropleth.palette.colors(count: breaks.count)
    styles = colors.map { choropleth.base.with(fill: .color($0)) } + [choropleth.noData]
    let noDataIndex = styles.count - 1
    var narrowest = Double.infinity
    for k in 0..<breaks.count {
      let (lower, upper) = breaks.range(ofClass: k)
      if upper > lower { narrowest = min(narrowest, upper - lower) }
    }
    let decimals = choropleth.decimals ?? NumberText.decimals(forStep: narrowest)
    let counts = breaks.counts(of: values)
    var missing = 0
    for value in values {
      let index = breaks.classIndex(of: value)
      featureStyle.append(index ?? noDataIndex)
      featureClass.append(index.map(String.init))
      if index == nil { missing += 1 }
      featureValueText.append(
        index == nil
          ? "\(choropleth.valueName): no data"
          : "\(choropleth.valueName): \(NumberText.grouped(value, decimals: decimals))")
    }
    legend.heading = choropleth.valueName
    let hasValues = values.contains { $0.isFinite }
    if hasValues {
      for k in 0..<breaks.count {
        let (lower, upper) = breaks.range(ofClass: k)
        let text =
          "\(NumberText.grouped(lower, decimals: decimals)) – \(NumberText.grouped(upper, decimals: decimals))"
        legend.rows.append(LegendRow(swatch: .area(styles[k]), label: text, count: counts[k]))
      }
    }
    if missing > 0 {
      legend.rows.append(LegendRow(swatch: .area(choropleth.noData), label: "No data", count: missing))
    }
  }

  private mutating func resolveCategories(
    _ categories: CategoryColors, features: [MapFeature], neighbours: () -> [[Int]]
  ) {
    let assigned: [CategoryColor]
    switch categories.assignment {
    case .fixed(let mapping):
      assigned = mapping
    case .cycling(let palette):
      let names = Set(features.compactMap(\.category)).sorted()
      let colors = palette.isEmpty ? [Color.grey] : palette
      assigned = names.enumerated().map { CategoryColor($1, colors[$0 % colors.count]) }
    case .distinctFromNeighbours(let palette):
      assigned = CategoryGraphColoring.assign(
        features: features, neighbours: neighbours(), palette: palette.isEmpty ? [Color.grey] : palette)
    }
    var styleOfCategory: [String: Int] = [:]
    var legendOrder: [(name: String, style: Int)] = []
    for category in assigned where styleOfCategory[category.name] == nil {
      styleOfCategory[category.name] = styles.count
      legendOrder.append((category.name, styles.count))
      styles.append(categories.base.with(fill: .color(category.color)))
    }
    styles.append(categories.noData)
    let noDataIndex = styles.count - 1
    var counts = Array(repeating: 0, count: styles.count)
    for feature in features {
      let index = feature.category.flatMap { styleOfCategory[$0] } ?? noDataIndex
      featureStyle.append(index)
      counts[index] += 1
      featureClass.append(feature.category)
      featureValueText.append(feature.category.map { "\(categories.heading): \($0)" })
    }
    legend.heading = categories.heading
    for entry in legendOrder {
      legend.rows.append(
        LegendRow(swatch: .area(styles[entry.style]), label: entry.name, count: counts[entry.style]))
    }
    if counts[noDataIndex] > 0 {
      legend.rows.append(
        LegendRow(swatch: .area(categories.noData), label: "No data", count: counts[noDataIndex]))
    }
  }
}

/// Greedy colouring of categories over the graph of shared boundaries.
enum CategoryGraphColoring {
  static func assign(features: [MapFeature], neighbours: [[Int]], palette: [Color]) -> [CategoryColor] {
    let names = Set(features.compactMap(\.category)).sorted()
    var indexOf: [String: Int] = [:]
    for (k, name) in names.enumerated() { indexOf[name] = k }
    var adjacent = [Set<Int>](repeating: [], count: names.count)
    for (f, list) in neighbours.enumerated() {
      guard let a = features[f].category.flatMap({ indexOf[$0] }) else { continue }
      for g in list {
        guard let b = features[g].category.flatMap({ indexOf[$0] }), a != b else { continue }
        adjacent[a].insert(b)
        adjacent[b].insert(a)
      }
    }
    // Most-connected first (Welsh–Powell), ties by name: the hard cases get first pick.
    let order = names.indices.sorted {
      adjacent[$0].count != adjacent[$1].count ? adjacent[$0].count > adjacent[$1].count : $0 < $1
    }
    var colorIndex = [Int](repeating: -1, count: names.count)
    var usedOverall = [Int](repeating: 0, count: palette.count)
    for category in order {
      var usedByNeighbours = [Int](repeating: 0, count: palette.count)
      for other in adjacent[category] where colorIndex[other] >= 0 {
        usedByNeighbours[colorIndex[other]] += 1
      }
      // Fewest neighbours with that colour (none, when the palette allows), then the colour used
      // least so far, so the whole palette is spread over the map rather than its first four.
      var best = 0
      for c in palette.indices
      where (usedByNeighbours[c], usedOverall[c]) < (usedByNeighbours[best], usedOverall[best]) { best = c }
      colorIndex[category] = best
      usedOverall[best] += 1
    }
    return names.enumerated().map { CategoryColor($1, palette[colorIndex[$0]]) }
  }
}
