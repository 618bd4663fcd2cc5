import Foundation
import Reports
import Testing

/// The CSV writer's bytes, written out by hand: RFC 4180 quoting only where needed, fixed
/// decimals rounded half away from zero, empty fields for missing values.
@Suite struct CSVWriterTests {
  @Test func quotingAndNumbers() {
    var csv = CSVWriter(header: ["id", "name", "share", "count", "flag"])
    csv.text("E01")
    csv.text("Hale, Barns")
    csv.number(0.1234565, decimals: 6)
    csv.integer(3)
    csv.flag(true)
    csv.endRow()
    csv.text("E02")
    csv.text("The \"Village\"\nCentre")
    csv.number(nil, decimals: 2)
    csv.integer(nil)
    csv.flag(false)
    csv.endRow()
    csv.text(nil)
    csv.text("")
    csv.number(-2.5, decimals: 0)
    csv.number(.infinity, decimals: 2)
    csv.number(1_234_567.891, decimals: 2)
    csv.endRow()
    let expected = """
      id,name,share,count,flag
      E01,"Hale, Barns",0.123457,3,true
      E02,"The ""Village""
      Centre",,,false
      ,,-3,,1234567.89

      """
    #expect(String(decoding: csv.bytes, as: UTF8.self) == expected)
  }

  /// Text beyond ASCII is copied byte for byte, quoted when it holds a comma or quote.
  @Test func welshNamesKeepTheirLetters() {
    var csv = CSVWriter(header: ["name"])
    for name in ["Ynys Môn", "Llŷn, Eifionydd", "Pen-y-bont \"ar Ogwr\""] {
      csv.text(name)
      csv.endRow()
    }
    #expect(
      String(decoding: csv.bytes, as: UTF8.self)
        == "name\nYnys Môn\n\"Llŷn, Eifionydd\"\n\"Pen-y-bont \"\"ar Ogwr\"\"\"\n")
    #expect(csv.bytes.count == 59)  // ô and ŷ are two bytes each
  }

  /// A formula-looking field stays as it is (the tables are data), unquoted unless it needs it.
  @Test func formulaTextIsLeftAlone() {
    var csv = CSVWriter(header: ["a"])
    csv.text("=SUM(A1:A2)")
    csv.endRow()
    #expect(String(decoding: csv.bytes, as: UTF8.self) == "a\n=SUM(A1:A2)\n")
  }
}
