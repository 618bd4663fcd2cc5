import GEOS
import GeoCore

/// A big reach part (a city's merged buffers: tens of thousands of vertices) cut into a quadtree
/// of overlapping cells, each holding the part clipped to that cell. A unit is differenced
/// against the smallest cell that contains it instead of the whole part: GEOS's overlay reads
/// every vertex of both inputs, so differencing thousands of small units against one huge part
/// cost (units × part size).
///
/// Exact by construction: a node's geometry is the part ∩ its cell, so for a unit inside the
/// cell, unit − part = unit − (part ∩ cell). Children overlap by an eighth of their width on each
/// side, so a small unit straddling a quadrant line still fits a small cell.
struct PartQuadtree: Sendable {
  /// One cell: where it is valid, the part clipped to it, and its children (empty for a leaf).
  struct Node: Sendable {
    var cell: BoundingBox
    var geometry: FlatGeometry
    var children: [Int]
  }

  /// Node 0 is the root: the whole part.
  var nodes: [Node]

  /// Parts with at most this many vertices stay whole; cells are split until they are this small.
  static let leafVertices = 1_500
  static let maximumDepth = 10

  /// Builds the tree of `part` in `context`.
  init(_ part: FlatGeometry, context: GeometryContext) throws {
    nodes = [Node(cell: part.boundingBox, geometry: part, children: [])]
    guard part.pointCount > Self.leafVertices else { return }
    var stack: [(node: Int, geometry: Geometry, depth: Int)] = [(0, try Geometry(part, context: context), 0)]
    while let (index, geometry, depth) = stack.popLast() {
      let node = nodes[index]
      guard node.geometry.pointCount > Self.leafVertices, depth < Self.maximumDepth else { continue }
      let cell = node.cell
      let halfWidth = cell.width / 2, halfHeight = cell.height / 2
      let marginX = halfWidth / 8, marginY = halfHeight / 8
      for (i, j) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
        let quadrant = BoundingBox(
          minX: max(cell.minX, cell.minX + Double(i) * halfWidth - marginX),
          minY: max(cell.minY, cell.minY + Double(j) * halfHeight - marginY),
          maxX: min(cell.maxX, cell.minX + Double(i + 1) * halfWidth + marginX),
          maxY: min(cell.maxY, cell.minY + Double(j + 1) * halfHeight + marginY))
        let clipped = try geometry.clipped(to: quadrant).polygonalPart()
        nodes[index].children.append(nodes.count)
        nodes.append(Node(cell: quadrant, geometry: try clipped.flat(), children: []))
        stack.append((nodes.count - 1, clipped, depth + 1))
      }
    }
  }

  /// The smallest node whose cell holds `box` with room to spare (so a unit with that bounding
  /// box lies inside the cell).
  func node(containing box: BoundingBox) -> Int {
    let padded = box.expanded(by: 1)
    var current = 0
    descend: while true {
      for child in nodes[current].children where nodes[child].cell.contains(padded) {
        current = child
        continue descend
      }
      return current
    }
  }
}
