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

  /// The NHS ambulance-service catchments ship with one property, `ambo22`: it is the id, not
  /// the feature's position (issue 16).
  @Test func theOnlyUniquePropertyIsTheId() {
    let fields = IdentifierFields.detect(
      in: features([["ambo22": .string("RX9")], ["ambo22": .string("RYA")], ["ambo22": .string("RRU")]]))
    #expect(fields.id == .property("ambo22"))
    #expect(fields.rule == "the only property present and unique in every feature")
    #expect(fields.how == "detected")
  }

  @Test func uniquePropertiesArePreferredByNameThenSpacesThenOrder() {
    // Keys are sorted by the helper: area_number, community, site_ref.
    let rows: [[String: JSONValue]] = [
      ["community": .string("Rogers Park"), "area_number": .number(1), "site_ref": .string("A-1")],
      ["community": .string("West Ridge"), "area_number": .number(2), "site_ref": .string("A-2")],
    ]
    let spaceless = IdentifierFields.detect(in: features(rows))
    #expect(spaceless.id == .property("area_number"))
    #expect(spaceless.rule.hasSuffix("the first whose values have no spaces"))
    var coded = rows
    for i in coded.indices { coded[i]["zone_cd"] = .string("Z \(i)") }
    #expect(IdentifierFields.detect(in: features(coded)).id == .property("zone_cd"))
    let spaced = features([
      ["b": .string("x y"), "a": .string("p q")], ["b": .string("x z"), "a": .string("p r")],
    ])
    let ordered = IdentifierFields.detect(in: spaced)
    #expect(ordered.id == .property("a"))
    #expect(ordered.rule.hasSuffix("in file order"))
    // A value missing or repeated disqualifies a property; with none left, position.
    let none = features([["a": .string("1")], ["a": .string("1")]])
    #expect(IdentifierFields.detect(in: none).id == .position)
  }

  @Test func dbfTruncatedCodeAndNameFields() {
    let fields = IdentifierFields.detect(
      in: features([
        ["ward22_cod": .string("E05000001"), "ward22_nam": .string("Aldersgate"), "value": .number(1)],
        ["ward22_cod": .string("E05000002"), "ward22_nam": .string("Aldgate"), "value": .number(2)],
      ]))
    #expect(fields.id == .property("ward22_cod"))
    #expect(fields.name == "ward22_nam")
    #expect(fields.rule == "a known code field (ONS *CD, *_code, code), present and unique in every feature")
  }
}
