import GEOS
import GeoCore

/// The neighbourhood map: over the neighbourhoods with enough drawings, each point goes to the
/// one with the highest agreement there if that reaches the map level (exact comparison
/// k₁·n₂ vs k₂·n₁; ties to the name first in byte order). Contested ground is where two or more
/// reach the level; unclaimed ground is inside their drawings where none does.
public struct ConsensusMap: Sendable {
  /// One mapped neighbourhood's ground.
  public struct Territory: Sendable {
    /// The neighbourhood's name.
    public var name: String
    /// The ground it wins (m²).
    public var area: Double
    /// MultiPolygon in the working CRS (empty when it wins nowhere).
    public var region: FlatGeometry
  }

  /// A piece of contested ground: the neighbourhoods reaching the level there and their
  /// agreements (drawings covering / drawings used).
  public struct ContestedPiece: Sendable {
    /// Each neighbourhood reaching the level there: name, drawings covering, drawings used.
    public var claims: [(name: String, count: Int, drawings: Int)]
    /// The piece's area (m²).
    public var area: Double
    /// MultiPolygon in the working CRS.
    public var region: FlatGeometry
  }

  /// Territories in name order, one per mapped neighbourhood.
  public var territories: [Territory]
  /// Contested ground, one piece per set of claims, in name order.
  public var contested: [ContestedPiece]
  /// The map's area, the contested part of it, and the ground inside mapped neighbourhoods'
  /// drawings that nobody claims (m²).
  public var claimedArea: Double
  /// Contested ground (m²).
  public var contestedArea: Double
  /// Unclaimed ground (m²).
  public var unclaimedArea: Double

  /// Overlays the mapped neighbourhoods (`agreements[i]` with `mapKey == i` for each entry of
  /// `mapped`) in one arrangement of the edges where their counts change, built on `threads`
  /// threads.
  static func make(
    _ agreements: [NeighbourhoodAgreement], mapped: [Int], mapLevel: AgreementLevel,
    context: GeometryContext, threads: Int = 1
  ) throws -> ConsensusMap {
    var segments: [ChainSegment] = []
    for i in mapped { segments += agreements[i].mapSegments }
    let arrangement = try PlanarArrangement(segments, context: context, threads: threads)
    if arrangement.inconsistentCrossings > 0 {
      throw ConsensusError.inconsistentArrangement(
        neighbourhood: "the map", edges: arrangement.inconsistentCrossings)
    }
    var winner = [Int32](repeating: -1, count: arrangement.cycleCount)
    var contestedLabel = [Int32](repeating: -1, count: arrangement.cycleCount)
    var signatures: [[Int32]: Int32] = [:]
    var signatureList: [[Int32]] = []
    var claimed = 0.0, contested = 0.0, unclaimed = 0.0
    let counts = arrangement.counts
    var reaching: [(neighbourhood: Int, count: Int)] = []
    for cycle in 0..<arrangement.cycleCount {
      reaching.removeAll(keepingCapacity: true)
      var covered = false
      for slot in counts.range(cycle) where counts.values[slot] > 0 {
        let key = counts.keys[slot], value = counts.values[slot]
        let i = Int(key / 2)
        if key % 2 == 1 {
          covered = true
        } else {
          let n = agreements[i].drawingCount
          reaching.append((i, Int(value) + mapLevel.minimumCount(of: n) - 1))
        }
      }
      let twice = arrangement.cycleDoubleArea[cycle]
      if reaching.isEmpty {
        if covered { unclaimed += twice }
        continue
      }
      claimed += twice
      // Highest agreement k/n, exactly; ties to the earlier name (neighbourhoods are in name order).
      var best = reaching[0]
      for claim in reaching.dropFirst() {
        let lhs = claim.count * agreements[best.neighbourhood].drawingCount
        let rhs = best.count * agreements[claim.neighbourhood].drawingCount
        if lhs > rhs || (lhs == rhs && claim.neighbourhood < best.neighbourhood) { best = claim }
      }
      winner[cycle] = Int32(best.neighbourhood)
      if reaching.count >= 2 {
        contested += twice
        var signature: [Int32] = []
        signature.reserveCapacity(2 * reaching.count)
        for claim in reaching.sorted(by: { $0.neighbourhood < $1.neighbourhood }) {
          signature.append(Int32(claim.neighbourhood))
          signature.append(Int32(claim.count))
        }
        if let label = signatures[signature] {
          contestedLabel[cycle] = label
        } else {
          let label = Int32(signatureList.count)
          signatures[signature] = label
          signatureList.append(signature)
          contestedLabel[cycle] = label
        }
      }
    }
    // Every territory's and piece's area in one pass over the faces, each summed in face
    // order as `PlanarArrangement.area(where:)` sums (one pass per piece was 1,900 passes).
    var territoryTwice = [Double](repeating: 0, count: agreements.count)
    var pieceTwice = [Double](repeating: 0, count: signatureList.count)
    for cycle in 0..<arrangement.cycleCount {
      let twice = arrangement.cycleDoubleArea[cycle]
      if winner[cycle] >= 0 { territoryTwice[Int(winner[cycle])] += twice }
      if contestedLabel[cycle] >= 0 { pieceTwice[Int(contestedLabel[cycle])] += twice }
    }
    // The territories and the contested pieces traced side by side.
    let traced = Concurrently.run(
      threads: threads, other: { [contestedLabel] in arrangement.polygons(labels: contestedLabel) },
      here: { arrangement.polygons(labels: winner) })
    let regions = traced.here
    let territories = mapped.map { i in
      Territory(
        name: agreements[i].name, area: territoryTwice[i] / 2,
        region: regions[Int32(i)] ?? .empty(.multiPolygon))
    }
    let contestedRegions = traced.other
    var pieces: [ContestedPiece] = []
    for (label, signature) in signatureList.enumerated() {
      let claims = stride(from: 0, to: signature.count, by: 2).map { j in
        let i = Int(signature[j])
        return (name: agreements[i].name, count: Int(signature[j + 1]), drawings: agreements[i].drawingCount)
      }
      pieces.append(
        ContestedPiece(
          claims: claims, area: pieceTwice[label] / 2,
          region: contestedRegions[Int32(label)] ?? .empty(.multiPolygon)))
    }
    // Stable order whatever order the faces were met in.
    // Each piece's key made once (made in every comparison, it was a tenth of the map's time).
    let keys = pieces.map { piece in piece.claims.map { Array("\($0.name)\u{0}\($0.count)".utf8) } }
    let order = pieces.indices.sorted { a, b in
      keys[a].lexicographicallyPrecedes(keys[b]) { $0.lexicographicallyPrecedes($1) }
    }
    pieces = order.map { pieces[$0] }
    return ConsensusMap(
      territories: territories, contested: pieces, claimedArea: claimed / 2, contestedArea: contested / 2,
      unclaimedArea: unclaimed / 2)
  }
}
