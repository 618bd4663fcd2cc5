import Analysis
import Foundation
import GeoCore
import Layers

/// Writes the outputs of a change run (issue 19): change.csv (one row per unit × category),
/// lost.geojson and gained.geojson (each unit's pieces), assets_change.csv and summary.json.
public enum ChangeOutput {
  /// Writes every file into `directory` (atomically, each) and returns their names.
  @discardableResult
  public static func write(
    _ result: ChangeResult, units: Layer, before: AssetVintage, after: AssetVintage,
    population: PopulationLayer?,
    options: ChangeOptions, to directory: String, geoJSON: GeoJSONOutput, versions: JSONObject,
    inputs: [Layer]
  ) throws -> [String] {
    var folder = try OutputFolder(directory)
    func path(_ name: String) -> String { folder.path(name) }
    try table(result, units: units, hasPopulation: population != nil).write(to: path("change.csv"))
    try geoJSON.write(pieceFeatures(result.lost, units: units), to: path(geoJSON.fileName("lost")))
    try geoJSON.write(pieceFeatures(result.gained, units: units), to: path(geoJSON.fileName("gained")))
    try assetTable(result, hasPopulation: population != nil).write(to: path("assets_change.csv"))
    let summary = summaryJSON(
      result, units: units, before: before, after: after, population: population, options: options,
      versions: versions, inputs: inputs, files: folder.names + ["summary.json"])
    try AtomicFile.write(summary.prettyJSON + "\n", to: path("summary.json"))
    return folder.names
  }

  /// change.csv, sorted by unit id then category order.
  public static func table(_ result: ChangeResult, units: Layer, hasPopulation: Bool) -> CSVWriter {
    var header = [
      "unit_id", "unit_name", "category", "radius_m", "lost_area_m2", "gained_area_m2", "nearest_m_before",
      "nearest_m_after",
    ]
    if hasPopulation {
      header += [
        "population_lost", "population_gained", "population_net_change", "population_covered_before",
        "population_covered_after",
      ]
    }
    var csv = CSVWriter(header: header)
    let rows = UnitCategoryOrder.sorted(
      result.rows, units: units, categories: result.categories, unit: \.unit, category: \.category)
    for row in rows {
      csv.text(units.features[row.unit].id)
      csv.text(units.features[row.unit].name)
      csv.text(row.category)
      csv.number(row.radius, decimals: 0)
      csv.number(row.lostArea, decimals: 2)
      csv.number(row.gainedArea, decimals: 2)
      csv.number(row.nearestBefore, decimals: 1)
      csv.number(row.nearestAfter, decimals: 1)
      if hasPopulation {
        csv.number(row.populationLost, decimals: 2)
        csv.number(row.populationGained, decimals: 2)
        csv.number(row.populationNetChange, decimals: 2)
        csv.number(row.populationCoveredBefore, decimals: 2)
        csv.number(row.populationCoveredAfter, decimals: 2)
      }
      csv.endRow()
    }
    return csv
  }

  /// Lost or gained pieces as features, sorted by unit id then category.
  public static func pieceFeatures(_ pieces: [ChangePiece], units: Layer) -> [(
    geometry: FlatGeometry?, properties: JSONObject
  )] {
    pieces.sorted {
      (units.features[$0.unit].id, $0.category, $0.unit) < (units.features[$1.unit].id, $1.category, $1.unit)
    }.map { piece in
      var properties: JSONObject = [
        "unit_id": .string(units.features[piece.unit].id),
        "unit_name": units.features[piece.unit].name.map { .string($0) } ?? .null,
        "category": .string(piece.category), "area_m2": .number(rounded(piece.area, 2)),
      ]
      if let population = piece.population { properties["population"] = .number(rounded(population, 2)) }
      return (piece.geometry, properties)
    }
  }

  /// assets_change.csv: every asset of both dates once, by category, then id.
  public static func assetTable(_ result: ChangeResult, hasPopulation: Bool) -> CSVWriter {
    var header = ["category", "id", "name", "status", "distance_m", "sole_reach_area_m2"]
    if hasPopulation { header.append("sole_reach_population") }
    header.append("before_assets_at_same_spot")
    var csv = CSVWriter(header: header)
    let categoryOrder = Dictionary(uniqueKeysWithValues: result.categories.enumerated().map { ($1, $0) })
    let statusOrder = Dictionary(uniqueKeysWithValues: AssetStatus.allCases.enumerated().map { ($1, $0) })
    let rows = result.assets.sorted {
      (categoryOrder[$0.category, default: 0], $0.id, statusOrder[$0.status, default: 0], $0.before ?? -1)
        < (categoryOrder[$1.category, default: 0], $1.id, statusOrder[$1.status, default: 0], $1.before ?? -1)
    }
    for row in rows {
      csv.text(row.category)
      csv.text(row.id)
      csv.text(row.name)
      csv.text(row.status.rawValue)
      csv.number(row.distance, decimals: 1)
      csv.number(row.soleReachArea, decimals: 2)
      if hasPopulation { csv.number(row.soleReachPopulation, decimals: 2) }
      if row.sharesSpotWith > 0 { csv.integer(row.sharesSpotWith) } else { csv.text(nil) }
      csv.endRow()
    }
    return csv
  }

