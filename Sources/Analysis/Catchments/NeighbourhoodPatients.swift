import GeoCore
import Layers

/// Registered patients in each neighbourhood, by group: each LSOA's patients of a group spread
/// over the neighbourhoods by the share of the LSOA's area inside each, or by the share of its
/// people with a population layer, with the same pieces and weights as `OverlapRun` (issue 15).
public struct NeighbourhoodPatients: Sendable {
  /// One group's patients in one neighbourhood.
  public struct Share: Sendable, Hashable {
    /// Position in the catchment result's groups.
    public var group: Int
    /// Patients (fractional: LSOA counts spread by share).
    public var patients: Double
  }

  /// The neighbourhood layer.
  public var neighbourhoods: Layer
  /// `area`, or the population layer's name and field.
  public var weighting: String
  /// For each neighbourhood, its patients by group (group order).
  public var byNeighbourhood: [[Share]]
  /// Pieces whose LSOA has no people in the population layer: spread by area instead.
  public var areaFallbacks: Int
  /// Σ over LSOAs of their patients × the share of them (area or people) inside the
  /// neighbourhoods: the total every table adds up to.
  public var placedPatients: Double

  /// Patients in neighbourhood `i`.
  public func total(_ i: Int) -> Double { byNeighbourhood[i].reduce(0) { $0 + $1.patients } }

  /// The group with most patients in neighbourhood `i` (ties: lower group position) and its
  /// share of them: the patient coterminosity.
  public func main(_ i: Int) -> (group: Int, share: Double)? {
    let total = total(i)
    guard total > 0,
      let best = byNeighbourhood[i].max(by: { ($0.patients, -$0.group) < ($1.patients, -$1.group) })
    else { return nil }
    return (best.group, best.patients / total)
  }

  /// Overlays the neighbourhoods with the result's LSOAs (same working CRS) and spreads the
  /// patients.
  public static func compute(
    _ result: CatchmentResult, neighbourhoods: Layer, population: PopulationLayer? = nil,
    threads: Int = ParallelChunks.defaultThreadCount
  ) throws -> NeighbourhoodPatients {
    var options = OverlapOptions()
    options.threads = threads
    options.keepPieceGeometry = population != nil
    options.computeHausdorff = false
    let a = neighbourhoods.geometries, b = result.lsoas.geometries
    var overlay = try OverlapEngine.overlay(a: a, b: b, options: options)
    if let population {
      _ = try overlay.weight(by: population, a: a, b: b, threads: threads)
    }
    var sums = [[Int: Double]](repeating: [:], count: neighbourhoods.features.count)
    var fallbacks = 0
    var placed = 0.0
    for piece in overlay.pieces {
      let here = result.flows[piece.b]
      guard !here.isEmpty else { continue }
      var weight = piece.shareOfB
      if population != nil {
        if let share = piece.populationShareOfB { weight = share } else { fallbacks += 1 }
      }
      for entry in here {
        let patients = Double(entry.patients) * weight
        sums[piece.a][entry.group, default: 0] += patients
        placed += patients
      }
    }
    return NeighbourhoodPatients(
      neighbourhoods: neighbourhoods,
      weighting: population.map { "people (\($0.name), \($0.field))" } ?? "area",
      byNeighbourhood: sums.map { map in map.keys.sorted().map { Share(group: $0, patients: map[$0]!) } },
      areaFallbacks: fallbacks, placedPatients: placed)
  }
}
