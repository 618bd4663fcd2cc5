/// How PCN membership changed between two practice→PCN maps (issue 15): practices left, joined,
/// moved or stayed; PCNs dissolved, new or kept, and split or merged.
public struct PracticeChurn: Sendable {
  /// What happened to one practice.
  public enum PracticeStatus: String, Sendable, Hashable, CaseIterable {
    /// In the old map only.
    case left
    /// In the new map only.
    case joined
    /// In both, in a different PCN.
    case moved
    /// In both, in the same PCN.
    case stayed
  }

  /// What happened to one PCN code.
  public enum PCNStatus: String, Sendable, Hashable, CaseIterable {
    /// In the old map only.
    case dissolved
    /// In the new map only.
    case new
    /// In both.
    case kept
  }

  /// One practice's row.
  public struct PracticeChange: Sendable, Hashable {
    /// The practice code.
    public var code: String
    /// The name (the new map's when both give one).
    public var name: String?
    /// Its PCN in the old map, if listed there.
    public var oldPCN: String?
    /// Its PCN in the new map, if listed there.
    public var newPCN: String?
    /// What happened to it.
    public var status: PracticeStatus
    /// Patients in the registrations file, when one was given and lists the practice.
    public var patients: Int?
  }

  /// One PCN's row.
  public struct PCNChange: Sendable, Hashable {
    /// The PCN code.
    public var code: String
    /// The name (the new map's when both give one).
    public var name: String?
    /// What happened to it.
    public var status: PCNStatus
    /// Practices in it in the old and the new map.
    public var oldPractices: [String]
    /// Practices in it in the new map.
    public var newPractices: [String]
    /// Practices in it in the new map and not in the old (joined or moved in), and the reverse.
    public var practicesGained: [String]
    /// Practices in it in the old map and not in the new (left or moved out).
    public var practicesLost: [String]
    /// The new PCNs of its practices present in both maps, when there are two or more (split).
    public var splitInto: [String]
    /// The old PCNs of its new-map practices present in both maps, when two or more (merged).
    public var mergedFrom: [String]
    /// Registered patients of its old-map and new-map practices (with registrations).
    public var oldPatients: Int?
    /// Registered patients of its new-map practices (with registrations).
    public var newPatients: Int?

    /// True when its practices present in both maps went to two or more PCNs.
    public var isSplit: Bool { !splitInto.isEmpty }
    /// True when its new-map practices present in both maps came from two or more PCNs.
    public var isMerged: Bool { !mergedFrom.isEmpty }
  }

  /// The older map.
  public var old: PracticeMap
  /// The newer map.
  public var new: PracticeMap
  /// Practices of either map, by code.
  public var practices: [PracticeChange]
  /// PCNs of either map, by code.
  public var pcns: [PCNChange]
  /// The registrations file, when given, and the practices of either map it does not list.
  public var registrations: String?
  /// Practices of either map that the registrations file does not list.
  public var unknownPractices: [String]
  /// Practices in the registrations file that neither map lists, with their patients.
  public var registeredNotInMaps: [(code: String, patients: Int)]

  /// Compares two maps; `registrations` gives practices and PCNs their patients.
  public init(old: PracticeMap, new: PracticeMap, registrations: Registrations? = nil) {
    self.old = old
    self.new = new
    var patients: [String: Int]?
    if let registrations {
      var byCode: [String: Int] = [:]
      for (i, total) in registrations.patientsByPractice.enumerated() {
        byCode[registrations.practices[i].code] = total
      }
      patients = byCode
    }
    let codes = Set(old.entries.keys).union(new.entries.keys).sorted()
    practices = codes.map { code in
      let before = old.entries[code], after = new.entries[code]
      let status: PracticeStatus =
        switch (before, after) {
        case (.some(let b), .some(let a)): b.pcnCode == a.pcnCode ? .stayed : .moved
        case (.some, nil): .left
        default: .joined
        }
      return PracticeChange(
        code: code, name: after?.practiceName ?? before?.practiceName, oldPCN: before?.pcnCode,
        newPCN: after?.pcnCode, status: status, patients: patients?[code])
    }
    var oldMembers: [String: [String]] = [:], newMembers: [String: [String]] = [:]
    for code in codes {
      if let pcn = old.entries[code]?.pcnCode { oldMembers[pcn, default: []].append(code) }
      if let pcn = new.entries[code]?.pcnCode { newMembers[pcn, default: []].append(code) }
    }
    pcns = Set(oldMembers.keys).union(newMembers.keys).sorted().map { code in
      let before = oldMembers[code] ?? [], after = newMembers[code] ?? []
      let status: PCNStatus = before.isEmpty ? .new : after.isEmpty ? .dissolved : .kept
      let beforeSet = Set(before), afterSet = Set(after)
      let destinations = Set(before.compactMap { new.entries[$0]?.pcnCode })
      let origins = Set(after.compactMap { old.entries[$0]?.pcnCode })
      func sum(_ list: [String]) -> Int? {
        patients.map { table in list.reduce(0) { $0 + (table[$1] ?? 0) } }
      }
      return PCNChange(
        code: code, name: new.pcnNames[code] ?? old.pcnNames[code], status: status, oldPractices: before,
        newPractices: after, practicesGained: after.filter { !beforeSet.contains($0) },
        practicesLost: before.filter { !afterSet.contains($0) },
        splitInto: destinations.count >= 2 ? destinations.sorted() : [],
        mergedFrom: origins.count >= 2 ? origins.sorted() : [], oldPatients: sum(before),
        newPatients: sum(after))
    }
    self.registrations = registrations?.source
    unknownPractices = patients.map { table in codes.filter { table[$0] == nil } } ?? []
    let known = Set(codes)
    registeredNotInMaps =
      registrations.map { r in
        let totals = r.patientsByPractice
        return r.practices.indices.filter { !known.contains(r.practices[$0].code) }.map {
          (r.practices[$0].code, totals[$0])
        }
      } ?? []
  }

  /// Practices with a status.
  public func count(_ status: PracticeStatus) -> Int { practices.filter { $0.status == status }.count }
  /// PCNs with a status.
  public func count(_ status: PCNStatus) -> Int { pcns.filter { $0.status == status }.count }
  /// PCN codes in the old map and in the new.
  public var pcnsBefore: Int { pcns.filter { $0.status != .new }.count }
  /// PCN codes in the new map.
  public var pcnsAfter: Int { pcns.filter { $0.status != .dissolved }.count }
}
