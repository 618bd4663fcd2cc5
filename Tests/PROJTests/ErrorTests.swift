import GeoCore
import PROJ
import Testing

@Suite("Errors carry PROJ's own message")
struct ErrorTests {
  @Test("an unknown EPSG code names the code and PROJ's reason, and PROJ prints nothing")
  func unknownCRS() throws {
    var caught: PROJError?
    let printed = capturingStandardError {
      do {
        _ = try CoordinateReferenceSystem("EPSG:99999")
      } catch let error as PROJError {
        caught = error
      } catch {}
    }
    let error = try #require(caught)
    print(error)
    #expect(error.description.hasPrefix("unknown CRS \"EPSG:99999\": "))
    #expect(error.description.contains("crs not found"))
    // PROJ's text for its error code is included, but never on its own.
    #expect(!error.description.hasSuffix(": Unknown error (code 4096)"))
    #expect(!printed.contains("crs not found"))
    #expect(!printed.contains("proj_create"))
  }

  @Test("text that is no CRS at all is named in the error")
  func garbageDefinition() throws {
    #expect {
      try CoordinateReferenceSystem("not a crs at all")
    } throws: { error in
      (error as? PROJError)?.description.hasPrefix("unknown CRS \"not a crs at all\":") == true
    }
  }

  @Test("a PROJ operation string is not accepted as a CRS")
  func operationIsNotCRS() {
    #expect(throws: PROJError.self) { try CoordinateReferenceSystem("+proj=pipeline +step +proj=noop") }
  }

  @Test("latitude 95 fails cleanly, names the input, and leaves the buffer untouched")
  func impossibleLatitude() throws {
    let transformer = try Transformer(from: .wgs84LonLat, to: .britishNationalGrid)
    let input = [-2.35, 53.44, -2.35, 95, -1, 96]
    var coordinates = input
    var caught: PROJError?
    let printed = capturingStandardError {
      do { try transformer.transform(&coordinates) } catch let error as PROJError { caught = error } catch {}
    }
    let error = try #require(caught)
    print(error)
    guard case .transformationFailed(let failed, let total, let x, let y, let message) = error else {
      Issue.record("unexpected error \(error)")
      return
    }
    #expect(failed == 2)
    #expect(total == 3)
    #expect(x == -2.35 && y == 95)
    #expect(message.contains("nvalid latitude") || message.contains("outside"))
    #expect(coordinates == input)
    #expect(!printed.contains("Invalid latitude"))
    // The transformer is still usable after the failure, with no stale error.
    var good = [-2.35, 53.44]
    try transformer.transform(&good)
    #expect(abs(good[0] - 376847.626247) < 0.001)
  }

  @Test("an odd-length buffer is rejected")
  func oddBuffer() throws {
    let transformer = try Transformer(from: .wgs84LonLat, to: .britishNationalGrid)
    var coordinates = [1.0, 2.0, 3.0]
    #expect(throws: PROJError.oddCoordinateCount(3)) { try transformer.transform(&coordinates) }
  }

  @Test("non-finite input is reported as a failed coordinate")
  func nonFiniteInput() throws {
    let transformer = try Transformer(from: .wgs84LonLat, to: .britishNationalGrid)
    var coordinates = [-2.35, 53.44, .nan, 53]
    #expect(throws: PROJError.self) { try transformer.transform(&coordinates) }
  }
}
