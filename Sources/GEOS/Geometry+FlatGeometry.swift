internal import CGEOS
import GeoCore

extension Geometry {
  /// Builds a GEOS geometry from flat buffers, one `GEOSCoordSeq_copyFromBuffer_r` per ring.
  /// Rings must be closed and have 0 or at least 4 positions (GEOS's rule).
  /// Wraps `GEOSCoordSeq_copyFromBuffer_r`, `GEOSGeom_createLinearRing_r`,
  /// `GEOSGeom_createPolygon_r` and `GEOSGeom_createCollection_r`.
  public convenience init(_ flat: FlatGeometry, context: GeometryContext) throws(GEOSError) {
    let pointer = try FlatGeometryConverter(context: context).makeGeometry(flat)
    self.init(owning: pointer, context: context)
  }

  /// The geometry as flat buffers, one `GEOSCoordSeq_copyToBuffer_r` per coordinate sequence.
  /// Wraps `GEOSCoordSeq_copyToBuffer_r`, `GEOSGetExteriorRing_r`, `GEOSGetInteriorRingN_r` and
  /// `GEOSGetGeometryN_r` (all borrowed pointers, never destroyed here).
  public func flat() throws(GEOSError) -> FlatGeometry {
    var builder = FlatGeometryBuilder(kind: kind, reservingCoordinates: pointCountForReserve)
    try FlatGeometryConverter(context: context).append(pointer, to: &builder)
    return builder.geometry
  }

  private var pointCountForReserve: Int { max(0, Int(GEOSGetNumCoordinates_r(handle, pointer))) }

  /// Number of coordinates in every ring and member. Wraps `GEOSGetNumCoordinates_r`.
  public var pointCount: Int { pointCountForReserve }
}

/// The two directions of conversion between `FlatGeometry` and GEOS pointers.
struct FlatGeometryConverter {
  let context: GeometryContext
  var handle: GEOSContextHandle_t { context.handle }

  /// A new GEOS geometry owned by the caller.
  func makeGeometry(_ flat: FlatGeometry) throws(GEOSError) -> OpaquePointer {
    switch flat.kind {
    case .point:
      if flat.partCount == 0 {
        return try context.created(GEOSGeom_createEmptyPoint_r(handle), "create point")
      }
      return try makePoint(flat, ring: flat.partOffsets[0])
    case .lineString:
      if flat.partCount == 0 {
        return try context.created(GEOSGeom_createEmptyLineString_r(handle), "create line")
      }
      return try makeLine(flat, ring: flat.partOffsets[0])
    case .polygon:
      if flat.partCount == 0 {
        return try context.created(GEOSGeom_createEmptyPolygon_r(handle), "create polygon")
      }
      return try makePolygon(flat, part: 0)
    case .multiPoint:
      return try makeCollection(GEOS_MULTIPOINT, (0..<flat.partCount).map { $0 }) {
        (part: Int) throws(GEOSError) in
        try makePoint(flat, ring: flat.partOffsets[part])
      }
    case .multiLineString:
      return try makeCollection(GEOS_MULTILINESTRING, (0..<flat.partCount).map { $0 }) {
        (part: Int) throws(GEOSError) in
        try makeLine(flat, ring: flat.partOffsets[part])
      }
    case .multiPolygon:
      return try makeCollection(GEOS_MULTIPOLYGON, (0..<flat.partCount).map { $0 }) {
        (part: Int) throws(GEOSError) in
        try makePolygon(flat, part: part)
      }
    case .geometryCollection:
      return try makeCollection(GEOS_GEOMETRYCOLLECTION, flat.members) {
        (member: FlatGeometry) throws(GEOSError) in
        try makeGeometry(member)
      }
    }
  }

  private func makeSequence(_ flat: FlatGeometry, ring: Int) throws(GEOSError) -> OpaquePointer {
    let range = flat.pointRange(ofRing: ring)
    let sequence = flat.coordinates.withUnsafeBufferPointer { buffer in
      GEOSCoordSeq_copyFromBuffer_r(
        handle, buffer.baseAddress! + 2 * range.lowerBound, UInt32(range.count), 0, 0)
    }
    return try context.created(sequence, "copy coordinates")
  }

  private func makePoint(_ flat: FlatGeometry, ring: Int) throws(GEOSError) -> OpaquePointer {
    let range = flat.pointRange(ofRing: ring)
    guard range.count == 1 else {
      throw .invalidInput("a point needs exactly one position, found \(range.count)")
    }
    return try context.created(
      GEOSGeom_createPointFromXY_r(handle, flat.x(range.lowerBound), flat.y(range.lowerBound)), "create point"
    )
  }

  private func makeLine(_ flat: FlatGeometry, ring: Int) throws(GEOSError) -> OpaquePointer {
    let count = flat.pointRange(ofRing: ring).count
    guard count != 1 else { throw .invalidInput("a line needs at least 2 positions, found 1") }
    return try context.created(
      GEOSGeom_createLineString_r(handle, try makeSequence(flat, ring: ring)), "create line")
  }

  /// GEOS takes ownership of the coordinate sequence even when it refuses the ring.
  private func makeRing(_ flat: FlatGeometry, ring: Int) throws(GEOSError) -> OpaquePointer {
    let range = flat.pointRange(ofRing: ring)
    if range.count > 0 && range.count < 4 {
      throw .invalidInput("ring \(ring) has \(range.count) positions; a closed ring needs at least 4")
    }
    if range.count > 0 {
      let first = range.lowerBound, last = range.upperBound - 1
      if flat.x(first) != flat.x(last) || flat.y(first) != flat.y(last) {
        throw .invalidInput("ring \(ring) is not closed (first and last positions differ)")
      }
    }
    return try context.created(
      GEOSGeom_createLinearRing_r(handle, try makeSequence(flat, ring: ring)), "create ring")
  }

