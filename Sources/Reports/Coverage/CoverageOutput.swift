import Analysis
import Foundation
import GeoCore
import Layers

/// Writes the outputs of a coverage run (issue 4): coverage.csv (one row per unit × category),
/// gaps.geojson, assets.geojson (assets with the unit they stand in; .gpkg in a GeoPackage
/// output), summary.json.
public enum CoverageOutput {
  /// Writes the four files into `directory` (created if needed), GeoJSON through `geoJSON`;
  /// returns the names written. `inputs` are listed in summary.json with what loading did.
  @discardableResult
  public static func write(
    _ result: CoverageResult, units: Layer, assets: AssetSet, population: PopulationLayer?,
    options: CoverageOptions,
    to directory: String, geoJSON: GeoJSONOutput, versions: JSONObject, inputs: [Layer]
  ) throws -> [String] {
    var folder = try OutputFolder(directory)
    let csvPath = folder.path("coverage.csv"), gapsPath = folder.path(geoJSON.fileName("gaps"))
    let assetsPath = folder.path(geoJSON.fileName("assets"))
    let files = folder.names + ["summary.json"], summaryPath = folder.path("summary.json")
    // The gaps (national: 22,507 polygons reprojected and encoded in parallel) are most of the
    // writing; the table and the assets are written, and the summary made, beside them on
    // another thread. The summary, which lists the other files, is written once they all are.
    let summary = try Concurrently.run(
      threads: options.threads,
      other: {
        try table(result, units: units, hasPopulation: population != nil).write(to: csvPath)
        try geoJSON.write(assetFeatures(result, units: units, assets: assets), to: assetsPath)
        return summaryJSON(
          result, units: units, assets: assets, population: population, options: options, versions: versions,
          inputs: inputs, files: files
        ).prettyJSON + "\n"
      },
      here: { try geoJSON.write(gapFeatures(result, units: units), to: gapsPath) }
    ).other
    try AtomicFile.write(summary, to: summaryPath)
    return folder.names
  }

  /// coverage.csv, sorted by unit id then category order.
  public static func table(_ result: CoverageResult, units: Layer, hasPopulation: Bool) -> CSVWriter {
    var header = [
      "unit_id", "unit_name", "category", "radius_m", "assets_inside", "assets_reaching", "area_m2",
      "covered_share",
      "gap_m2", "largest_gap_m2",
    ]
    if hasPopulation {
      header += [
        "population", "population_covered", "population_uncovered", "share_population_covered",
        "assets_per_1000",
      ]
    }
    header += ["nearest_m", "nearest_from", "farthest_m_approx"]
    var csv = CSVWriter(header: header)
    let rows = UnitCategoryOrder.sorted(
      result.rows, units: units, categories: result.categories, unit: \.unit, category: \.category)
    for row in rows {
      csv.text(units.features[row.unit].id)
      csv.text(units.features[row.unit].name)
      csv.text(row.category)
      csv.number(row.radius, decimals: 0)
      csv.integer(row.assetsInside)
      csv.integer(row.assetsReaching)
      csv.number(row.area, decimals: 2)
      csv.number(row.coveredShare, decimals: 6)
      csv.number(row.gapArea, decimals: 2)
      csv.number(row.largestGapArea, decimals: 2)
      if hasPopulation {
        csv.number(row.population, decimals: 2)
        csv.number(row.populationCovered, decimals: 2)
        csv.number(row.populationUncovered, decimals: 2)
        csv.number(row.sharePopulationCovered, decimals: 6)
        csv.number(row.assetsPerThousand, decimals: 4)
      }
      csv.number(row.nearest, decimals: 1)
      csv.text(row.nearestFrom)
      csv.number(row.farthest, decimals: 1)
      csv.endRow()
    }
    return csv
  }

