import Analysis
import Foundation
import GeoCore
import Layers
import Reports

/// The tables (CSV) and result layers (GeoJSON) of a study, and report.gpkg holding all of them
/// (layers styled for QGIS as the report draws them, tables as attribute tables).
enum ReportFiles {
  /// Writes every table and layer into `folder`; returns the file names, in order.
  static func write(_ study: StudyRun, to folder: String, clock: inout StageClock) throws -> [String] {
    let crs = study.layers.first?.layer.crs ?? "EPSG:27700"
    // report.gpkg is written as the layers come, on a thread of its own while the next layer is
    // made and written as GeoJSON (each layer's features are let go once in both files); its
    // tables, kept as their CSV text meanwhile, follow the layers, then the styles. Its name is
    // listed last, as the file is finished last.
    let geoPackage = try GeoPackageOutput(workingCRS: crs).openAlongside(folder + "/report.gpkg")
    var files: [String]
    do {
      files = try write(
        study, to: folder, geoJSON: GeoJSONOutput(workingCRS: crs), geoPackage: geoPackage, clock: &clock)
    } catch {
      // The caller hears of this failure; one report.gpkg may have met is moot with it.
      geoPackage.abandon()
      throw error
    }
    try geoPackage.finish()
    files.append("report.gpkg")
    clock.lap("report: report.gpkg finished")
    return files
  }

  /// Every file but report.gpkg, whose layers and tables are handed to `geoPackage` on the way.
  private static func write(
    _ study: StudyRun, to folder: String, geoJSON: GeoJSONOutput, geoPackage: GeoPackageOutput.Alongside,
    clock: inout StageClock
  ) throws -> [String] {
    var files: [String] = []
    func path(_ name: String) -> String {
      files.append(name)
      return folder + "/" + name
    }
    var tables: [(name: String, csv: CSVWriter)] = []
    // A table named like a layer (topology_X) is stored as X_table in the GeoPackage.
    func table(_ name: String, _ csv: CSVWriter, clashes: Bool = false) throws {
      try csv.write(to: path(name + ".csv"))
      tables.append((clashes ? name + "_table" : name, csv))
      clock.lap("report: table \(name)")
    }
    // In the GeoPackage a layer holding points and polygons (assets: green spaces are areas) is
    // split in two, NAME (points) and NAME_areas, so that QGIS shows each with its own symbols.
    func layer(
      _ name: String, _ features: [(geometry: FlatGeometry?, properties: JSONObject)], style: String?,
      areaStyle: String? = nil, alternativeStyles: [(name: String, qml: String)] = []
    ) throws {
      clock.lap("report: features of \(name)")
      try geoJSON.write(features, to: path(name + ".geojson"))
      clock.lap("report: layer \(name).geojson")
      let areas = features.filter { $0.geometry?.kind.isPolygonal == true }
      if !areas.isEmpty, areas.count < features.count, let areaStyle {
        let points = features.filter { $0.geometry?.kind.isPolygonal != true }
        try geoPackage.write(GeoPackageOutput.Layer(name: name, features: points, style: style))
        var areaLayer = GeoPackageOutput.Layer(name: name + "_areas", features: areas, style: areaStyle)
        areaLayer.alternativeStyles = alternativeStyles
        try geoPackage.write(areaLayer)
      } else {
        var layer = GeoPackageOutput.Layer(
          name: name, features: features, style: style, emptyType: areaStyle == nil ? .multiPolygon : .point)
        layer.alternativeStyles = alternativeStyles
        try geoPackage.write(layer)
      }
      clock.lap("report: layer \(name) handed to report.gpkg")
    }
    try table("input_features", features(study))
    for (pair, run) in study.pairs {
      let tag = "\(pair.a)__\(pair.b)"
      let order = run.pieceOrder
      try table("crosswalk_\(tag)", CrosswalkTables.crosswalk(run, order: order))
      try table("summary_\(pair.a)_vs_\(pair.b)", CrosswalkTables.summary(run, side: .a))
      try table("summary_\(pair.b)_vs_\(pair.a)", CrosswalkTables.summary(run, side: .b))
      try table("lookup_\(tag)", CrosswalkTables.lookup(run))
      try layer(
        "pieces_\(tag)", order.map { OverlapOutput.pieceFeature(run, $0) }, style: ReportStyles.pieces)
      try layer(
        "slivers_\(tag)",
        order.filter { run.overlay.pieces[$0].isSliver }.map { OverlapOutput.pieceFeature(run, $0) },
        style: ReportStyles.slivers)
    }
    for (entry, unitsLayer) in study.layers {
      if let report = study.topology[entry.name] {
        try table(
          "topology_\(entry.name)", CrosswalkTables.topology(report, layer: unitsLayer), clashes: true)
        try layer(
          "topology_\(entry.name)", OverlapOutput.topologyFeatures(report, layer: unitsLayer),
          style: ReportStyles.topology)
      }
      if let coverage = study.coverage[entry.name] {
        try table(
          "coverage_\(entry.name)",
          CoverageOutput.table(coverage, units: unitsLayer, hasPopulation: study.population != nil))
        try layer(
          "gaps_\(entry.name)", CoverageOutput.gapFeatures(coverage, units: unitsLayer),
          style: ReportStyles.gaps)
      }
      if let change = study.change?.results[entry.name] {
        try table(
          "change_\(entry.name)",
          ChangeOutput.table(change, units: unitsLayer, hasPopulation: study.population != nil))
        try layer(
          "lost_\(entry.name)", ChangeOutput.pieceFeatures(change.lost, units: unitsLayer), style: nil)
        try layer(
          "gained_\(entry.name)", ChangeOutput.pieceFeatures(change.gained, units: unitsLayer), style: nil)
      }
      let features = units(study, entry.name, unitsLayer)
      let styles = ReportStyles.units(study, entry.name, features)
      try layer(
        "units_\(entry.name)", features, style: styles[0].qml,
        alternativeStyles: Array(styles.dropFirst()).map { ($0.name, $0.qml) })
    }
    if let first = study.layers.first, let coverage = study.coverage[first.config.name] {
      let assets = CoverageOutput.assetFeatures(coverage, units: first.layer, assets: study.assets)
      try layer("assets", assets, style: ReportStyles.assets(assets), areaStyle: ReportStyles.assetAreas)
    }
    if let first = study.layers.first, let change = study.change?.results[first.config.name] {
      try table("assets_change", ChangeOutput.assetTable(change, hasPopulation: study.population != nil))
    }
    files += try ReportRegistrations.write(study, to: folder)
    clock.lap("report: registrations files")
    while !tables.isEmpty {
      let (name, csv) = tables.removeFirst()
      try geoPackage.write(name: name, csv: csv)
      clock.lap("report: table \(name) handed to report.gpkg")
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
    inputs += (study.change?.beforeLayers ?? []).map { ($0.config.category, "earlier asset", $0.layer) }
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
