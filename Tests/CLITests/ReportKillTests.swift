import Foundation
import Testing

/// Killing `nbhd report` part-way (SIGKILL: no chance to clean up) leaves the previous report as
/// it was; the abandoned staging folder is removed by the next run.
@Suite struct ReportKillTests {
  @Test func killedRunLeavesPreviousReport() throws {
    let directory = try CLI.temporaryDirectory()
    let output = directory + "/out"
    try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
    try Data("previous report".utf8).write(to: URL(fileURLWithPath: output + "/report.html"))
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = ["report", CLI.repo("data/study.yml"), "--out", output, "--quiet"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Kill once the run has made its staging folder (or after 20 s, whichever is first).
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline, process.isRunning {
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      if entries.contains(where: { $0.hasPrefix(".out.tmp-") }) { break }
      usleep(20_000)
    }
    let wasRunning = process.isRunning
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(try String(contentsOfFile: output + "/report.html", encoding: .utf8) == "previous report")
    if wasRunning {
      #expect(process.terminationReason == .uncaughtSignal)
    }
    // The next run replaces the report and clears what the killed run left.
    let again = try CLI.run(["report", CLI.repo("data/study.yml"), "--out", output, "--quiet"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try String(contentsOfFile: output + "/report.html", encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0 != "out" }
    #expect(leftovers.isEmpty, "\(leftovers)")
  }
}
