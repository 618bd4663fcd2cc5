import Analysis
import Foundation
import GeoCore
import Layers

/// Writes every output of an overlap run into a folder (DESIGN.md §8, issue 3): crosswalk.csv,
/// a_summary.csv, b_summary.csv, lookup.csv, pieces.geojson, slivers.geojson, topology tables and
/// layers, summary.json. Each file is written atomically.
public enum OverlapOutput {
  /// Writes the files and returns the paths written. A failure, including one in the search for
  /// the layers' gaps that finishes while the first files are written, leaves the files written
  /// before it (each whole) and no summary.json.
  @discardableResult
  public static func write(
    _ run: OverlapRun, to directory: String, geoJSON: GeoJSONOutput, versions: JSONObject
  ) throws -> [String] {
    var folder = try OutputFolder(directory)
    var clock = StageClock()
    func path(_ name: String) -> String { folder.path(name) }
    // Written last, listing every file before it (so not through `path`, which records names).
    let summaryFile = folder.fullPath("summary.json")
    let order = run.pieceOrder
    let crosswalk = path("crosswalk.csv")
    if run.scope == .crosswalk {
      try CrosswalkTables.crosswalk(run, order: order).write(to: crosswalk)
      clock.lap("write tables")
      return try writeSummary(run, versions: versions, written: folder.paths, to: summaryFile)
    }
    let aSummary = path("a_summary.csv"), bSummary = path("b_summary.csv"), lookup = path("lookup.csv")
    let keepPieces = run.options.keepPieceGeometry
    let pieces = keepPieces ? path(geoJSON.fileName("pieces")) : "",
      slivers = keepPieces ? path(geoJSON.fileName("slivers")) : ""
    let topologyFiles =
      run.checksTopology
      ? [("a", run.a), ("b", run.b)].map { label, layer in
        (
          layer: layer, csv: path("topology_\(label).csv"),
          geoJSON: path(geoJSON.fileName("topology_\(label)"))
        )
      } : []
    // The pieces (a national pair's 37,000 polygons, reprojected and encoded in parallel) are
    // most of the writing; the tables, the topology files (the layers' gaps may still be sought
    // until then) and the slivers are written beside them on another thread (their names are
    // listed in summary.json in the order above whichever ends first).
    _ = try Concurrently.run(
      threads: run.options.threads,
      other: {
        try CrosswalkTables.crosswalk(run, order: order).write(to: crosswalk)
        try CrosswalkTables.summary(run, side: .a).write(to: aSummary)
        try CrosswalkTables.summary(run, side: .b).write(to: bSummary)
        try CrosswalkTables.lookup(run).write(to: lookup)
        if let topology = try run.topology() {
          for (file, report) in zip(topologyFiles, [topology.a, topology.b]) {
            try CrosswalkTables.topology(report, layer: file.layer).write(to: file.csv)
            try geoJSON.write(topologyFeatures(report, layer: file.layer), to: file.geoJSON)
          }
        }
        guard keepPieces else { return }
        let sliverOrder = order.filter { run.overlay.pieces[$0].isSliver }
        try geoJSON.write(count: sliverOrder.count, threads: run.options.threads, to: slivers) {
          pieceFeature(run, sliverOrder[$0])
        }
      },
      here: {
        guard keepPieces else { return }
        try geoJSON.write(count: order.count, threads: run.options.threads, to: pieces) {
          pieceFeature(run, order[$0])
        }
      })
    clock.lap("write tables, pieces and topology")
    return try writeSummary(run, versions: versions, written: folder.paths, to: summaryFile)
  }

  /// Writes summary.json (listing every file written, itself last) and returns that list.
  static func writeSummary(_ run: OverlapRun, versions: JSONObject, written: [String], to file: String) throws
    -> [String]
  {
    let all = written + [file]
    let names = all.map { ($0 as NSString).lastPathComponent }
    try AtomicFile.write(
      OverlapSummary.json(run, versions: versions, files: names).prettyJSON + "\n", to: file)
    return all
  }

  /// Piece `k` as a GeoJSON feature: both features' ids and names, area, shares, IoU, sliver
  /// flag, method and people.
  public static func pieceFeature(_ run: OverlapRun, _ k: Int) -> (
    geometry: FlatGeometry?, properties: JSONObject
  ) {
    let piece = run.overlay.pieces[k]
    // Fields read in place: a copy of each feature would retain and release its buffers.
    let a = piece.a, b = piece.b
    var properties: JSONObject = [
      "a_id": .string(run.a.features[a].id), "a_name": run.a.features[a].name.map { .string($0) } ?? .null,
      "b_id": .string(run.b.features[b].id), "b_name": run.b.features[b].name.map { .string($0) } ?? .null,
      "area_m2": .number(rounded(piece.area, 2)), "share_of_a": .number(rounded(piece.shareOfA, 6)),
      "share_of_b": .number(rounded(piece.shareOfB, 6)), "iou": .number(rounded(piece.iou, 6)),
      "sliver": .bool(piece.isSliver), "method": .string(piece.method.rawValue),
    ]
    if let population = piece.population { properties["population"] = .number(rounded(population, 2)) }
    return (piece.geometry, properties)
  }

  /// A layer's overlaps and gaps as GeoJSON features, naming the features involved.
  public static func topologyFeatures(_ report: TopologyReport, layer: Layer) -> [(
    geometry: FlatGeometry?, properties: JSONObject
  )] {
    let overlaps: [(geometry: FlatGeometry?, properties: JSONObject)] = report.overlaps.map { overlap in
      (
        overlap.geometry,
        [
          "kind": .string("overlap"), "first_id": .string(layer.features[overlap.first].id),
          "second_id": .string(layer.features[overlap.second].id),
          "area_m2": .number(rounded(overlap.area, 2)),
        ]
      )
    }
    let gaps: [(geometry: FlatGeometry?, properties: JSONObject)] = report.gaps.map { gap in
      (
        gap.geometry,
        [
          "kind": .string("gap"), "area_m2": .number(rounded(gap.area, 2)),
          "neighbours": .string(gap.neighbours.map { layer.features[$0].id }.sorted().joined(separator: ";")),
        ]
      )
    }
    return overlaps + gaps
  }
}

/// Rounds to `decimals` places for properties people read (tables keep fixed decimals).
func rounded(_ value: Double, _ decimals: Int) -> Double { FixedDecimal.rounded(value, decimals) }
