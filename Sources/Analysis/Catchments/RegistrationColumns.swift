/// Which column of a registrations table holds what. Each is detected from the header (NHS
/// England's names first) unless named here; the name column may carry a suffix a join left
/// behind (`PRACTICE_NAME.x`).
public struct RegistrationColumns: Sendable, Hashable {
  /// The LSOA code of the patients' home.
  public var lsoa: String?
  /// The practice code.
  public var practice: String?
  /// The practice name (optional in the file).
  public var practiceName: String?
  /// The number of patients.
  public var patients: String?
  /// The PCN code (the SSOT layout has it; the national file does not).
  public var pcn: String?
  /// The PCN name.
  public var pcnName: String?
  /// `SEX` (`ALL`, `MALE`, `FEMALE`) in the national file.
  public var sex: String?

  /// Every column detected.
  public init() {}

  static let lsoaNames = [
    "LSOA_CODE", "LSOA21CD", "LSOA11CD", "lsoa21_code", "lsoa11_code", "lsoa_code", "LSOA",
  ]
  static let practiceNames = ["PRACTICE_CODE", "practice_code", "ORG_CODE", "PRACTICE"]
  static let practiceNameNames = ["PRACTICE_NAME", "practice_name"]
  static let patientNames = ["NUMBER_OF_PATIENTS", "number_of_patients", "PATIENTS", "patients", "COUNT"]
  static let pcnNames = ["PCN_CODE", "pcn_code"]
  static let pcnNameNames = ["PCN_NAME", "pcn_name"]
  static let sexNames = ["SEX", "sex", "GENDER"]

  /// The resolved column positions for a header.
  struct Positions {
    var lsoa: Int
    var practice: Int
    var practiceName: Int?
    var patients: Int
    var pcn: Int?
    var pcnName: Int?
    var sex: Int?
  }

  func positions(in header: [String], file: String) throws(RegistrationError) -> Positions {
    func named(_ name: String, role: String) throws(RegistrationError) -> Int {
      if let i = header.firstIndex(of: name) { return i }
      if let i = header.firstIndex(where: { $0.lowercased() == name.lowercased() }) { return i }
      throw .unknownColumn(file: file, role: role, name: name, found: header)
    }
    func detected(_ names: [String], allowSuffix: Bool = false) -> Int? {
      let lowered = header.map { $0.lowercased() }
      for name in names {
        if let i = lowered.firstIndex(of: name.lowercased()) { return i }
      }
      guard allowSuffix else { return nil }
      // `PRACTICE_NAME.x`, `PRACTICE_NAME.y`: a merge in R left a suffix.
      for name in names {
        if let i = lowered.firstIndex(where: { $0.hasPrefix(name.lowercased() + ".") }) { return i }
      }
      return nil
    }
    func required(_ given: String?, _ names: [String], role: String) throws(RegistrationError) -> Int {
      if let given { return try named(given, role: role) }
      guard let i = detected(names) else {
        throw .missingColumn(file: file, role: role, tried: names, found: header)
      }
      return i
    }
    func optional(_ given: String?, _ names: [String], role: String, allowSuffix: Bool = false)
      throws(RegistrationError) -> Int?
    {
      if let given { return try named(given, role: role) }
      return detected(names, allowSuffix: allowSuffix)
    }
    return Positions(
      lsoa: try required(lsoa, Self.lsoaNames, role: "LSOA code"),
      practice: try required(practice, Self.practiceNames, role: "practice code"),
      practiceName: try optional(
        practiceName, Self.practiceNameNames, role: "practice name", allowSuffix: true),
      patients: try required(patients, Self.patientNames, role: "number of patients"),
      pcn: try optional(pcn, Self.pcnNames, role: "PCN code"),
      pcnName: try optional(pcnName, Self.pcnNameNames, role: "PCN name", allowSuffix: true),
      sex: try optional(sex, Self.sexNames, role: "sex"))
  }
}