  /// The gaps as GeoJSON features (unit id and name, category, area, people), sorted by unit id
  /// then category.
  public static func gapFeatures(_ result: CoverageResult, units: Layer) -> [(
    geometry: FlatGeometry?, properties: JSONObject
  )] {
    result.gaps.sorted {
      (units.features[$0.unit].id, $0.category) < (units.features[$1.unit].id, $1.category)
    }.map { gap in
      var properties: JSONObject = [
        "unit_id": .string(units.features[gap.unit].id),
        "unit_name": units.features[gap.unit].name.map { .string($0) } ?? .null,
        "category": .string(gap.category), "area_m2": .number(rounded(gap.area, 2)),
      ]
      if let population = gap.population { properties["population"] = .number(rounded(population, 2)) }
      return (gap.geometry, properties)
    }
  }

  /// The assets as GeoJSON features, each with the units it stands in.
  public static func assetFeatures(_ result: CoverageResult, units: Layer, assets: AssetSet) -> [(
    geometry: FlatGeometry?, properties: JSONObject
  )] {
    assets.assets.enumerated().map { i, asset in
      let inUnits = result.assetUnits[i].map { units.features[$0].id }
      let properties: JSONObject = [
        "asset_id": .string(asset.id), "asset_name": asset.name.map { .string($0) } ?? .null,
        "category": .string(asset.category), "source_layer": .string(asset.layer),
        "source_index": .number(Double(asset.index)),
        "unit_id": inUnits.first.map { .string($0) } ?? .null,
        "unit_ids": .string(inUnits.joined(separator: ";")),
      ]
      return (asset.geometry, properties)
    }
  }

  static func summaryJSON(
    _ result: CoverageResult, units: Layer, assets: AssetSet, population: PopulationLayer?,
    options: CoverageOptions,
    versions: JSONObject, inputs: [Layer], files: [String]
  ) -> JSONValue {
    var categories: [JSONValue] = []
    for category in result.categories {
      let rows = result.rows.filter { $0.category == category }
      var entry: JSONObject = [
        "category": .string(category), "radius_m": .number((try? options.radii.radius(for: category)) ?? 0),
        "assets": .number(Double(assets.assets(in: category).count)),
        "units_with_no_asset_inside": .number(Double(rows.filter { $0.assetsInside == 0 }.count)),
        "total_area_m2": .number(rounded(rows.reduce(0) { $0 + $1.area }, 2)),
        "uncovered_area_m2": .number(rounded(rows.reduce(0) { $0 + $1.gapArea }, 2)),
      ]
      if population != nil {
        let total = rows.reduce(0) { $0 + ($1.population ?? 0) }
        let uncovered = rows.reduce(0) { $0 + ($1.populationUncovered ?? 0) }
        entry["population"] = .number(rounded(total, 2))
        entry["population_uncovered"] = .number(rounded(uncovered, 2))
        entry["share_population_covered"] = .number(rounded(total > 0 ? (total - uncovered) / total : 0, 6))
        entry["assets_per_1000"] = .number(
          rounded(total > 0 ? Double(assets.assets(in: category).count) / total * 1000 : 0, 4))
      }
      categories.append(.object(entry))
    }
    let duplicates = assets.duplicates.map { group -> JSONValue in
      .object([
        "category": .string(assets.assets[group[0]].category),
        "assets": .array(group.map { .string("\(assets.assets[$0].layer):\(assets.assets[$0].id)") }),
      ])
    }
    var parameters: JSONObject = [
      "radii_m": .string(options.radii.description),
      "quadrant_segments": .number(Double(options.quadrantSegments)),
      "reach": .string("straight-line (Euclidean) distance in \(units.crs)"),
      "farthest_m": .string("approximate: a lower bound from gap inscribed-circle centres and unit vertices"),
    ]
    if let population {
      parameters["population"] = .object([
        "layer": .string(population.name), "field": .string(population.field),
      ])
    }
    return .object([
      "versions": .object(versions), "inputs": .array(inputs.map(\.summaryJSON)),
      "parameters": .object(parameters),
      "units": .number(Double(units.features.count)), "categories": .array(categories),
      "duplicate_assets": .array(duplicates),
      "assets_outside_every_unit": .array(
        result.assetsOutside.map { .string("\(assets.assets[$0].layer):\(assets.assets[$0].id)") }),
      "files": .array(files.map { .string($0) }),
    ])
  }
}
