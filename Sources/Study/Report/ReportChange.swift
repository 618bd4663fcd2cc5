import Analysis
import Foundation
import GeoCore
import Layers
import Maps
import Reports

/// The report's "What changed" (issue 19): who lost and who gained reach of each category of
/// asset between the two dates, the map of it, and each unit card's change line.
enum ReportChange {
  /// How a category reads in a sentence ("a GP practice", "a pharmacy").
  static func noun(_ category: String) -> String {
    switch category.lowercased() {
    case "gp", "gps", "gp_practice", "gp_practices", "gp practice", "gp practices": "GP practice"
    default: category
    }
  }

  static func isGP(_ category: String) -> Bool { noun(category) == "GP practice" }

  /// What every GP figure must say: the NHS lists give main sites only, and whose people they are.
  static func caveats(_ study: StudyRun, categories: [String]) -> [String] {
    var notes: [String] = []
    if categories.contains(where: isGP) {
      notes.append(
        "The NHS practice lists give main practice sites only: branch surgeries are in neither file, so reach "
          + "is measured from main sites.")
    }
    if let population = study.population {
      let census = population.people.field.contains("2021") ? " (Census 2021)" : ""
      notes.append(
        "People are \(population.people.field)\(census) from \(population.layer.name); the same residents are "
          + "counted at both dates, so the change is the change in reach alone.")
    }
    return notes
  }

  /// The first area layer's change, the one the key findings and the section describe.
  static func main(_ study: StudyRun) -> (
    name: String, layer: Layer, result: ChangeResult, change: StudyChange
  )? {
    guard let change = study.change, let first = study.layers.first,
      let result = change.results[first.config.name]
    else { return nil }
    return (first.config.name, first.layer, result, change)
  }

  /// summary.json's `change`: the labels and, per area layer, the totals of each category
  /// (nil without `before:` files).
  static func summary(_ study: StudyRun) -> JSONValue? {
    guard let change = study.change else { return nil }
    var layers = JSONObject()
    for (entry, _) in study.layers {
      guard let result = change.results[entry.name] else { continue }
      layers[entry.name] = .array(
        result.categories.map {
          .object(ChangeOutput.totals(result, category: $0, hasPopulation: study.population != nil))
        })
    }
    return .object([
      "before_label": .string(change.before.label), "after_label": .string(change.after.label),
      "layers": .object(layers),
    ])
  }

  /// One sentence per category for the key findings.
  static func findings(_ study: StudyRun) -> [String] {
    guard let (name, _, result, change) = main(study) else { return [] }
    let hasPeople = study.population != nil
    return result.categories.map { category in
      let t = ChangeOutput.totals(result, category: category, hasPopulation: hasPeople)
      func n(_ key: String) -> Double { t[key]?.numberValue ?? 0 }
      let reach = "within \(distance(n("radius_m")))"
      let dates = "between \(change.before.label) and \(change.after.label)"
      let assets =
        "\(ReportText.integer(n("closed"))) closed (\(ReportText.integer(n("closed_merged_at_site"))) merged at a site), "
        + "\(ReportText.integer(n("opened"))) opened, \(ReportText.integer(n("moved"))) moved"
      if hasPeople {
        return
          "\(ReportText.integer(n("population_lost"))) residents of \(name) lost a \(noun(category)) \(reach) \(dates); "
          + "\(ReportText.integer(n("population_gained"))) gained one (\(assets))"
      }
      return
        "\(ReportText.squareKilometres(n("lost_area_m2"))) of \(name) lost a \(noun(category)) \(reach) \(dates); "
        + "\(ReportText.squareKilometres(n("gained_area_m2"))) gained one (\(assets))"
    }
  }

  static func distance(_ metres: Double) -> String {
    metres >= 1000 && metres.truncatingRemainder(dividingBy: 1000) == 0
      ? "\(JSONValue.format(metres / 1000)) km" : "\(JSONValue.format(metres)) m"
  }

