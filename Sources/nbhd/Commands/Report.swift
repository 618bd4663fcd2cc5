import ArgumentParser
import Foundation
import GeoCore
import Study

/// `nbhd report [CONFIG]`: the main job — everything for a study area from one config file.
struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Run a whole study from one YAML config: crosswalks and mismatch classes, topology checks, coverage "
      + "gaps, population, maps, and a self-contained HTML and Markdown report.",
    discussion: "With no CONFIG it runs the sample study in data/study.yml (Trafford).")

  @Argument(help: "Study config (YAML). Default: data/study.yml.")
  var config: String?

  @Option(name: .customLong("out"), help: "Output folder (default: the config's `output`).")
  var directory: String?

  @OptionGroup var parallel: ThreadOptions

  @OptionGroup var display: ProgressOptions

  @Flag(help: "Print summary.json to stdout.")
  var json = false

  func run() throws {
    let path = config ?? Self.defaultConfig()
    let study = try reportingFailures { try StudyConfig.load(path) }
    let output = URL(fileURLWithPath: directory ?? study.resolve(study.output)).standardizedFileURL.path
    let progress = display.progress(command: "nbhd report")
    let started = Date()
    let run = try reportingFailures {
      try StudyRunner.run(study, threads: parallel.threads, progress: progress)
    }
    try reportingFailures {
      try ReportWriter.write(
        run, to: output, versions: NbhdVersion.json,
        threads: parallel.threads ?? ParallelChunks.defaultThreadCount,
        progress: progress)
    }
    if json {
      print(try String(contentsOfFile: output + "/summary.json", encoding: .utf8), terminator: "")
    } else if !display.quiet {
      let seconds = FixedDecimal.format(Date().timeIntervalSince(started), decimals: 1)
      print(
        "\(study.study): report written to \(output)/report.html (and report.md, tables, layers) in \(seconds) s"
      )
    }
    LeftForExit.keep(run)
  }

  /// data/study.yml beside the working directory, or beside the executable's checkout.
  static func defaultConfig() -> String {
    if FileManager.default.fileExists(atPath: "data/study.yml") { return "data/study.yml" }
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    for _ in 0..<4 {
      url.deleteLastPathComponent()
      let candidate = url.appendingPathComponent("data/study.yml").path
      if FileManager.default.fileExists(atPath: candidate) { return candidate }
    }
    return "data/study.yml"
  }
}
