import Foundation
import Study
import TestSupport
import Testing

/// A bounded random mutation test of the study-config reader (the libFuzzer harness in
/// tools/fuzz runs the same reader for millions of inputs; this keeps CI exercising it): every
/// cut and mutation of the sample config must give a config or one StudyConfigError whose message
/// is one line naming the file and a line of it — never a crash, a hang or a multi-line message.
@Suite struct StudyConfigMutationTests {

  static let path = SharedData.repo("data/study.yml")

  /// Reads `bytes` as the config at data/study.yml; checks the outcome's shape and returns the error.
  @discardableResult
  static func check(_ bytes: [UInt8]) -> StudyConfigError? {
    let text = String(decoding: bytes, as: UTF8.self)
    do {
      let config = try StudyConfig.parse(text, path: path)
      #expect(!config.layers.isEmpty && !config.study.isEmpty && !config.comparedPairs.isEmpty)
      return nil
    } catch {
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
      #expect(error.path == path)
      #expect((0...lines + 1).contains(error.line), "line \(error.line) of \(lines): \(error)")
      #expect(!error.message.isEmpty && !error.description.contains("\n"), "\(error.description)")
      return error
    }
  }

  @Test func cutsAndMutationsGiveAConfigOrOneLineError() throws {
    let valid = Array(try String(contentsOfFile: Self.path, encoding: .utf8).utf8)
    #expect(Self.check(valid) == nil)
    var failures = 0
    for cut in stride(from: 0, to: valid.count, by: 3) where Self.check(Array(valid[0..<cut])) != nil {
      failures += 1
    }
    #expect(failures > 0)
    var rng = SeededGenerator(seed: 2026)
    let alphabet = Array("-:[]{},&*!|>#'\"\n\t ?%@`0123456789.eax".utf8) + [0, 0xC3, 0xFF]
    for _ in 0..<3000 { Self.check(rng.mutated(valid, alphabet: alphabet)) }
  }

  /// Yams composes recursively: 10,000 levels of brackets or of `- ` entries crashed the process
  /// (stack overflow) before the nesting check; now they are one error on the line.
  @Test(arguments: [
    ("study: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000), 1),
    ("study: x\nlayers:\n" + String(repeating: "- ", count: 100_000) + "x\n", 3),
    ("study: x\n" + (0..<300).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined(), 203),
  ])
  func deepNestingIsAnErrorNotACrash(text: String, line: Int) {
    do {
      _ = try StudyConfig.parse(text, path: Self.path)
      Issue.record("read a config nested \(line) lines deep")
    } catch {
      #expect(error.line == line)
      #expect(
        error.message
          == "nested more than 200 levels deep (lists, mappings or brackets); a config needs a few")
    }
  }

  /// YAML that nests aliases ten deep ("billion laughs") is read without expanding them.
  @Test func aliasBombIsRefusedQuickly() throws {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1..<10 {
      text +=
        "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
        + "]\n"
    }
    let started = Date()
    #expect(throws: StudyConfigError.self) { try StudyConfig.parse(text + "study: *a9\n", path: Self.path) }
    #expect(Date().timeIntervalSince(started) < 5)
  }
}
