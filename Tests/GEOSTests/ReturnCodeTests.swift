import GeoCore
import Testing

@testable import GEOS

/// The one place GEOS's C return codes become values or errors: each family's sentinel is an
/// error, never a value (an isEmpty that read GEOS's exception code 2 as "not empty" is what this
/// guards against).
@Suite struct ReturnCodeTests {
  @Test func yesNoAnswers() throws {
    let context = GeometryContext()
    #expect(try context.answer(1, "is empty") == true)
    #expect(try context.answer(0, "is empty") == false)
    #expect(throws: GEOSError.operationFailed(operation: "is empty", message: "")) {
      try context.answer(2, "is empty")
    }
  }

  @Test func statusesCountsAndPointers() throws {
    let context = GeometryContext()
    try context.succeeded(1, "area")
    #expect(throws: GEOSError.operationFailed(operation: "area", message: "")) {
      try context.succeeded(0, "area")
    }
    #expect(try context.count(3, "count members") == 3)
    #expect(throws: GEOSError.self) { try context.count(-1, "count members") }
    let missing: OpaquePointer? = nil
    #expect(throws: GEOSError.self) { try context.created(missing, "clone") }
  }

  /// The wrappers built on them answer for real geometries.
  @Test func wrappersAnswer() throws {
    let context = GeometryContext()
    let empty = try Geometry(wkt: "POLYGON EMPTY", context: context)
    let square = try Geometry(.polygon([[(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]]), context: context)
    #expect(try empty.isEmpty)
    #expect(try !square.isEmpty)
    #expect(try square.memberCount == 1)
    #expect(try empty.boundingBox.isEmpty)
    #expect(try square.boundingBox == BoundingBox(minX: 0, minY: 0, maxX: 2, maxY: 2))
  }
}
