import Analysis
import Foundation
import GeoCore
import Maps

/// The consensus maps: the neighbourhood map (territories, contested ground hatched, labels)
/// and, per neighbourhood, its agreement (faces shaded by the share of drawings covering them,
/// the core outlined, the drawings as thin lines).
public enum ConsensusMaps {
  /// Writes maps/overview.svg and maps/agreement_NAME.svg for every neighbourhood into
  /// `directory`, drawn and written on `threads` threads (each map's bytes do not depend on
  /// it); returns the paths written, relative to it.
  public static func write(
    _ run: ConsensusRun, to directory: String, attribution: [String] = [],
    threads: Int = ParallelChunks.defaultThreadCount
  ) throws -> [String] {
    let folder = (directory as NSString).appendingPathComponent("maps")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let written = ["maps/overview.svg"] + run.neighbourhoods.map { "maps/" + fileName($0.name) }
    // Two names can make one file name: the last one's map is the file, as when written in turn.
    let last = Dictionary(written.enumerated().map { ($1, $0) }, uniquingKeysWith: max)
    // The overview (the largest) first, so no thread is left with it at the end.
    _ = try ParallelChunks.map(
      count: written.count, threads: threads, chunkSize: 1, makeWorker: {},
      body: { _, job in
        guard last[written[job]] == job else { return }
        let svg =
          job == 0
          ? try overview(run, attribution: attribution)
          : try agreement(run, neighbourhood: job - 1, attribution: attribution)
        try AtomicFile.write(svg, to: directory + "/" + written[job])
      })
    return written
  }

  /// `agreement_NAME.svg` with anything but letters, digits, `-` and `_` replaced by `_`.
  public static func fileName(_ name: String) -> String {
    let safe = name.unicodeScalars.map { scalar -> String in
      scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_")
        ? String(scalar) : "_"
    }.joined()
    return "agreement_\(safe).svg"
  }

  /// The neighbourhood map: each mapped neighbourhood's ground, contested ground hatched.
  public static func overview(_ run: ConsensusRun, attribution: [String] = []) throws -> String {
    let level = run.options.mapLevel.description
    var map = MapDocument(
      width: 1000, height: 1100, title: "Neighbourhoods as residents drew them",
      subtitle:
        "Each place goes to the neighbourhood most of whose drawings cover it (agreement ≥ \(level)); "
        + "contested ground hatched",
      attribution: MapDocument.attribution(forWorkingCRS: run.layer.crs, own: attribution + [credit(run)]))
    let territories = run.map.territories.filter { $0.area > 0 }.map {
      MapFeature(id: $0.name, name: $0.name, geometry: $0.region, category: $0.name)
    }
    map.add(
      PolygonLayer(
        title: "Neighbourhoods", features: territories,
        symbology: .categories(
          CategoryColors(
            assignment: .distinctFromNeighbours(CategoricalPalette.okabeIto), heading: "Neighbourhood")),
        labels: LabelOptions(minimumFontSize: 7, maximumFontSize: 12), showsInLegend: false))
    let contested = run.map.contested.enumerated().map { i, piece in
      MapFeature(
        id: "contested \(i)",
        name: "contested: "
          + piece.claims.map { "\($0.name) \($0.count)/\($0.drawings)" }.joined(separator: ", "),
        geometry: piece.region)
    }
    if !contested.isEmpty {
      map.add(
        PolygonLayer(
          title: "Contested (two or more neighbourhoods reach \(level))", features: contested,
          symbology: .single(
            LayerStyle(
              fill: .hatch(Hatch(color: Color(0x333333))), stroke: nil, strokeWidth: 0, sealsSeams: false))))
    }
    return try map.render()
  }

  /// One neighbourhood's agreement.
  public static func agreement(_ run: ConsensusRun, neighbourhood i: Int, attribution: [String] = []) throws
    -> String
  {
    let agreement = run.neighbourhoods[i]
    let n = agreement.drawingCount
    let flag = run.flags[i].isEmpty ? "" : " (\(run.flags[i]))"
    var map = MapDocument(
      width: 760, height: 680, title: "\(agreement.name): \(n) drawing\(n == 1 ? "" : "s")\(flag)",
      subtitle:
        "Share of drawings covering each place; core (≥ 0.5) outlined; agreement index "
        + FixedDecimal.format(agreement.agreementIndex, decimals: 2) + "; outliers \(run.outlierCounts[i])",
      attribution: MapDocument.attribution(forWorkingCRS: run.layer.crs, own: attribution + [credit(run)]))
    map.showsNorthArrow = false
    let faces = agreement.facesByCount.map { face in
      MapFeature(
        id: "\(face.count)", name: "\(face.count) of \(n) drawings", geometry: face.region,
        value: Double(face.count) / Double(n))
    }
    map.add(
      PolygonLayer(
        title: "Agreement", features: faces,
        symbology: .choropleth(
          Choropleth(
            method: .explicit([0.25, 0.5, 0.75]), palette: Palette.viridis.reversed(),
            valueName: "share of drawings",
            base: LayerStyle(stroke: nil, strokeWidth: 0), decimals: 2))))
    let drawings = agreement.drawings.map { index in
      let record = run.drawings.records[index]
      return MapFeature(
        id: record.id, name: "drawing \(record.index)" + (record.isOutlier ? " (outlier)" : ""),
        geometry: run.drawings.geometries[index]!)
    }
    map.add(
      PolygonLayer(
        title: "Drawings", features: drawings,
        symbology: .single(LayerStyle(fill: .none, stroke: Color(0x555555), strokeWidth: 0.5, opacity: 0.6))))
    if agreement.coreArea > 0 {
      map.add(
        PolygonLayer(
          title: "Core", features: [MapFeature(id: "core", name: "core", geometry: agreement.core)],
          symbology: .single(.outline(Color(0xD55E00), width: 2.2))))
    }
    return try map.render()
  }

  static func credit(_ run: ConsensusRun) -> String {
    "Drawings: " + ((run.layer.source as NSString).lastPathComponent)
  }
}
