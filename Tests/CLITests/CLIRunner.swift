import Foundation
import TestSupport

/// Runs the built `nbhd` binary and captures what it prints.
struct CLIRun {
  var status: Int32
  var stdout: String
  var stderr: String
  /// Killed for running longer than the timeout given to `CLI.run`.
  var timedOut = false
}

enum CLI {
  /// The `nbhd` executable built next to the test bundle.
  static let executable: URL = {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("nbhd")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: repo(".build/debug/nbhd"))
  }()

  /// Runs `binary` (the debug `nbhd` by default) with `arguments`; with a `timeout` (seconds) a run
  /// that takes longer is killed and reported as `timedOut`.
  static func run(
    _ arguments: [String], binary: URL = executable, in directory: String? = nil, timeout: Double? = nil
  ) throws -> CLIRun {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let started = Date()
    try process.run()
    let watchdog = timeout.map { seconds in
      let pid = process.processIdentifier
      let item = DispatchWorkItem { kill(pid, SIGKILL) }
      DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: item)
      return item
    }
    // Read both pipes before waiting so a large output cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    watchdog?.cancel()
    let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    return CLIRun(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self),
      timedOut: killed && Date().timeIntervalSince(started) >= (timeout ?? .infinity))
  }

  /// A path in the repository.
  static func repo(_ relative: String) -> String { SharedData.repo(relative) }

  /// A path under ../shared/data, or nil when it is absent.
  static func shared(_ relative: String) -> String? { SharedData.path(relative) }

  /// True when `relative` is under ../shared/data; prints a visible skip line when not.
  static func sharedAvailable(_ relative: String) -> Bool { SharedData.available(relative) }

  /// A fresh empty directory under the system's temporary folder.
  /// Lives under one folder per test process, removed when the process exits.
  static func temporaryDirectory() throws -> String {
    let url = URL(fileURLWithPath: temporaryRoot).appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  /// The folder holding this process's test directories.
  static let temporaryRoot: String = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("nbhd-tests-\(getpid())").path
    atexit { try? FileManager.default.removeItem(atPath: CLI.temporaryRoot) }
    return root
  }()

  /// Whether a command-line tool is on PATH.
  static func hasTool(_ name: String) -> Bool {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
    }
  }
}
