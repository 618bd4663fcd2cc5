import GeoCore
import Layers
import Testing

@Suite struct IdentifierFieldsTests {
  func features(_ rows: [[String: JSONValue]], ids: [JSONValue?]? = nil) -> [Feature] {
    rows.enumerated().map { i, row in
      var properties = JSONObject()
      for key in row.keys.sorted() { properties[key] = row[key] }
      return Feature(id: ids?[i] ?? nil, properties: properties, geometry: nil)
    }
  }

  @Test func onsCodeAndName() {
    let fields = IdentifierFields.detect(
      in: features([
        [
          "LSOA11CD": .string("E01000001"), "LSOA11NM": .string("City of London 001A"),
          "OBJECTID": .number(1),
        ],
        [
          "LSOA11CD": .string("E01000002"), "LSOA11NM": .string("City of London 001B"),
          "OBJECTID": .number(2),
        ],
      ]))
    #expect(fields.id == .property("LSOA11CD"))
    #expect(fields.name == "LSOA11NM")
  }

  @Test func pcnCodeBeatsNonUniqueCodes() {
    let fields = IdentifierFields.detect(
      in: features([
        ["ward_code": .string("W1"), "pcn_code": .string("U1"), "pcn_name": .string("North PCN")],
        ["ward_code": .string("W1"), "pcn_code": .string("U2"), "pcn_name": .string("South PCN")],
      ]))
    #expect(fields.id == .property("pcn_code"))
    #expect(fields.name == "pcn_name")
  }

  @Test func fallsBackToGeoJSONIDThenNameThenPosition() {
    let withIDs = features([["Name": .string("A")], ["Name": .string("B")]], ids: [.number(7), .number(8)])
    #expect(IdentifierFields.detect(in: withIDs).id == .featureID)
    let named = features([["Name": .string("A")], ["Name": .string("B")]])
    #expect(IdentifierFields.detect(in: named).id == .property("Name"))
    let bare = features([["value": .number(1)], ["value": .number(1)]])
    let fields = IdentifierFields.detect(in: bare)
    #expect(fields.id == .position)
    #expect(fields.id(of: bare[1], index: 1) == "#1")
  }
}
