import GEOS
import GeoCore

/// Overlaps and gaps inside one layer (DESIGN.md §5): hand-drawn neighbourhoods often overlap
/// their neighbours or leave slivers of nobody's land between them.
public struct TopologyReport: Sendable {
  /// Two features of the layer that share area.
  public struct Overlap: Sendable, Hashable {
    public var first: Int
    public var second: Int
    public var area: Double
    public var geometry: FlatGeometry
  }

  /// A hole in the layer's union smaller than the gap threshold.
  public struct Gap: Sendable, Hashable {
    public var area: Double
    public var geometry: FlatGeometry
    /// The features whose boundary touches the gap.
    public var neighbours: [Int]
  }

  public var overlaps: [Overlap]
  public var gaps: [Gap]
}

/// Finds overlaps and gaps in a polygon layer.
public enum TopologyCheck {
  /// Checks `geometries` (valid polygons); gaps are holes in their union of less than
  /// `maxGapArea` m² (larger holes are taken as real: a lake, another authority).
  public static func run(
    _ geometries: [FlatGeometry], maxGapArea: Double = 100_000, threads: Int = ParallelChunks.defaultThreadCount
  ) throws -> TopologyReport {
    let boxes = geometries.map(\.boundingBox)
    let index = BoxIndex(boxes)
    let perFeature = try ParallelChunks.map(
      count: geometries.count, threads: threads, chunkSize: 16,
      makeWorker: { OverlapWorker(source: geometries) },
      body: { worker, i -> [TopologyReport.Overlap] in
        var found: [TopologyReport.Overlap] = []
        for j in index.items(intersecting: boxes[i]) where j > i && boxes[j].overlapsWithArea(boxes[i]) {
          let piece = try worker.geometry(i).intersection(try worker.geometry(j)).polygonalPart()
          let area = try piece.area()
          if area > 0 { found.append(.init(first: i, second: j, area: area, geometry: try piece.flat())) }
        }
        return found
      })
    let overlaps = perFeature.flatMap { $0 }
    let gaps = try findGaps(
      geometries, index: index, maxGapArea: maxGapArea, isCoverage: overlaps.isEmpty, threads: threads)
    return TopologyReport(overlaps: overlaps, gaps: gaps)
  }

  /// Holes of the layer's union. A layer without overlaps is a coverage, whose union GEOS
  /// builds from the shared edges alone (much faster than a general union); if that fails on
  /// edges that do not quite match, the general union is used.
  static func findGaps(
    _ geometries: [FlatGeometry], index: BoxIndex, maxGapArea: Double, isCoverage: Bool, threads: Int
  ) throws -> [TopologyReport.Gap] {
    guard !geometries.isEmpty else { return [] }
    var coverageUnion: FlatGeometry?
    if isCoverage {
      let context = GeometryContext()
      let all = try geometries.map { try Geometry($0, context: context) }
      if let fast = try? Geometry.collection(all, context: context).coverageUnion(), (try? fast.isValid()) == true {
        coverageUnion = try fast.flat()
      }
    }
    let union = try coverageUnion ?? ParallelUnion.union(geometries, threads: threads)
    var gaps: [TopologyReport.Gap] = []
    for part in 0..<union.partCount {
      for ring in union.ringRange(ofPart: part).dropFirst() {
        let area = abs(union.signedDoubleArea(ofRing: ring)) / 2
        guard area > 0, area < maxGapArea else { continue }
        var builder = FlatGeometryBuilder(kind: .polygon)
        for point in union.pointRange(ofRing: ring) { builder.append(x: union.x(point), y: union.y(point)) }
        builder.closeRing()
        builder.closePart()
        let hole = builder.geometry
        let box = hole.boundingBox
        let neighbours = index.items(intersecting: box).filter { geometries[$0].boundingBox.intersects(box) }
        gaps.append(TopologyReport.Gap(area: area, geometry: hole, neighbours: neighbours))
      }
    }
    // Order by area (to the cm²) then position (to the cm): stable whichever union built the rings.
    func key(_ gap: TopologyReport.Gap) -> (Double, Double, Double) {
      let box = gap.geometry.boundingBox
      return (-(gap.area * 1e4).rounded(), (box.minX * 100).rounded(), (box.minY * 100).rounded())
    }
    return gaps.sorted { key($0) < key($1) }
  }
}
