import Analysis
import ArgumentParser
import Foundation
import GeoCore
import Layers
import Reports

/// `nbhd overlap A B`: crosswalk, mismatch classes, slivers, building-block fits, lookups and
/// topology checks for two polygon layers.
struct Overlap: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Crosswalk two polygon layers: pieces with shares, mismatch classes, slivers, building-block fits, "
      + "best-fit lookups and each layer's overlaps and gaps.")

  @Argument(help: "Layer A (e.g. resident-defined neighbourhoods).")
  var a: String

  @Argument(help: "Layer B (e.g. PCNs, wards, LSOAs).")
  var b: String

  @OptionGroup(title: "Layer A") var inputA: InputOptions<LayerAInput>
  @OptionGroup(title: "Layer B") var inputB: InputOptions<LayerBInput>
  @OptionGroup(title: "Population") var population: PopulationOptions

  @Flag(name: .customLong("no-topology"), help: "Skip the overlaps-and-gaps check inside each layer.")
  var noTopology = false

  @Flag(
    name: .customLong("crosswalk-only"),
    help: ArgumentHelp(
      "Write only crosswalk.csv and summary.json: no classes, lookups, piece geometry or topology "
        + "(the fastest national crosswalk)."))
  var crosswalkOnly = false

  @OptionGroup var analysis: AnalysisOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var display: ProgressOptions

  func run() throws {
    var clock = StageClock()
    let progress = display.progress(command: "nbhd overlap")
    let run = try reportingFailures { () throws -> OverlapRun in
      let layerA = try inputA.loadPolygons(a, threads: analysis.threads)
      let layerB = try inputB.loadPolygons(b, threads: analysis.threads, workingCRS: layerA.crs)
      let people = try population.load(workingCRS: layerA.crs, reusing: [layerA, layerB])?.people
      try LayerInputs.checkOverlap(layerA, layerB, roles: (LayerAInput.self, LayerBInput.self))
      clock.lap("load")
      if crosswalkOnly {
        return try OverlapRun.crosswalk(
          layerA, layerB, population: people, options: analysis.overlapOptions, progress: progress)
      }
      return try OverlapRun.analyse(
        layerA, layerB, population: people, options: analysis.overlapOptions, checkTopology: !noTopology,
        maxGapArea: analysis.maxGapArea, progress: progress)
    }
    let geoJSON = output.layerOutput(workingCRS: run.a.crs)
    // The layers' gaps may still be sought while the first files are written.
    let files = try reportingFailures {
      try progress.stage(
        crosswalkOnly
          ? "writing the crosswalk"
          : noTopology ? "writing tables and pieces" : "writing tables, pieces and topology",
        unit: "files"
      ) { counter in
        let files = try OverlapOutput.write(
          run, to: output.directory, geoJSON: geoJSON, versions: NbhdVersion.json)
        counter.advance(by: files.count)
        return files
      }
    }
    clock.lap("analysis")
    defer { clock.lap("write") }
    if output.json {
      print(try String(contentsOfFile: output.directory + "/summary.json", encoding: .utf8), terminator: "")
    } else {
      print(OverlapText.describe(run, files: files))
    }
    LeftForExit.keep(run)
  }
}
