import GeoCore

extension Overlay {
  /// Adds people to every piece (`population`, `populationShareOfA/B`) from a population layer,
  /// and returns the people in each feature of A and B. Needs the pieces' geometries. `known`
  /// holds estimates for A and B already made from the same population and geometries (a study
  /// estimates each layer once and shares it), which are used instead of estimating again.
  /// `progress` counts the pieces done.
  public mutating func weight(
    by population: PopulationLayer, a: [FlatGeometry], b: [FlatGeometry],
    threads: Int = ParallelChunks.defaultThreadCount,
    known: (a: PopulationEstimate, b: PopulationEstimate)? = nil, progress: ProgressCounter? = nil
  ) throws -> (a: PopulationEstimate, b: PopulationEstimate) {
    let inA = try known?.a ?? population.estimate(in: a, threads: threads)
    let inB = try known?.b ?? population.estimate(in: b, threads: threads)
    // Each piece lies inside its feature of A: only the population features that gave that
    // feature people can give the piece any.
    let inPieces = try population.people(
      inPieces: pieces.map { $0.geometry ?? FlatGeometry.empty(.polygon) }, pieceAreas: pieces.map(\.area),
      of: pieces.map(\.a), areas: a, estimate: inA, threads: threads, progress: progress)
    for k in pieces.indices {
      let people = inPieces[k]
      pieces[k].population = people
      let totalA = inA.totals[pieces[k].a], totalB = inB.totals[pieces[k].b]
      pieces[k].populationShareOfA = totalA > 0 ? people / totalA : nil
      pieces[k].populationShareOfB = totalB > 0 ? people / totalB : nil
    }
    return (inA, inB)
  }
}