  /// The "What changed" section.
  static func section(_ study: StudyRun, into doc: inout ReportDocument) throws {
    guard let (name, layer, result, change) = main(study) else { return }
    let hasPeople = study.population != nil
    doc.heading(2, "What changed: \(change.before.label) to \(change.after.label)", anchor: "change")
    doc.paragraph(
      "Reach lost is ground within reach of an asset at \(change.before.label) and of none at "
        + "\(change.after.label); reach gained the other way round (the same radii as above, straight-line). "
        + matchingSentence(result.matching, before: change.before.label, after: change.after.label))
    doc.list(findings(study) + caveats(study, categories: result.categories))
    var rows: [[String]] = []
    for category in result.categories {
      let t = ChangeOutput.totals(result, category: category, hasPopulation: hasPeople)
      func n(_ key: String) -> String { ReportText.integer(t[key]?.numberValue ?? 0) }
      rows.append(
        [
          category, n("assets_before"), n("assets_after"), "\(n("closed")) (\(n("closed_merged_at_site")))",
          n("opened"), n("moved"),
        ]
          + (hasPeople
            ? [
              n("population_lost"), n("population_gained"), n("population_net_change"),
              n("population_covered_before"), n("population_covered_after"),
            ]
            : [
              ReportText.squareKilometres(t["lost_area_m2"]?.numberValue ?? 0),
              ReportText.squareKilometres(t["gained_area_m2"]?.numberValue ?? 0),
            ]))
    }
    doc.table(
      ["asset", change.before.label, change.after.label, "closed (merged at a site)", "opened", "moved"]
        + (hasPeople
          ? [
            "people lost reach", "people gained reach", "net", "covered \(change.before.label)",
            "covered \(change.after.label)",
          ]
          : ["area lost", "area gained"]),
      rows, numeric: Set(1..<(hasPeople ? 11 : 8)))
    for category in result.categories {
      let radius = result.rows.first { $0.category == category }?.radius ?? 0
      doc.heading(3, "\(category): reach lost and gained")
      doc.map(
        try map(layer: layer, result: result, change: change, category: category, radius: radius),
        file: "change_\(ReportText.anchor(category)).svg",
        caption:
          "Reach of \(category) lost (orange) and gained (green) across \(name), \(change.before.label) to "
          + "\(change.after.label); closed, merged and opened assets marked")
      let units = result.rows.filter { $0.category == category && ($0.lostArea > 0 || $0.gainedArea > 0) }
        .sorted {
          (-($0.populationLost ?? $0.lostArea), layer.features[$0.unit].id)
            < (-($1.populationLost ?? $1.lostArea), layer.features[$1.unit].id)
        }
        .filter { ($0.populationLost ?? $0.lostArea) > 0 }
      if !units.isEmpty {
        doc.paragraph(
          "Units of \(name) that lost most (\(min(10, units.count)) of the \(units.count) that lost any):")
        doc.table(
          [
            name, hasPeople ? "people lost reach" : "area lost",
            hasPeople ? "people gained reach" : "area gained",
            "nearest \(change.before.label)", "nearest \(change.after.label)",
          ],
          units.prefix(10).map { r in
            [
              layer.features[r.unit].label,
              hasPeople ? ReportText.decimal(r.populationLost, 0) : ReportText.squareKilometres(r.lostArea),
              hasPeople
                ? ReportText.decimal(r.populationGained, 0) : ReportText.squareKilometres(r.gainedArea),
              r.nearestBefore.map { FixedDecimal.format($0, decimals: 0) + " m" } ?? "–",
              r.nearestAfter.map { FixedDecimal.format($0, decimals: 0) + " m" } ?? "–",
            ]
          }, numeric: [1, 2, 3, 4])
      }
      let gone = result.assets.filter { $0.category == category && $0.status.isGone }
        .sorted {
          (-($0.soleReachPopulation ?? $0.soleReachArea ?? 0), $0.id)
            < (-($1.soleReachPopulation ?? $1.soleReachArea ?? 0), $1.id)
        }
      if !gone.isEmpty {
        doc.paragraph(
          "Closures by the reach only they gave (their reach less every other \(change.before.label) asset's and "
            + "less the reach at \(change.after.label)); assets closed at the same spot share their reach, so "
            + "none of them has any alone:")
        doc.table(
          ["id", "name", "status", "people only it reached", "area only it reached", "note"],
          gone.prefix(10).map { a in
            [
              a.id, a.name ?? "", a.status.rawValue.replacingOccurrences(of: "_", with: " "),
              ReportText.decimal(a.soleReachPopulation, 0), ReportText.squareKilometres(a.soleReachArea ?? 0),
              a.sharesSpotWith > 0
                ? "shared its spot with \(a.sharesSpotWith) other asset\(a.sharesSpotWith == 1 ? "" : "s")"
                : (a.status == .mergedAtSite
                  ? "an asset within \(JSONValue.format(a.distance ?? 0)) m remains" : ""),
            ]
          }, numeric: [3, 4])
      }
    }
  }

  static func matchingSentence(_ matching: AssetMatchingMethod, before: String, after: String) -> String {
    switch matching {
    case .identifier(let field):
      "Assets are matched across the dates by \(field); one within 100 m of a \(after) asset when it closed is "
        + "counted as merged at a site."
    case .location(let reasons):
      "No id field could match the assets (\(reasons.prefix(3).joined(separator: "; "))), so they are matched by "
        + "location: an asset within 100 m at both dates is the same asset."
    }
  }

