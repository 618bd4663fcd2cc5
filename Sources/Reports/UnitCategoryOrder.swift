import Layers

/// The row order of the per-unit, per-category tables (coverage.csv, change.csv): by unit id, then
/// by the category's place in the run, then by the unit's position (ids may repeat).
enum UnitCategoryOrder {
  static func sorted<Row>(
    _ rows: [Row], units: Layer, categories: [String], unit: (Row) -> Int, category: (Row) -> String
  ) -> [Row] {
    let order = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
    return rows.sorted {
      (units.features[unit($0)].id, order[category($0), default: 0], unit($0))
        < (units.features[unit($1)].id, order[category($1), default: 0], unit($1))
    }
  }
}
