import Analysis
import ArgumentParser
import Foundation
import GeoCore
import Layers
import Reports

/// `nbhd catchments REGISTRATIONS LSOAS`: PCN or practice areas from patients registered by
/// LSOA, and how neighbourhoods fit them in registered patients (issue 15).
struct Catchments: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Derive PCN or practice catchments from GP patient registrations by LSOA (majority, footprint, "
      + "threshold), account for every row, and measure neighbourhoods' fit in registered patients.")

  @Argument(help: "Patients registered at a GP practice by LSOA (NHS England CSV).")
  var registrations: String

  @Argument(help: "LSOA polygons (the study area); their ids are the codes the file uses.")
  var lsoas: String

  @Option(help: "Group patients by pcn or practice.")
  var group: CatchmentGrouping = .pcn

  @Option(
    name: .customLong("practice-map"),
    help: "Practice → PCN map (CSV or GeoJSON); needed when the file has no PCN column, and wins over it.")
  var practiceMap: String?

  @Option(name: .customLong("method"), help: "majority, footprint or threshold (repeat; default all three).")
  var methods: [MethodName] = []

  @Option(help: "Footprint P: the share of a group's patients its footprint holds.")
  var footprint: Double = 0.8

  @Option(help: "Threshold S: the least share of an LSOA's patients that puts it in a group's area.")
  var threshold: Double = 0.2

  @Option(name: .customLong("residents-field"), help: "LSOA layer field with residents (registration ratio).")
  var residentsField: String?

  @Option(name: .customLong("min-coverage"), help: "Flag LSOAs whose registration ratio is below this.")
  var minCoverage: Double = 0.5

  @Option(help: "Neighbourhood polygons to measure in registered patients.")
  var neighbourhoods: String?

  @OptionGroup(title: "LSOA layer") var lsoaInput: InputOptions<LSOAInput>
  @OptionGroup(title: "Neighbourhoods") var neighbourhoodInput: InputOptions<NeighbourhoodInput>
  @OptionGroup(title: "Population") var population: PopulationOptions

  @Option(name: .customLong("lsoa-column"), help: "Registrations column with the LSOA code.")
  var lsoaColumn: String?
  @Option(name: .customLong("practice-column"), help: "Registrations column with the practice code.")
  var practiceColumn: String?
  @Option(name: .customLong("practice-name-column")) var practiceNameColumn: String?
  @Option(name: .customLong("patients-column"), help: "Registrations column with the number of patients.")
  var patientsColumn: String?
  @Option(name: .customLong("pcn-column")) var pcnColumn: String?
  @Option(name: .customLong("pcn-name-column")) var pcnNameColumn: String?
  @Option(name: .customLong("sex-column")) var sexColumn: String?

  @OptionGroup var threadOptions: ThreadOptions
  @OptionGroup var output: OutputOptions

  /// A method as named on the command line.
  enum MethodName: String, ExpressibleByArgument, CaseIterable {
    case majority, footprint, threshold
  }

  func validate() throws {
    guard footprint > 0, footprint <= 1 else {
      throw ValidationError("--footprint must be in (0, 1], got \(footprint)")
    }
    guard threshold > 0, threshold <= 1 else {
      throw ValidationError("--threshold must be in (0, 1], got \(threshold)")
    }
    guard minCoverage >= 0, minCoverage.isFinite else { throw ValidationError("--min-coverage must be ≥ 0") }
    if population.population != nil && neighbourhoods == nil {
      throw ValidationError("--population weights neighbourhood patients: give --neighbourhoods too")
    }
  }

  var options: CatchmentOptions {
    var options = CatchmentOptions()
    options.grouping = group
    let names = methods.isEmpty ? MethodName.allCases : methods
    var seen: Set<MethodName> = []
    options.methods = names.filter { seen.insert($0).inserted }.map {
      switch $0 {
      case .majority: .majority
      case .footprint: .footprint(footprint)
      case .threshold: .threshold(threshold)
      }
    }
    options.residentsField = residentsField
    options.minCoverage = minCoverage
    if let threads = threadOptions.threads { options.threads = threads }
    return options
  }

  var columns: RegistrationColumns {
    var columns = RegistrationColumns()
    columns.lsoa = lsoaColumn
    columns.practice = practiceColumn
    columns.practiceName = practiceNameColumn
    columns.patients = patientsColumn
    columns.pcn = pcnColumn
    columns.pcnName = pcnNameColumn
    columns.sex = sexColumn
    return columns
  }

  func run() throws {
    let options = options
    var clock = StageClock()
    let (result, patients) = try reportingFailures { () throws -> (CatchmentResult, NeighbourhoodPatients?) in
      do {
        var table = try Registrations.read(registrations, columns: columns)
        if let practiceMap { table.apply(try PracticeMap.read(practiceMap)) }
        clock.lap("read registrations")
        let threads = threadOptions.threads
        // Only the LSOAs the file names are prepared (a national layer has 33,755; an ICB's file
        // names a few thousand); the others are listed, with no patients, as the layer's skipped.
        var load = lsoaInput.loadOptions(expected: .polygons, threads: threads)
        load.onlyIDs = Set(table.counts.lazy.filter { $0.patients > 0 }.map(\.lsoa))
        load.skippedReason = "no registered patients in \(registrations)"
        let layer = try lsoaInput.load(lsoas, options: load)
        clock.lap("load lsoas")
        let result = try CatchmentAnalysis.run(table, lsoas: layer, options: options)
        clock.lap("catchments")
        guard let neighbourhoods else { return (result, nil) }
        let areas = try neighbourhoodInput.loadPolygons(
          neighbourhoods, threads: threads, workingCRS: layer.crs)
        try LayerInputs.checkOverlap(areas, layer, roles: (NeighbourhoodInput.self, LSOAInput.self))
        let people = try population.load(workingCRS: layer.crs, reusing: [layer, areas])?.people
        return (
          result,
          try NeighbourhoodPatients.compute(
            result, neighbourhoods: areas, population: people, threads: options.threads)
        )
      } catch let error as RegistrationError {
        throw CommandFailure(advising: error, registrations: registrations)
      }
    }
    let geoJSON = output.layerOutput(workingCRS: result.lsoas.crs)
    clock.lap("neighbourhood patients")
    let files = try reportingFailures {
      try CatchmentOutput.write(
        result, neighbourhoods: patients, to: output.directory, geoJSON: geoJSON, versions: NbhdVersion.json)
    }
    clock.lap("write")
    if output.json {
      print(try String(contentsOfFile: output.directory + "/summary.json", encoding: .utf8), terminator: "")
    } else {
      print(CatchmentText.describe(result, neighbourhoods: patients, files: files))
    }
  }
}

