import Foundation
import Layers

/// Runs `body` like `reportingFailures`, and when a file turns out to hold several layers with
/// none named, says which option of this command names one: `flags` pairs each input path to its
/// option (`--a-layer`) or to how the argument names a layer (`FILE@LAYER`).
func reportingFailures<T>(layerFlags flags: [(path: String, flag: String)], _ body: () throws -> T) throws(CommandFailure) -> T {
  do {
    return try body()
  } catch let LayerError.severalLayers(path, layers) {
    let error = LayerError.severalLayers(path, layers: layers)
    let how = flags.first(where: { $0.path == path }).map(\.flag).map { flag in
      flag.hasPrefix("--") ? "give \(flag) \(layers[0])" : "write it as \(flag.replacingOccurrences(of: "FILE", with: path).replacingOccurrences(of: "LAYER", with: layers[0]))"
    }
    throw CommandFailure(usage: error.description + (how.map { ", e.g. \($0)" } ?? ""))
  } catch {
    throw CommandFailure(error)
  }
}