  private func makePolygon(_ flat: FlatGeometry, part: Int) throws(GEOSError) -> OpaquePointer {
    let rings = flat.ringRange(ofPart: part)
    guard !rings.isEmpty else {
      return try context.created(GEOSGeom_createEmptyPolygon_r(handle), "create polygon")
    }
    var made: [OpaquePointer?] = []
    made.reserveCapacity(rings.count)
    do {
      for ring in rings { made.append(try makeRing(flat, ring: ring)) }
    } catch {
      for ring in made { GEOSGeom_destroy_r(handle, ring) }
      throw error
    }
    let shell = made[0]
    let polygon = made.withUnsafeMutableBufferPointer { holes in
      GEOSGeom_createPolygon_r(handle, shell, holes.baseAddress! + 1, UInt32(holes.count - 1))
    }
    return try context.created(polygon, "create polygon")
  }

  /// Builds members one by one; if one fails, the ones already made are destroyed.
  private func makeCollection<Item>(
    _ type: GEOSGeomTypes, _ items: [Item], _ make: (Item) throws(GEOSError) -> OpaquePointer
  ) throws(GEOSError) -> OpaquePointer {
    var made: [OpaquePointer?] = []
    made.reserveCapacity(items.count)
    do {
      for item in items { made.append(try make(item)) }
    } catch {
      for member in made { GEOSGeom_destroy_r(handle, member) }
      throw error
    }
    let collection = made.withUnsafeMutableBufferPointer { members in
      GEOSGeom_createCollection_r(handle, Int32(type.rawValue), members.baseAddress, UInt32(members.count))
    }
    return try context.created(collection, "create collection")
  }

  // MARK: GEOS → flat

  func append(_ geometry: OpaquePointer, to builder: inout FlatGeometryBuilder) throws(GEOSError) {
    let type = GEOSGeomTypeId_r(handle, geometry)
    switch type {
    case Int32(GEOS_POINT.rawValue), Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
      if try context.answer(GEOSisEmpty_r(handle, geometry), "is empty") { return }
      try appendSequence(of: geometry, to: &builder)
      builder.closePart()
    case Int32(GEOS_POLYGON.rawValue):
      if try context.answer(GEOSisEmpty_r(handle, geometry), "is empty") { return }
      try appendPolygonRings(geometry, to: &builder)
      builder.closePart()
    case Int32(GEOS_MULTIPOINT.rawValue), Int32(GEOS_MULTILINESTRING.rawValue),
      Int32(GEOS_MULTIPOLYGON.rawValue):
      for i in 0..<(try context.count(GEOSGetNumGeometries_r(handle, geometry), "count members")) {
        let member = try context.created(GEOSGetGeometryN_r(handle, geometry, Int32(i)), "read member")
        try append(member, to: &builder)
      }
    default:
      for i in 0..<(try context.count(GEOSGetNumGeometries_r(handle, geometry), "count members")) {
        let member = try context.created(GEOSGetGeometryN_r(handle, geometry, Int32(i)), "read member")
        var memberBuilder = FlatGeometryBuilder(kind: GeometryKind(borrowedKindOf: member, handle: handle))
        try append(member, to: &memberBuilder)
        builder.appendMember(memberBuilder.geometry)
      }
    }
  }

  private func appendPolygonRings(_ polygon: OpaquePointer, to builder: inout FlatGeometryBuilder)
    throws(GEOSError)
  {
    try appendSequence(
      of: try context.created(GEOSGetExteriorRing_r(handle, polygon), "read shell"), to: &builder)
    let holes = try context.count(GEOSGetNumInteriorRings_r(handle, polygon), "count holes")
    for i in 0..<holes {
      let hole = try context.created(GEOSGetInteriorRingN_r(handle, polygon, Int32(i)), "read hole")
      try appendSequence(of: hole, to: &builder)
    }
  }

  /// Appends the coordinates of a point, line or ring as one ring of the builder.
  private func appendSequence(of geometry: OpaquePointer, to builder: inout FlatGeometryBuilder)
    throws(GEOSError)
  {
    let sequence = try context.created(GEOSGeom_getCoordSeq_r(handle, geometry), "read coordinates")
    var size: UInt32 = 0
    try context.succeeded(GEOSCoordSeq_getSize_r(handle, sequence, &size), "read coordinates")
    let count = Int(size)
    var ok: Int32 = 1
    builder.appendCoordinates(count: count) { buffer in
      ok = GEOSCoordSeq_copyToBuffer_r(handle, sequence, buffer.baseAddress!, 0, 0)
    }
    try context.succeeded(ok, "read coordinates")
    builder.closeRing()
  }
}

extension GeometryKind {
  init(borrowedKindOf pointer: OpaquePointer, handle: GEOSContextHandle_t) {
    switch GEOSGeomTypeId_r(handle, pointer) {
    case Int32(GEOS_POINT.rawValue): self = .point
    case Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue): self = .lineString
    case Int32(GEOS_POLYGON.rawValue): self = .polygon
    case Int32(GEOS_MULTIPOINT.rawValue): self = .multiPoint
    case Int32(GEOS_MULTILINESTRING.rawValue): self = .multiLineString
    case Int32(GEOS_MULTIPOLYGON.rawValue): self = .multiPolygon
    default: self = .geometryCollection
    }
  }
}
