import Analysis
import Foundation
import GeoCore
import Layers
import Reports

/// The tables (CSV) and result layers (GeoJSON) of a study.
enum ReportFiles {
  /// Writes every table and layer into `folder`; returns the file names, in order.
  static func write(_ study: StudyRun, to folder: String) throws -> [String] {
    var files: [String] = []
    let crs = study.layers.first?.layer.crs ?? "EPSG:27700"
    let geoJSON = GeoJSONOutput(workingCRS: crs)
    func path(_ name: String) -> String {
      files.append(name)
      return folder + "/" + name
    }
    try features(study).write(to: path("input_features.csv"))
    for (pair, run) in study.pairs {
      let tag = "\(pair.a)__\(pair.b)"
      try CrosswalkTables.crosswalk(run).write(to: path("crosswalk_\(tag).csv"))
      try CrosswalkTables.summary(run, side: .a).write(to: path("summary_\(pair.a)_vs_\(pair.b).csv"))
      try CrosswalkTables.summary(run, side: .b).write(to: path("summary_\(pair.b)_vs_\(pair.a).csv"))
      try CrosswalkTables.lookup(run).write(to: path("lookup_\(tag).csv"))
      let order = run.pieceOrder
      try geoJSON.write(order.map { OverlapOutput.pieceFeature(run, $0) }, to: path("pieces_\(tag).geojson"))
      try geoJSON.write(
        order.filter { run.overlay.pieces[$0].isSliver }.map { OverlapOutput.pieceFeature(run, $0) },
        to: path("slivers_\(tag).geojson"))
    }
    for (entry, layer) in study.layers {
      if let report = study.topology[entry.name] {
        try CrosswalkTables.topology(report, layer: layer).write(to: path("topology_\(entry.name).csv"))
        try geoJSON.write(
          OverlapOutput.topologyFeatures(report, layer: layer), to: path("topology_\(entry.name).geojson"))
      }
      if let coverage = study.coverage[entry.name] {
        try CoverageOutput.table(coverage, units: layer, hasPopulation: study.population != nil)
          .write(to: path("coverage_\(entry.name).csv"))
        try geoJSON.write(
          CoverageOutput.gapFeatures(coverage, units: layer), to: path("gaps_\(entry.name).geojson"))
      }
      try geoJSON.write(units(study, entry.name, layer), to: path("units_\(entry.name).geojson"))
    }
    if let first = study.layers.first, let coverage = study.coverage[first.config.name] {
      try geoJSON.write(
        CoverageOutput.assetFeatures(coverage, units: first.layer, assets: study.assets),
        to: path("assets.geojson"))
    }
    return files
  }

  /// Every feature of every input, with what became of it.
  static func features(_ study: StudyRun) -> CSVWriter {
    var csv = CSVWriter(header: ["layer", "role", "file", "index", "id", "status", "note"])
    var inputs: [(String, String, Layer)] = study.layers.map {
      ($0.config.name, $0.config.role.rawValue, $0.layer)
    }
    if let population = study.population { inputs.append(("population", "population", population.layer)) }
    inputs += study.assetLayers.map { ($0.config.category, "asset", $0.layer) }
    for (name, role, layer) in inputs {
      let repairs = Dictionary(
        layer.record.repairs.map { ($0.index, $0.reason) }, uniquingKeysWith: { a, _ in a })
      let duplicated = Set(layer.record.duplicateIDs.flatMap(\.indices))
      var rows: [(Int, String, String, String)] = layer.features.map { f in
        var notes: [String] = []
        if let repair = repairs[f.index] { notes.append(repair) }
        if duplicated.contains(f.index) { notes.append("id used by more than one feature") }
        return (f.index, f.id, repairs[f.index] == nil ? "used" : "repaired", notes.joined(separator: "; "))
      }
      rows += layer.record.excluded.map { ($0.index, $0.id, "excluded", $0.reason) }
      for (index, id, status, note) in rows.sorted(by: { $0.0 < $1.0 }) {
        csv.text(name)
        csv.text(role)
        csv.text(layer.source)
        csv.integer(index)
        csv.text(id)
        csv.text(status)
        csv.text(note)
        csv.endRow()
      }
    }
    return csv
  }

  /// The units of one layer with their metrics: population, class against each other layer,
  /// and coverage per category.
  static func units(_ study: StudyRun, _ name: String, _ layer: Layer) -> [(
    geometry: FlatGeometry?, properties: JSONObject
  )] {
    let coverage = study.coverage[name]
    let rowsOfUnit = coverage.map {
      ReportText.positions(of: $0.rows.map(\.unit), count: layer.features.count)
    }
    return layer.features.indices.map { i in
      let f = layer.features[i]
      var properties: JSONObject = ["id": .string(f.id), "name": f.name.map { .string($0) } ?? .null]
      properties["area_m2"] = .number(rounded(f.geometry.polygonalArea, 2))
      if let people = study.populations[name] { properties["population"] = .number(rounded(people[i], 2)) }
      for (pair, run) in study.pairs {
        if pair.a == name {
          let s = run.summariesA[i]
          properties["class_vs_\(pair.b)"] = .string(s.mismatchClass.rawValue)
          properties["best_\(pair.b)"] = s.best.map { .string(run.b.features[$0].id) } ?? .null
          properties["best_share_\(pair.b)"] = .number(rounded(s.bestShare, 6))
        } else if pair.b == name {
          let s = run.summariesB[i]
          properties["class_vs_\(pair.a)"] = .string(s.mismatchClass.rawValue)
          properties["best_\(pair.a)"] = s.best.map { .string(run.a.features[$0].id) } ?? .null
          properties["best_share_\(pair.a)"] = .number(rounded(s.bestShare, 6))
        }
      }
      if let coverage, let rowsOfUnit {
        for row in rowsOfUnit[i].map({ coverage.rows[$0] }) {
          properties["covered_share_\(row.category)"] = .number(rounded(row.coveredShare, 6))
          if let out = row.populationUncovered {
            properties["population_uncovered_\(row.category)"] = .number(rounded(out, 2))
          }
        }
      }
      return (f.geometry, properties)
    }
  }

  static func rounded(_ value: Double, _ decimals: Int) -> Double { FixedDecimal.rounded(value, decimals) }
}