  /// Totals of one category: areas, people, units losing people, counts by asset status.
  public static func totals(_ result: ChangeResult, category: String, hasPopulation: Bool) -> JSONObject {
    let rows = result.rows.filter { $0.category == category }
    let assets = result.assets.filter { $0.category == category }
    func count(_ status: AssetStatus) -> Double { Double(assets.count { $0.status == status }) }
    var entry: JSONObject = [
      "category": .string(category), "radius_m": .number(rows.first?.radius ?? 0),
      "assets_before": .number(Double(assets.count { $0.before != nil })),
      "assets_after": .number(Double(assets.count { $0.after != nil })),
      "closed": .number(count(.closed) + count(.mergedAtSite)),
      "closed_merged_at_site": .number(count(.mergedAtSite)),
      "opened": .number(count(.opened)), "moved": .number(count(.moved)), "stayed": .number(count(.stayed)),
      "lost_area_m2": .number(rounded(rows.reduce(0) { $0 + $1.lostArea }, 2)),
      "gained_area_m2": .number(rounded(rows.reduce(0) { $0 + $1.gainedArea }, 2)),
      "covered_area_before_m2": .number(rounded(rows.reduce(0) { $0 + $1.coveredAreaBefore }, 2)),
      "covered_area_after_m2": .number(rounded(rows.reduce(0) { $0 + $1.coveredAreaAfter }, 2)),
      "units_losing_area": .number(Double(rows.count { $0.lostArea > 0 })),
      "units_gaining_area": .number(Double(rows.count { $0.gainedArea > 0 })),
    ]
    if hasPopulation {
      func sum(_ value: (ChangeRow) -> Double?) -> JSONValue {
        .number(rounded(rows.reduce(0) { $0 + (value($1) ?? 0) }, 2))
      }
      entry["population"] = sum(\.population)
      entry["population_lost"] = sum(\.populationLost)
      entry["population_gained"] = sum(\.populationGained)
      entry["population_net_change"] = sum(\.populationNetChange)
      entry["population_covered_before"] = sum(\.populationCoveredBefore)
      entry["population_covered_after"] = sum(\.populationCoveredAfter)
      entry["units_losing_people"] = .number(Double(rows.count { ($0.populationLost ?? 0) > 0.5 }))
      entry["units_gaining_people"] = .number(Double(rows.count { ($0.populationGained ?? 0) > 0.5 }))
      entry["sole_reach_population_of_closed"] = .number(
        rounded(assets.reduce(0) { $0 + ($1.soleReachPopulation ?? 0) }, 2))
    }
    entry["closed_sharing_a_spot"] = .number(Double(assets.count { $0.sharesSpotWith > 0 }))
    return entry
  }

  static func summaryJSON(
    _ result: ChangeResult, units: Layer, before: AssetVintage, after: AssetVintage,
    population: PopulationLayer?,
    options: ChangeOptions, versions: JSONObject, inputs: [Layer], files: [String]
  ) -> JSONValue {
    var parameters: JSONObject = [
      "before_label": .string(before.label), "after_label": .string(after.label),
      "radii_m": .string(options.coverage.radii.description),
      "quadrant_segments": .number(Double(options.coverage.quadrantSegments)),
      "moved_distance_m": .number(options.movedDistance),
      "reach": .string("straight-line (Euclidean) distance in \(units.crs)"),
      "units_losing_people": .string("units with population_lost > 0.5"),
    ]
    switch result.matching {
    case .identifier(let field):
      parameters["asset_matching"] = .object(["by": .string("id field"), "field": .string(field)])
    case .location(let reasons):
      parameters["asset_matching"] = .object([
        "by": .string("location: an after asset within the moved distance, closest pairs first"),
        "why": .array(reasons.map { .string($0) }),
      ])
    }
    if let population {
      parameters["population"] = .object([
        "layer": .string(population.name), "field": .string(population.field),
      ])
    }
    return .object([
      "versions": .object(versions), "inputs": .array(inputs.map(\.summaryJSON)),
      "parameters": .object(parameters), "units": .number(Double(units.features.count)),
      "categories": .array(
        result.categories.map { .object(totals(result, category: $0, hasPopulation: population != nil)) }),
      "files": .array(files.map { .string($0) }),
    ])
  }
}
