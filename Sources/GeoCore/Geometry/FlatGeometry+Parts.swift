extension FlatGeometry {
  /// Each polygon of a Polygon or MultiPolygon as its own Polygon.
  public var polygonParts: [FlatGeometry] {
    guard kind.isPolygonal else { return members.flatMap(\.polygonParts) }
    return (0..<partCount).map { part in
      var builder = FlatGeometryBuilder(kind: .polygon)
      for ring in ringRange(ofPart: part) {
        for point in pointRange(ofRing: ring) { builder.append(x: x(point), y: y(point)) }
        builder.closeRing()
      }
      builder.closePart()
      return builder.geometry
    }
  }
}
