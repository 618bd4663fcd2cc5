import GEOS
import GeoCore
import Layers

/// Options of a catchment derivation.
public struct CatchmentOptions: Sendable {
  /// PCN or practice.
  public var grouping: CatchmentGrouping = .pcn
  /// The methods to run, each giving one set of catchments.
  public var methods: [CatchmentMethod] = [.majority, .footprint(0.8), .threshold(0.2)]
  /// A field of the LSOA layer with its residents, for the registration ratio.
  public var residentsField: String?
  /// LSOAs whose registration ratio is below this are flagged as not safely assignable.
  public var minCoverage: Double = 0.5
  /// Threads for dissolving.
  public var threads: Int = ParallelChunks.defaultThreadCount

  /// Every method at its default parameter, PCN grouping, no residents field.
  public init() {}
}

/// One group (a PCN or a practice) and where its patients live.
public struct CatchmentGroup: Sendable, Hashable {
  /// The group's code (PCN code or practice code).
  public var code: String
  /// The group's name, when the file or the map gives one.
  public var name: String?
  /// Practice codes in the group.
  public var practices: [String]
  /// All the file's patients of the group.
  public var patients: Int
  /// Its patients living in layer LSOAs.
  public var patientsInLayer: Int
  /// Its patients from codes outside the layer, and the rows that gave them.
  public var outsidePatients: Int
  /// Rows that gave those outside patients.
  public var outsideRows: Int
}

/// A group's patients in one layer LSOA.
public struct GroupPatients: Sendable, Hashable {
  /// Position in the result's groups.
  public var group: Int
  /// The group's patients here.
  public var patients: Int
}

/// How one layer LSOA is assigned.
public struct LSOAAssignment: Sendable, Hashable {
  /// All the file's patients from the LSOA.
  public var patients: Int
  /// The group with most of them (ties: lowest code) and the runner-up (nil when none).
  public var top: GroupPatients?
  /// The group with the next most patients, if any.
  public var runnerUp: GroupPatients?
  /// Residents (from the residents field) and patients / residents.
  public var residents: Double?
  /// The LSOA's patients in the file / its residents (nil without residents).
  public var registrationRatio: Double?
  /// Why the assignment is doubtful: no patients, or a ratio below the minimum coverage.
  public var flag: Flag

  /// What an assignment's flag says.
  public enum Flag: String, Sendable, Hashable {
    case none = ""
    case noPatients = "no_patients"
    case lowCoverage = "low_coverage"
  }

  /// top's share of the LSOA's patients.
  public var topShare: Double? { top.map { Double($0.patients) / Double(patients) } }
  /// runner-up's share.
  public var runnerUpShare: Double? { runnerUp.map { Double($0.patients) / Double(patients) } }
}

/// Patients from one code outside the layer, for one group.
public struct OutsideCount: Sendable, Hashable {
  /// Position in the result's groups.
  public var group: Int
  /// Why the code is outside the layer.
  public var kind: OutsideKind
  /// The code as the file writes it (CLOSED, W01000044, E01000001, …).
  public var code: String
  /// Rows of the file with this group and code.
  public var rows: Int
  /// The group's patients here.
  public var patients: Int
}

/// One group's area by one method: the LSOAs and their dissolved union.
public struct Catchment: Sendable {
  /// The method that made it.
  public var method: CatchmentMethod
  /// Position in the result's groups.
  public var group: Int
  /// LSOA positions in the layer, in the method's order (footprint: descending patients).
  public var members: [Int]
  /// The group's patients in those LSOAs.
  public var patientsCovered: Int
  /// The union of the members (working CRS).
  public var geometry: FlatGeometry
  /// Its area (m²).
  public var area: Double
}

