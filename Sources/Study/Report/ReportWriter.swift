import Analysis
import Foundation
import GeoCore
import Layers
import Reports

/// Writes a study's whole output folder (issue 6): report.html, report.md (+ maps/), every table
/// as CSV, every result layer as GeoJSON, summary.json. Everything goes into a fresh temporary
/// folder that replaces the old output only when complete, so a failed run leaves the previous
/// report intact.
public enum ReportWriter {
  /// Writes the whole report of `study` to `directory`, replacing what was there only once
  /// everything is written. The tables and layers are written on one thread while the report's
  /// sections and maps are made on another (`threads` > 1): neither needs the other, but for the
  /// list of files that closes the report.
  public static func write(
    _ study: StudyRun, to directory: String, versions: JSONObject,
    threads: Int = ParallelChunks.defaultThreadCount, progress: WorkProgress = .silent
  )
    throws
  {
    let staging = OutputFolder.staging(for: directory)
    do {
      try FileManager.default.createDirectory(atPath: staging + "/maps", withIntermediateDirectories: true)
      let (files, sections) = try progress.stage("writing tables, layers, maps and the report", unit: "files")
      {
        counter in
        let both = try Concurrently.run(
          threads: threads,
          other: {
            var clock = StageClock()
            return try ReportFiles.write(study, to: staging, clock: &clock)
          },
          here: {
            var clock = StageClock()
            var document = ReportDocument()
            try ReportContent.build(study, into: &document, versions: versions, clock: &clock)
            for (name, svg) in document.mapFiles { try AtomicFile.write(svg, to: staging + "/maps/" + name) }
            clock.lap("report: write \(document.mapFiles.count) map files")
            return document
          })
        counter.set(both.other.count + both.here.mapFiles.count)
        return both
      }
      var clock = StageClock()
      var document = sections
      ReportContent.closing(study, files: files, into: &document)
      try AtomicFile.write(document.markdown, to: staging + "/report.md")
      clock.lap("report: report.md")
      try AtomicFile.write(
        parts: document.htmlParts(title: "nbhd report: \(study.config.study)"), to: staging + "/report.html")
      clock.lap("report: report.html")
      let summary = ReportSummary.json(
        study, versions: versions, files: files + ["report.html", "report.md", "summary.json"])
      try AtomicFile.write(parts: [summary.prettyJSON, "\n"], to: staging + "/summary.json")
      clock.lap("report: summary.json")
      try OutputFolder.replace(directory, with: staging)
    } catch {
      try? FileManager.default.removeItem(atPath: staging)
      throw error
    }
  }
}

/// Swapping a finished folder into place.
enum OutputFolder {
  /// A new empty folder next to `directory` (same file system, so the swap is a rename). Staging
  /// folders left by runs that were killed (their process is gone) are removed first.
  static func staging(for directory: String) -> String {
    let parent = (directory as NSString).deletingLastPathComponent
    let name = (directory as NSString).lastPathComponent
    let base = parent.isEmpty ? "." : parent
    try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    removeAbandoned(in: base, prefix: ".\(name).tmp-")
    return (base as NSString).appendingPathComponent(
      ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
  }

  /// Removes `prefix<pid>-…` folders whose process no longer exists.
  static func removeAbandoned(in base: String, prefix: String) {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: base) else { return }
    for entry in entries where entry.hasPrefix(prefix) {
      let rest = entry.dropFirst(prefix.count)
      guard let pid = Int32(rest.prefix { $0.isNumber }), pid != getpid() else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH {
        try? FileManager.default.removeItem(atPath: (base as NSString).appendingPathComponent(entry))
      }
    }
  }

  /// Moves the old folder aside, renames the new one into place, then deletes the old one.
  static func replace(_ directory: String, with staging: String) throws {
    let manager = FileManager.default
    var old: String?
    if manager.fileExists(atPath: directory) {
      let aside = staging + ".old"
      guard rename(directory, aside) == 0 else {
        throw AtomicFile.WriteError(
          path: directory,
          reason: "cannot move the previous output aside: \(String(cString: strerror(errno)))")
      }
      old = aside
    }
    guard rename(staging, directory) == 0 else {
      let reason = String(cString: strerror(errno))
      if let old { _ = rename(old, directory) }
      throw AtomicFile.WriteError(path: directory, reason: "cannot put the new output in place: \(reason)")
    }
    if let old { try? manager.removeItem(atPath: old) }
  }
}
