import Dispatch
import GEOS
import GeoCore
import Synchronization
import Testing

@Suite struct ContextTests {
  /// Contexts made on many threads at once (creation is serialised) each compute correctly.
  @Test func contextsPerThreadComputeIndependently() {
    let results = Mutex([Double](repeating: 0, count: 16))
    DispatchQueue.concurrentPerform(iterations: 16) { i in
      let context = GeometryContext()
      let side = Double(i + 1)
      let square = FlatGeometry.polygon([[(0, 0), (side, 0), (side, side), (0, side), (0, 0)]])
      let area = (try? Geometry(square, context: context).buffer(0).area()) ?? -1
      results.withLock { $0[i] = area }
    }
    results.withLock { areas in
      #expect(areas == (1...16).map { Double($0 * $0) })
    }
  }

  /// A GEOS error message is captured by the context's handler and carried in the thrown error.
  @Test func geosMessageIsCaptured() {
    let context = GeometryContext()
    #expect {
      try Geometry(wkt: "LINESTRING (0 0, 1", context: context)
    } throws: { error in
      guard case .unreadable(let format, let message) = error as? GEOSError else { return false }
      return format == "WKT" && message.contains("ParseException")
    }
  }
}