/// Everything a catchment derivation produced.
public struct CatchmentResult: Sendable {
  /// The registrations as read (after any practice map).
  public var registrations: Registrations
  /// The LSOA layer (the study area).
  public var lsoas: Layer
  /// The options it ran with.
  public var options: CatchmentOptions
  /// Groups sorted by code.
  public var groups: [CatchmentGroup]
  /// For each layer LSOA, its patients by group (group order).
  public var flows: [[GroupPatients]]
  /// How each layer LSOA is assigned, in layer order.
  public var assignments: [LSOAAssignment]
  /// Rows outside the layer, by group, kind and code.
  public var outside: [OutsideCount]
  /// Catchments per method, in the options' order; within a method, by group.
  public var catchments: [(method: CatchmentMethod, catchments: [Catchment])]
  /// Layer ids that occur more than once (the first feature gets the patients).
  public var repeatedLayerIDs: [String]
  /// Layer LSOAs not loaded because no row gives them patients (the loader's skipped features):
  /// they have no patients and are unassigned.
  public var unloadedLSOAs: [String] { lsoas.skippedFeatures.map(\.id) }

  /// A not-loaded LSOA's name and residents (from the residents field), read from its properties.
  public func unloadedDetails(_ k: Int) -> (name: String?, residents: Double?) {
    let feature = lsoas.skippedFeatures[k].feature
    return (
      lsoas.fields.name(of: feature),
      options.residentsField.flatMap { feature.properties[$0]?.numberValue }
    )
  }

  /// Outside rows and patients by kind.
  public var outsideByKind: [(kind: OutsideKind, rows: Int, patients: Int)] {
    OutsideKind.allCases.map { kind in
      let rows = outside.filter { $0.kind == kind }
      return (kind, rows.reduce(0) { $0 + $1.rows }, rows.reduce(0) { $0 + $1.patients })
    }
  }
}

