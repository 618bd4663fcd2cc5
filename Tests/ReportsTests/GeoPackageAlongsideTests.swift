import Foundation
import GeoCore
import Reports
import TestSupport
import Testing

/// report.gpkg written on a thread of its own: the same bytes as written in place, and a failure
/// thrown to the caller with nothing left behind.
@Suite struct GeoPackageAlongsideTests {
  /// Three squares of 100 m with an id and an area, styled.
  static let squares = GeoPackageOutput.Layer(
    name: "squares",
    features: (0..<3).map { k in
      let x = 400_000 + 100 * Double(k)
      return (
        FlatGeometry.polygon([
          [(x, 300_000), (x + 100, 300_000), (x + 100, 300_100), (x, 300_100), (x, 300_000)]
        ]),
        ["id": .string("S\(k)"), "area_m2": .number(10_000)]
      )
    }, style: "<qgis/>")

  static func tables() -> [(String, CSVWriter)] {
    var counts = CSVWriter(header: ["code", "count", "share"])
    for (code, count, share) in [("01", "5", "0.25"), ("10", "", "1")] {
      counts.text(code)
      counts.text(count)
      counts.text(share)
      counts.endRow()
    }
    var repeated = CSVWriter(header: ["a", "a", "b"])
    repeated.text("1")
    repeated.text("x")
    repeated.text("2.5")
    repeated.endRow()
    return [("counts", counts), ("repeated", repeated)]
  }

  @Test func sameBytesAsWrittenInPlace() throws {
    let output = GeoPackageOutput(workingCRS: "EPSG:27700")
    let folder = try Scratch.folder("nbhd-alongside")
    let stamp = "2026-01-01T00:00:00.000Z"
    let inPlace = try output.open(folder + "/in-place.gpkg", lastChange: stamp)
    try inPlace.write(Self.squares)
    for (name, csv) in Self.tables() { try inPlace.write(name: name, csv: csv) }
    try inPlace.finish()
    let alongside = try output.openAlongside(folder + "/alongside.gpkg", lastChange: stamp)
    try alongside.write(Self.squares)
    for (name, csv) in Self.tables() { try alongside.write(name: name, csv: csv) }
    try alongside.finish()
    let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/in-place.gpkg"))
    let b = try Data(contentsOf: URL(fileURLWithPath: folder + "/alongside.gpkg"))
    #expect(a.count > 4096 && a == b)
  }

  /// A layer handed over twice under one name fails on the file's thread: the caller hears of it
  /// from `finish()`, and neither the file nor its temporary copy is left.
  @Test func failureReachesTheCaller() throws {
    let folder = try Scratch.folder("nbhd-alongside")
    let alongside = try GeoPackageOutput(workingCRS: "EPSG:27700").openAlongside(folder + "/r.gpkg")
    // Being written, in a temporary file beside its path.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 1)
    try alongside.write(Self.squares)
    try alongside.write(Self.squares)
    #expect {
      try alongside.finish()
    } throws: { "\($0)".contains("two tables named \"squares\"") }
    // Once failed, every later hand-over throws the same error.
    #expect { try alongside.write(name: "t", csv: CSVWriter(header: ["a"])) } throws: {
      "\($0)".contains("two tables named")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
  }
}
