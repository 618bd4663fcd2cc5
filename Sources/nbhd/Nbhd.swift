import ArgumentParser
import Foundation

/// `nbhd`: reconcile statutory health boundaries with the neighbourhoods residents recognise.
@main
struct Nbhd: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nbhd",
    abstract: "Reconcile health and care boundaries with the neighbourhoods residents recognise.",
    discussion: "Exit codes: 0 ok, 1 bad input, 2 usage error, 3 internal error.",
    version: NbhdVersion.string,
    subcommands: [
      Inspect.self, Convert.self, Overlap.self, Interpolate.self, Coverage.self, Render.self, Report.self,
      Catchments.self, Churn.self, Change.self, Consensus.self,
    ])

  /// Runs the command and maps every error to one line on stderr and an exit code in one place.
  static func main() {
    MemoryTuning.apply()
    let code: Int32
    do {
      var command = try parseAsRoot()
      try command.run()
      code = 0
    } catch let failure as CommandFailure {
      StandardError.write("nbhd: \(failure.message)")
      code = failure.exitCode
    } catch {
      code = ExitCodes.forParserError(error, command: Nbhd.self)
    }
    Foundation.exit(code)
  }
}