/// Derives catchments from registrations against an LSOA layer (DESIGN.md §12, issue 15).
public enum CatchmentAnalysis {
  /// Runs the derivation. With PCN grouping every practice with patients must have a PCN.
  public static func run(_ registrations: Registrations, lsoas: Layer, options: CatchmentOptions) throws
    -> CatchmentResult
  {
    for method in options.methods {
      if let p = method.parameter, !(p > 0 && p <= 1) {
        throw RegistrationError.badParameter("the \(method.name) share must be in (0, 1], got \(p)")
      }
    }
    var clock = StageClock()
    // 1. Groups.
    let practicePatients = registrations.patientsByPractice
    var groupOf = [Int](repeating: -1, count: registrations.practices.count)
    var groups: [CatchmentGroup] = []
    switch options.grouping {
    case .practice:
      for (i, practice) in registrations.practices.enumerated() {
        groupOf[i] = groups.count
        groups.append(
          CatchmentGroup(
            code: practice.code, name: practice.name, practices: [practice.code], patients: 0,
            patientsInLayer: 0, outsidePatients: 0, outsideRows: 0))
      }
    case .pcn:
      let missing = registrations.practices.indices.filter {
        registrations.practices[$0].pcn == nil && practicePatients[$0] > 0
      }
      if !missing.isEmpty {
        throw RegistrationError.practicesWithoutPCN(
          file: registrations.source, map: registrations.practiceMap,
          practices: missing.map { (registrations.practices[$0].code, practicePatients[$0]) })
      }
      var byCode: [String: [Int]] = [:]
      for (i, practice) in registrations.practices.enumerated() {
        if let pcn = practice.pcn { byCode[pcn, default: []].append(i) }
      }
      for code in byCode.keys.sorted() {
        let members = byCode[code]!
        for i in members { groupOf[i] = groups.count }
        groups.append(
          CatchmentGroup(
            code: code, name: members.lazy.compactMap { registrations.practices[$0].pcnName }.first,
            practices: members.map { registrations.practices[$0].code }, patients: 0, patientsInLayer: 0,
            outsidePatients: 0, outsideRows: 0))
      }
    }
    // 2. Counts into layer LSOAs or outside.
    var lsoaIndex: [String: Int] = [:]
    var repeated: Set<String> = []
    for (i, feature) in lsoas.features.enumerated() {
      if lsoaIndex[feature.id] == nil { lsoaIndex[feature.id] = i } else { repeated.insert(feature.id) }
    }
    var byLSOA = [[Int: Int]](repeating: [:], count: lsoas.features.count)
    var outside: [OutsideCount] = []
    var anyMatched = false
    for count in registrations.counts {
      let g = groupOf[count.practice]
      guard g >= 0 else { continue }  // a practice with no PCN and no patients
      groups[g].patients += count.patients
      if let i = lsoaIndex[count.lsoa] {
        anyMatched = true
        byLSOA[i][g, default: 0] += count.patients
        groups[g].patientsInLayer += count.patients
      } else {
        outside.append(
          OutsideCount(
            group: g, kind: OutsideKind.of(count.lsoa), code: count.lsoa, rows: count.rows,
            patients: count.patients))
        groups[g].outsidePatients += count.patients
        groups[g].outsideRows += count.rows
      }
    }
    if !anyMatched && !registrations.counts.isEmpty {
      let codes = Array(Set(registrations.counts.map(\.lsoa).filter { OutsideKind.of($0) != .notAnLSOACode }))
        .sorted()
      throw RegistrationError.noMatchingLSOAs(
        layer: lsoas.source, idField: lsoas.fields.id.description,
        examples: codes.isEmpty ? Array(Set(registrations.counts.map(\.lsoa))).sorted() : codes,
        layerExamples: (lsoas.features.map(\.id) + lsoas.record.skipped.map(\.id)).prefix(3).map { $0 })
    }
    // Several practices of a PCN give several rows per (group, code): merge them.
    outside = mergeOutside(outside)
    let flows: [[GroupPatients]] = byLSOA.map { counts in
      counts.keys.sorted().map { GroupPatients(group: $0, patients: counts[$0]!) }
    }
    // 3. Assignment of every layer LSOA.
    let assignments = try lsoas.features.indices.map { i throws -> LSOAAssignment in
      let here = flows[i]
      let total = here.reduce(0) { $0 + $1.patients }
      // Highest count first; ties to the lower group position, which is the lower code.
      let ranked = here.sorted { ($0.patients, -$0.group) > ($1.patients, -$1.group) }
      var residents: Double?
      if let field = options.residentsField {
        guard let value = lsoas.features[i].properties[field] else {
          throw RegistrationError.badParameter(
            "\(lsoas.source): feature \(lsoas.features[i].index) (id \"\(lsoas.features[i].id)\") has no "
              + "residents field \"\(field)\"; its properties are: "
              + lsoas.features[i].properties.keys.joined(separator: ", "))
        }
        residents = value.numberValue
      }
      let ratio = residents.flatMap { $0 > 0 ? Double(total) / $0 : nil }
      let flag: LSOAAssignment.Flag =
        total == 0 ? .noPatients : (ratio.map { $0 < options.minCoverage } ?? false) ? .lowCoverage : .none
      return LSOAAssignment(
        patients: total, top: ranked.first, runnerUp: ranked.dropFirst().first, residents: residents,
        registrationRatio: ratio, flag: flag)
    }
    clock.lap("catchments: counts and assignments")
    // 4. Memberships per method.
    var memberships: [(CatchmentMethod, [(group: Int, members: [Int], covered: Int)])] = []
    for method in options.methods {
      memberships.append(
        (method, members(method, groups: groups, flows: flows, assignments: assignments, lsoas: lsoas)))
    }
    clock.lap("catchments: memberships")
    // 5. Dissolve.
    let geometries = lsoas.geometries
    let areas = geometries.map(\.polygonalArea)
    let jobs = memberships.flatMap { method, list in list.map { (method, $0) } }
    let dissolved = try ParallelChunks.map(
      count: jobs.count, threads: options.threads, chunkSize: 1, makeWorker: { GeometryContext() },
      body: { context, k -> (FlatGeometry, Double, Bool) in
        try dissolve(jobs[k].1.members, geometries: geometries, areas: areas, context: context)
      })
    clock.note("dissolve: \(dissolved.filter(\.2).count) of \(dissolved.count) by coverage union")
    clock.lap("catchments: dissolve")
    var catchments: [(method: CatchmentMethod, catchments: [Catchment])] = []
    var k = 0
    for (method, list) in memberships {
      var made: [Catchment] = []
      for entry in list {
        made.append(
          Catchment(
            method: method, group: entry.group, members: entry.members, patientsCovered: entry.covered,
            geometry: dissolved[k].0, area: dissolved[k].1))
        k += 1
      }
      catchments.append((method, made))
    }
    return CatchmentResult(
      registrations: registrations, lsoas: lsoas, options: options, groups: groups, flows: flows,
      assignments: assignments, outside: outside, catchments: catchments, repeatedLayerIDs: repeated.sorted())
  }

