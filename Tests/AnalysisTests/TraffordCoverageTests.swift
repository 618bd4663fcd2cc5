import Analysis
import Foundation
import Layers
import TestSupport
import Testing

/// Issue 4 through the library at full precision: people covered + uncovered = people in the
/// unit to 1e-9 relative, for every Trafford ward and every category (the CSV keeps 2 decimals).
@Suite struct TraffordCoverageTests {
  @Test func populationConservedPerWardAndCategory() throws {
    let wards = try LayerLoader.load(SharedData.repo("data/trafford/wards23_full.geojson"))
    var options = LoadOptions()
    options.workingCRS = wards.crs
    var assets = AssetSet(assets: [])
    for (category, file) in [
      ("pharmacy", "trafford_pharmacies"), ("library", "trafford_libraries"),
      ("foodbank", "trafford_food_banks"),
      ("gp", "gp_practices_2026-05_pcn"), ("greenspace", "trafford_greenspace_sites"),
    ] {
      try assets.add(
        try LayerLoader.load(SharedData.repo("data/trafford/\(file).geojson"), options: options),
        category: category,
        categoryField: nil)
    }
    let people = try PopulationLayer(
      try LayerLoader.load(SharedData.repo("data/trafford/oa21_pop_mid2024.geojson"), options: options),
      field: "pop_mid2024")
    let result = try CoverageAnalysis.run(
      units: wards.geometries, assets: assets, population: people,
      options: CoverageOptions(
        radii: try ReachRadii(parsing: "gp=1000,pharmacy=800,library=1200,foodbank=1500,greenspace=300")))
    #expect(result.rows.count == 21 * 5)
    for row in result.rows {
      let total = try #require(row.population)
      let sum = try #require(row.populationCovered) + (try #require(row.populationUncovered))
      #expect(abs(sum - total) <= 1e-9 * total, "\(wards.features[row.unit].id)/\(row.category)")
      #expect(row.coveredShare >= 0 && row.coveredShare <= 1)
    }
    // Σ people over the wards (per category): shapely/OA area weighting gives 240,839.82162722686.
    for category in result.categories {
      let total = result.rows.filter { $0.category == category }.reduce(0) { $0 + ($1.population ?? 0) }
      #expect(abs(total - 240_839.82162722686) <= 1e-9 * total, "\(category)")
    }
  }
}