  /// Each unit's change line on its card.
  static func cardLine(_ study: StudyRun, layer name: String, unit: Int) -> String? {
    guard let change = study.change, let result = change.results[name] else { return nil }
    let parts = result.rows.filter { $0.unit == unit }.map { r -> String in
      let nearest =
        switch (r.nearestBefore, r.nearestAfter) {
        case (let b?, let a?) where abs(a - b) >= 0.5:
          "; nearest from \(FixedDecimal.format(b, decimals: 0)) m to \(FixedDecimal.format(a, decimals: 0)) m"
        default: ""
        }
      if let lost = r.populationLost, let gained = r.populationGained {
        if lost < 0.5 && gained < 0.5 { return "\(r.category): no change in residents' reach\(nearest)" }
        return
          "\(r.category): \(ReportText.integer(lost)) residents lost reach, \(ReportText.integer(gained)) gained\(nearest)"
      }
      return
        "\(r.category): \(ReportText.squareKilometres(r.lostArea)) lost reach, "
        + "\(ReportText.squareKilometres(r.gainedArea)) gained\(nearest)"
    }
    guard !parts.isEmpty else { return nil }
    return "Change \(change.before.label) to \(change.after.label): " + parts.joined(separator: "; ")
  }

  /// The units, the ground that lost and gained reach, and the closed, merged and opened assets.
  static func map(layer: Layer, result: ChangeResult, change: StudyChange, category: String, radius: Double)
    throws
    -> String
  {
    var map = MapDocument(
      width: 900, height: 700,
      title:
        "Reach of \(category) within \(distance(radius)): \(change.before.label) to \(change.after.label)",
      subtitle: "\(layer.name); lost reach orange, gained reach green")
    // Changes are small beside a whole study area: frame the ground that changed (and the assets
    // that closed, merged or opened) with a reach's margin, showing every unit it touches.
    var changed = BoundingBox.empty
    for piece in result.lost + result.gained where piece.category == category {
      changed.include(piece.geometry.boundingBox)
    }
    for asset in result.assets where asset.category == category && asset.status != .stayed {
      if let b = asset.before { changed.include(change.before.assets.assets[b].geometry.boundingBox) }
      if let a = asset.after { changed.include(change.after.assets.assets[a].geometry.boundingBox) }
    }
    let whole = layer.boundingBox
    let framed = changed.expanded(by: radius)
    if !changed.isEmpty, framed.width * framed.height < 0.5 * whole.width * whole.height {
      map.extent = framed
    }
    let shown = layer.features.indices.filter {
      map.extent?.intersects(layer.features[$0].geometry.boundingBox) ?? true
    }
    map.add(
      PolygonLayer(
        title: layer.name, features: shown.map { ReportMaps.feature(layer, $0) },
        symbology: .single(.filled(Color(0xF2F2F2), stroke: .darkGrey, strokeWidth: 0.6)),
        labels: shown.count <= 40 ? LabelOptions(minimumFontSize: 7, maximumFontSize: 11) : nil))
    for (title, pieces, colour) in [
      ("reach lost", result.lost, Color(0xD55E00)), ("reach gained", result.gained, Color(0x009E73)),
    ] {
      let features = pieces.filter { $0.category == category }.map { piece in
        MapFeature(
          id: layer.features[piece.unit].id, name: "\(title) in \(layer.features[piece.unit].label)",
          geometry: piece.geometry, value: piece.population)
      }
      map.add(
        PolygonLayer(
          title: title, features: features,
          symbology: .single(
            LayerStyle(fill: .color(colour), stroke: colour, strokeWidth: 0.4, fillOpacity: 0.7))))
    }
    var points: [MapFeature] = []
    for asset in result.assets where asset.category == category {
      // Opened and moved assets are drawn where they are at the later date.
      let later = asset.status == .opened || asset.status == .moved
      let source = later ? change.after.assets : change.before.assets
      guard let position = later ? asset.after : asset.before else { continue }
      let geometry = source.assets[position].geometry
      guard geometry.kind.isPuntal else { continue }
      let status = asset.status == .mergedAtSite ? "merged at a site" : asset.status.rawValue
      points.append(
        MapFeature(
          id: asset.id, name: "\(asset.name ?? asset.id) (\(status))", geometry: geometry, category: status))
    }
    map.add(
      PointLayer(
        title: category, features: points,
        categories: [
          PointCategory("stayed", symbol: .circle, color: Color(0x0072B2), size: 5),
          PointCategory(
            "moved", label: "moved (new site)", symbol: .diamond, color: Color(0x56B4E9), size: 8),
          PointCategory("closed", symbol: .cross, color: Color(0xD55E00), size: 11),
          PointCategory("merged at a site", symbol: .square, color: Color(0xCC79A7), size: 9),
          PointCategory("opened", symbol: .triangle, color: Color(0x009E73), size: 10),
        ]))
    return try map.render()
  }
}
