import Foundation
import GeoCore
import Reports
import TestSupport
import Testing

/// A report's CSV tables in report.gpkg: written straight from the CSV text, the file is byte for
/// byte the one written from the table's objects (`GeoPackageOutput.Table(csv:)`), whose typing
/// is checked by hand here.
@Suite struct GeoPackageTableTests {
  static func file(_ csv: CSVWriter, direct: Bool) throws -> Data {
    let path = try Scratch.folder("nbhd-table") + "/t.gpkg"
    let file = try GeoPackageOutput(workingCRS: "EPSG:27700").open(
      path, lastChange: "2026-01-01T00:00:00.000Z")
    if direct {
      try file.write(name: "t", csv: csv)
    } else {
      try file.write(try GeoPackageOutput.Table(name: "t", csv: csv))
    }
    try file.finish()
    return try Data(contentsOf: URL(fileURLWithPath: path))
  }

  @Test func typedColumnsAsTheObjectsHaveThem() throws {
    var csv = CSVWriter(header: ["code", "count", "share", "flag", "name", "none", "signed", "fid"])
    let rows: [[String?]] = [
      ["01", "5", "0.25", "true", "Hale, Barns", nil, "-007", "1"],
      ["10", "", "1", "false", "Café", nil, "-0.5", "2"],
      ["7", "12", "-3.5", "true", "\"Village\"", nil, "0.5", "3"],
    ]
    for row in rows {
      for cell in row { csv.text(cell) }
      csv.endRow()
    }
    let table = try GeoPackageOutput.Table(name: "t", csv: csv)
    // A leading zero keeps codes as text; numbers are numbers; empty fields null.
    #expect(table.rows[0]["code"] == .string("01"))
    #expect(table.rows.map { $0["count"] } == [.number(5), .null, .number(12)])
    #expect(table.rows.map { $0["share"] } == [.number(0.25), .number(1), .number(-3.5)])
    #expect(table.rows[0]["flag"] == .string("true"))
    #expect(table.rows[1]["name"] == .string("Café"))
    #expect(table.rows[2]["none"] == .null)
    #expect(table.rows[0]["signed"] == .string("-007"))
    #expect(try Self.file(csv, direct: true) == Self.file(csv, direct: false))
  }

  @Test func headerOnlyAndRepeatedColumns() throws {
    let empty = CSVWriter(header: ["a", "b"])
    #expect(try Self.file(empty, direct: true) == Self.file(empty, direct: false))
    var repeated = CSVWriter(header: ["a", "a", "b"])
    repeated.text("1")
    repeated.text("x")
    repeated.text("2.5")
    repeated.endRow()
    #expect(try Self.file(repeated, direct: true) == Self.file(repeated, direct: false))
  }
}

/// Positions grouped by key, each group in list order (as filtering once per key gives).
@Suite struct KeyPositionsTests {
  @Test func groupsInOrder() {
    #expect(KeyPositions.grouped([2, 0, 2, 1, 2], count: 4) == [[1], [3], [0, 2, 4], []])
    #expect(KeyPositions.grouped([], count: 2) == [[], []])
  }
}
