import Analysis
import ArgumentParser
import Foundation
import GeoCore
import Reports

/// `nbhd churn OLD_MAP NEW_MAP`: how PCN membership changed between two practice→PCN maps.
struct Churn: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Compare two practice → PCN maps: practices left, joined, moved, stayed; PCNs dissolved, new, kept, "
      + "split and merged.")

  @Argument(help: "The older practice → PCN map (CSV or GeoJSON points with practice and PCN codes).")
  var oldMap: String

  @Argument(help: "The newer practice → PCN map.")
  var newMap: String

  @Option(help: "Registrations by LSOA (one vintage): give practices and PCNs their patients.")
  var registrations: String?

  @Option(name: .customLong("out"), help: "Output folder.")
  var directory: String = "out"

  @Flag(help: "Print summary.json to stdout.")
  var json = false

  func run() throws {
    // A RegistrationError gets its advice from CommandFailure's own arm.
    let churn = try reportingFailures {
      PracticeChurn(
        old: try PracticeMap.read(oldMap), new: try PracticeMap.read(newMap),
        registrations: try registrations.map { try Registrations.read($0) })
    }
    let files = try reportingFailures {
      try ChurnOutput.write(churn, to: directory, versions: NbhdVersion.json)
    }
    if json {
      print(try String(contentsOfFile: directory + "/summary.json", encoding: .utf8), terminator: "")
      return
    }
    let g = FixedDecimal.grouped
    var lines = [
      "\(oldMap) → \(newMap)",
      "practices: \(g(churn.count(.left))) left, \(g(churn.count(.joined))) joined, "
        + "\(g(churn.count(.moved))) moved, \(g(churn.count(.stayed))) stayed",
      "PCNs: \(g(churn.pcnsBefore)) before, \(g(churn.pcnsAfter)) after; \(g(churn.count(.dissolved))) dissolved, "
        + "\(g(churn.count(.new))) new, \(g(churn.count(.kept))) kept; "
        + "\(g(churn.pcns.filter(\.isSplit).count)) split, \(g(churn.pcns.filter(\.isMerged).count)) merged",
    ]
    if let registrations {
      lines.append(
        "\(registrations): patients for \(g(churn.practices.count - churn.unknownPractices.count)) practices; "
          + "\(g(churn.unknownPractices.count)) unknown (not in the file)")
    }
    lines.append("wrote \(files.count) files to \(directory)")
    print(lines.joined(separator: "\n"))
  }
}