  /// Each group's LSOAs by one method (groups with none are left out).
  static func members(
    _ method: CatchmentMethod, groups: [CatchmentGroup], flows: [[GroupPatients]],
    assignments: [LSOAAssignment], lsoas: Layer
  ) -> [(group: Int, members: [Int], covered: Int)] {
    var perGroup = [[(lsoa: Int, patients: Int)]](repeating: [], count: groups.count)
    for (i, here) in flows.enumerated() {
      for entry in here { perGroup[entry.group].append((i, entry.patients)) }
    }
    var result: [(group: Int, members: [Int], covered: Int)] = []
    for g in groups.indices {
      var members: [Int] = []
      var covered = 0
      switch method {
      case .majority:
        for (i, patients) in perGroup[g] where assignments[i].top?.group == g {
          members.append(i)
          covered += patients
        }
      case .footprint(let p):
        let ordered = perGroup[g].sorted {
          $0.patients != $1.patients
            ? $0.patients > $1.patients : lsoas.features[$0.lsoa].id < lsoas.features[$1.lsoa].id
        }
        // Integer patients: compare covered / total ≥ p without the rounding of p × total.
        let total = Double(groups[g].patientsInLayer)
        for (i, patients) in ordered {
          if total > 0 && Double(covered) / total >= p { break }
          members.append(i)
          covered += patients
        }
      case .threshold(let s):
        for (i, patients) in perGroup[g] where Double(patients) / Double(assignments[i].patients) >= s {
          members.append(i)
          covered += patients
        }
      }
      if !members.isEmpty { result.append((g, members, covered)) }
    }
    return result
  }

  /// The union of some LSOAs. Members whose boxes chain together are unioned by GEOS's coverage
  /// union when it is provably right (neighbours share identical edges), else a unary union; a
  /// lone member is its own union. Groups lie in boxes that do not touch, so their shapes cannot
  /// meet and their parts joined make a valid multipolygon (a majority area on a national layer
  /// is a core and many scattered LSOAs: no union over the whole of it is needed). The flag says
  /// whether every group was a coverage union.
  static func dissolve(
    _ members: [Int], geometries: [FlatGeometry], areas: [Double], context: GeometryContext
  )
    throws -> (FlatGeometry, Double, Bool)
  {
    var pieces: [FlatGeometry] = []
    var area = 0.0
    var byCoverage = true
    for group in BoxClusters.group(members.map { geometries[$0].boundingBox }) {
      let lsoas = group.map { members[$0] }
      if lsoas.count == 1 {
        pieces.append(geometries[lsoas[0]])
        area += areas[lsoas[0]]
        continue
      }
      let parts = try lsoas.map { try Geometry(geometries[$0], context: context) }
      let collection = try Geometry.collection(parts, context: context)
      let total = lsoas.reduce(0.0) { $0 + areas[$1] }
      let coverage = try collection.coverageUnionIfExact(totalArea: total)
      if coverage == nil { byCoverage = false }
      let polygonal = try (coverage ?? collection.unaryUnion()).polygonalPart()
      pieces.append(try polygonal.flat())
      area += try polygonal.area()
    }
    let union = pieces.count == 1 ? pieces[0] : FlatGeometry.multiPolygon(joining: pieces)
    return (union, area, byCoverage)
  }

  static func mergeOutside(_ rows: [OutsideCount]) -> [OutsideCount] {
    var merged: [String: OutsideCount] = [:]
    for row in rows {
      let key = "\(row.group)|\(row.code)"
      if var existing = merged[key] {
        existing.rows += row.rows
        existing.patients += row.patients
        merged[key] = existing
      } else {
        merged[key] = row
      }
    }
    return merged.values.sorted { ($0.group, $0.kind, $0.code) < ($1.group, $1.kind, $1.code) }
  }
}
