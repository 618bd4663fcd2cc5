import Analysis
import ArgumentParser

/// How far each category of asset reaches and how its buffers are drawn: `--radius` and
/// `--quadrant-segments`, shared by `coverage` and `change` so that both dates of a change are
/// buffered exactly as coverage buffers one.
struct ReachOptions: ParsableArguments {
  @Option(help: "Reach in metres: 800, or per category: gp=1000,pharmacy=800,library=1200,greenspace=300.")
  var radius: String = "800"

  @Option(name: .customLong("quadrant-segments"), help: "Buffer segments per quarter circle.")
  var quadrantSegments: Int = 8

  func validate() throws {
    do { _ = try ReachRadii(parsing: radius) } catch { throw ValidationError("--radius: \(error)") }
    guard (1...64).contains(quadrantSegments) else {
      throw ValidationError("--quadrant-segments must be 1 to 64")
    }
  }

  /// The coverage options these flags and `threads` give; every category in `categories` must
  /// have a radius (a missing one is a usage error naming the flag to give).
  func coverageOptions(categories: [String], threads: Int?) throws -> CoverageOptions {
    let radii = try ReachRadii(parsing: radius)
    for category in categories {
      do {
        _ = try radii.radius(for: category)
      } catch {
        throw CommandFailure(usage: "\(error): give --radius \(category)=METRES")
      }
    }
    var options = CoverageOptions(radii: radii)
    options.quadrantSegments = quadrantSegments
    if let threads { options.threads = threads }
    return options
  }
}
