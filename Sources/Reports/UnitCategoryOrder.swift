import Layers

/// The row order of the per-unit, per-category tables (coverage.csv, change.csv): by unit id, then
/// by the category's place in the run, then by the unit's position (ids may repeat).
enum UnitCategoryOrder {
  static func sorted<Row>(
    _ rows: [Row], units: Layer, categories: [String], unit: (Row) -> Int, category: (Row) -> String
  ) -> [Row] {
    let order = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
    // Each row's key made once: comparing through the features copied one (retaining its
    // buffers) and hashed a category name at every look.
    let ids = units.ids
    let keys = rows.map { (ids[unit($0)], order[category($0), default: 0], unit($0)) }
    return rows.indices.sorted { keys[$0] < keys[$1] }.map { rows[$0] }
  }
}
