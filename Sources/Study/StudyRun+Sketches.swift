import Analysis
import Layers

extension StudyRunner {
  /// A community layer made from residents' drawings: the consensus, and its map as the layer.
  static func sketchLayer(
    _ entry: StudyConfig.AreaLayer, _ sketches: StudyConfig.SketchSource, config: StudyConfig,
    workingCRS: String?, threads: Int?
  ) throws -> (Layer, ConsensusRun) {
    do {
      let drawings = try ConsensusRun.load(
        config.resolve(sketches.file), sourceCRS: sketches.crs, workingCRS: workingCRS, threads: threads)
      var options = sketches.options
      if let threads { options.threads = threads }
      let consensus = try ConsensusRun.analyse(drawings, options: options)
      return (consensus.mapLayer(named: entry.name), consensus)
    } catch {
      throw StudyConfigError(
        path: config.path, line: sketches.line, message: "layer \(entry.name) (sketches): \(error)")
    }
  }
}