extension CommandFailure {
  /// A registrations problem with the flag that fixes it; column flags are named only for the
  /// registrations file itself (`registrations`), not for a practice map.
  init(advising error: RegistrationError, registrations: String? = nil) {
    var message = error.description
    var code = ExitCodes.badInput
    switch error {
    case .missingColumn(let file, let role, _, _), .unknownColumn(let file, let role, _, _):
      let flags = [
        "LSOA code": "--lsoa-column", "practice code": "--practice-column",
        "practice name": "--practice-name-column",
        "number of patients": "--patients-column", "PCN code": "--pcn-column",
        "PCN name": "--pcn-name-column",
        "sex": "--sex-column",
      ]
      if file == registrations, let flag = flags[role] { message += " (\(flag) NAME)" }
    case .practicesWithoutPCN:
      message += " (--practice-map MAP, or --group practice)"
    case .noMatchingLSOAs:
      message += " (--lsoa-id-field names the LSOA layer's code field)"
    case .badParameter:
      code = ExitCodes.usage
    case .badRow, .empty:
      break
    }
    self.init(badInput: message)
    exitCode = code
  }
}

extension CatchmentGrouping: ExpressibleByArgument {}

/// The LSOA layer of `catchments`.
enum LSOAInput: InputRole {
  static let prefix = "lsoa-", noun = "the LSOA layer"
}

/// The neighbourhoods of `catchments`.
enum NeighbourhoodInput: InputRole {
  static let prefix = "neighbourhood-", noun = "the neighbourhood layer"
}
