import GEOS
import GeoCore
import Layers

/// The assets of one date (issue 19): the asset set coverage takes, each asset's properties (to
/// match assets across dates by an id field), and the id fields the loader detected.
public struct AssetVintage: Sendable {
  /// "2022-01", "before": how reports name this date.
  public var label: String
  /// The assets, as coverage takes them.
  public var assets = AssetSet(assets: [])
  /// Properties of `assets.assets[i]`.
  public var properties: [JSONObject] = []
  /// The layers' detected (or given) id fields, first seen first.
  public var idFields: [String] = []

  /// An empty vintage called `label`.
  public init(label: String) {
    self.label = label
  }

  /// Adds a layer's features as assets of `category`.
  public mutating func add(_ layer: Layer, category: String) throws(LayerError) {
    try assets.add(layer, category: category, categoryField: nil)
    properties += layer.features.map(\.properties)
    // A name the loader fell back on for want of a unique code is no id to match dates by.
    if case .property(let field) = layer.fields.id, field != layer.fields.name || layer.fields.how == "given",
      !idFields.contains(field)
    {
      idFields.append(field)
    }
  }
}

/// Options of a change analysis: the coverage options for both dates, how far an asset may move
/// and still be at the same site, and the id field to match assets by (nil: detected).
public struct ChangeOptions: Sendable {
  /// Radii, buffer segments and threads, as for coverage of each date.
  public var coverage: CoverageOptions
  /// Metres; inclusive.
  public var movedDistance: Double = 100
  /// The field assets are matched by (nil: detected).
  public var idField: String?

  /// Options with `coverage` and the defaults.
  public init(coverage: CoverageOptions) {
    self.coverage = coverage
  }
}

/// Change of one unit's reach by one category between the two dates.
public struct ChangeRow: Sendable, Hashable {
  /// The unit's position in the area layer.
  public var unit: Int
  /// The asset category.
  public var category: String
  /// The category's reach in metres.
  public var radius: Double
  /// Unit ∩ reach before − reach after, m².
  public var lostArea: Double
  /// Unit ∩ reach after − reach before, m².
  public var gainedArea: Double
  /// Unit ∩ reach before, m² (coverage's figure).
  public var coveredAreaBefore: Double
  /// Unit ∩ reach after, m² (coverage's figure).
  public var coveredAreaAfter: Double
  /// From the unit's population-weighted centroid (or a point on its surface) to the nearest
  /// asset at each date, as coverage measures it.
  public var nearestBefore: Double?
  /// See `nearestBefore`.
  public var nearestAfter: Double?
  /// People in the unit, with a population layer.
  public var population: Double?
  /// People in the lost ground.
  public var populationLost: Double?
  /// People in the gained ground.
  public var populationGained: Double?
  /// People within reach at the earlier date (coverage's figure).
  public var populationCoveredBefore: Double?
  /// People within reach at the later date (coverage's figure).
  public var populationCoveredAfter: Double?

  /// Gained minus lost people.
  public var populationNetChange: Double? {
    guard let populationLost, let populationGained else { return nil }
    return populationGained - populationLost
  }
}

/// Ground of one unit that lost (or gained) reach of a category, with its people.
public struct ChangePiece: Sendable, Hashable {
  /// The unit's position in the area layer.
  public var unit: Int
  /// The asset category.
  public var category: String
  /// The piece (polygonal, working CRS).
  public var geometry: FlatGeometry
  /// Its area in m².
  public var area: Double
  /// People in the piece, with a population layer.
  public var population: Double?
}

/// Everything a change run produced.
public struct ChangeResult: Sendable {
  /// One row per unit × category: categories in before order, units in layer order within each.
  public var rows: [ChangeRow]
  /// Each unit's lost and gained ground per category.
  public var lost: [ChangePiece]
  /// See `lost`.
  public var gained: [ChangePiece]
  /// Every before asset (in before order per category), then the opened ones.
  public var assets: [AssetChange]
  /// Categories in before order.
  public var categories: [String]
  /// How assets were paired across the dates.
  public var matching: AssetMatchingMethod
  /// Coverage of each date on its own.
  public var before: CoverageResult
  /// Coverage of the later date on its own.
  public var after: CoverageResult
}

/// A change analysis that cannot run on its input.
public enum ChangeError: Error, Equatable, CustomStringConvertible {
  /// A category has assets at one date only: `vintage` is the label of the date that has it.
  case categoryInOneVintage(category: String, vintage: String, other: String)

  /// The message, naming the category and the date that has it.
  public var description: String {
    switch self {
    case .categoryInOneVintage(let category, let vintage, let other):
      "category \"\(category)\" has assets in the \(vintage) files only, none in the \(other) files: "
        + "give the same categories for both dates"
    }
  }
}

/// Who lost and who gained reach of each category of asset between two dates (issue 19), built
/// on the coverage engine: each date's reach union, gaps and population rules are coverage's.
public enum ChangeAnalysis {
  /// Runs change of `units` (valid polygons, working CRS) from `before` to `after`, with
  /// people from `population` when given. `knownPeople` is an estimate of the people in `units`
  /// from `population` already made (a study estimates each layer once), used instead of
  /// estimating again. `progress` hears of each stage: both dates' coverage, then per category
  /// the ground lost and gained and each gone asset's sole reach.
  public static func run(
    units: [FlatGeometry], before: AssetVintage, after: AssetVintage, population: PopulationLayer?,
    options: ChangeOptions, knownPeople: PopulationEstimate? = nil, progress: WorkProgress = .silent
  ) throws -> ChangeResult {
    var clock = StageClock()
    let categories = before.assets.categories
    for category in after.assets.categories where !categories.contains(category) {
      throw ChangeError.categoryInOneVintage(category: category, vintage: after.label, other: before.label)
    }
    for category in categories where !after.assets.categories.contains(category) {
      throw ChangeError.categoryInOneVintage(category: category, vintage: before.label, other: after.label)
    }
    let threads = options.coverage.threads
    let people = try population.map { layer in
      try knownPeople
        ?? progress.stage("people in the units", total: units.count, unit: "units") { counter in
          try layer.estimate(in: units, threads: threads, progress: counter)
        }
    }
    clock.lap("change: population of units")
    let coverageBefore = try CoverageAnalysis.run(
      units: units, assets: before.assets, population: population, estimate: people,
      options: options.coverage, extras: false, progress: progress.prefixed("\(before.label): "))
    let coverageAfter = try CoverageAnalysis.run(
      units: units, assets: after.assets, population: population, estimate: people, options: options.coverage,
      extras: false, progress: progress.prefixed("\(after.label): "))
    clock.lap("change: coverage before and after")
    let matching = identifier(before: before, after: after, field: options.idField)
    var rows: [ChangeRow] = []
    var lost: [ChangePiece] = []
    var gained: [ChangePiece] = []
    var assetChanges: [AssetChange] = []
    for (c, category) in categories.enumerated() {
      // Both dates have every category (checked above).
      let a = coverageAfter.categories.firstIndex(of: category) ?? c
      let reachBefore = coverageBefore.reaches[c], reachAfter = coverageAfter.reaches[a]
      // Only the buffers of assets not standing at the same spot at the other date can hold
      // ground that changed (ReachDifference).
      let radius = try options.coverage.radii.radius(for: category)
      let beforeMembers = before.assets.assets(in: category).map(\.geometry)
      let afterMembers = after.assets.assets(in: category).map(\.geometry)
      let beforeSpots = Set(beforeMembers), afterSpots = Set(afterMembers)
      func reach(of members: [FlatGeometry]) throws -> ReachUnion {
        try ReachUnion.build(
          members, radius: radius, quadrantSegments: options.coverage.quadrantSegments, threads: threads)
      }
      let (lostPieces, gainedPieces) = try progress.stage(
        "ground lost and gained: \(category)", unit: "pieces"
      ) {
        counter in
        let removed = try reach(of: beforeMembers.filter { !afterSpots.contains($0) })
        let added = try reach(of: afterMembers.filter { !beforeSpots.contains($0) })
        let lostPieces = try pieces(
          of: ReachDifference.of(removed, minus: reachAfter, threads: threads), units: units,
          category: category, population: population, people: people, threads: threads)
        let gainedPieces = try pieces(
          of: ReachDifference.of(added, minus: reachBefore, threads: threads), units: units,
          category: category, population: population, people: people, threads: threads)
        counter.advance(by: lostPieces.count + gainedPieces.count)
        return (lostPieces, gainedPieces)
      }
      clock.lap("change: \(category) lost and gained")
      let rowsBefore = coverageBefore.rows.filter { $0.category == category }
      let rowsAfter = coverageAfter.rows.filter { $0.category == category }
      var categoryRows = units.indices.map { u in
        ChangeRow(
          unit: u, category: category, radius: rowsBefore[u].radius, lostArea: 0, gainedArea: 0,
          coveredAreaBefore: rowsBefore[u].area - rowsBefore[u].gapArea,
          coveredAreaAfter: rowsAfter[u].area - rowsAfter[u].gapArea, nearestBefore: rowsBefore[u].nearest,
          nearestAfter: rowsAfter[u].nearest, population: rowsBefore[u].population,
          populationLost: people == nil ? nil : 0, populationGained: people == nil ? nil : 0,
          populationCoveredBefore: rowsBefore[u].populationCovered,
          populationCoveredAfter: rowsAfter[u].populationCovered)
      }
      for piece in lostPieces {
        categoryRows[piece.unit].lostArea = piece.area
        categoryRows[piece.unit].populationLost = piece.population
      }
      for piece in gainedPieces {
        categoryRows[piece.unit].gainedArea = piece.area
        categoryRows[piece.unit].populationGained = piece.population
      }
      rows += categoryRows
      lost += lostPieces
      gained += gainedPieces
      // Assets: matched, then each gone asset's sole reach.
      let beforePositions = before.assets.assets.indices.filter {
        before.assets.assets[$0].category == category
      }
      let afterPositions = after.assets.assets.indices.filter { after.assets.assets[$0].category == category }
      var keys: (before: [String], after: [String])?
      if case .identifier(let field) = matching {
        keys = (
          beforePositions.map { before.properties[$0][field]?.text ?? "" },
          afterPositions.map { after.properties[$0][field]?.text ?? "" }
        )
      }
      var changes = AssetMatching.match(
        category: category, before: beforePositions.map { before.assets.assets[$0] },
        after: afterPositions.map { after.assets.assets[$0] }, beforePositions: beforePositions,
        afterPositions: afterPositions, keys: keys, movedDistance: options.movedDistance)
      let gone = changes.count(where: \.needsSoleReach)
      try progress.stage("sole reach of gone assets: \(category)", total: gone, unit: "assets") { counter in
        try SoleReach.measure(
          &changes, before: before.assets, reachAfter: reachAfter, radius: radius, units: units,
          population: population, people: people, options: options.coverage, progress: counter)
      }
      assetChanges += changes
      clock.lap("change: \(category) assets")
    }
    return ChangeResult(
      rows: rows, lost: lost, gained: gained, assets: assetChanges, categories: categories,
      matching: matching,
      before: coverageBefore, after: coverageAfter)
  }

  /// The pieces of `difference` in each unit with their people.
  static func pieces(
    of difference: ReachDifference, units: [FlatGeometry], category: String, population: PopulationLayer?,
    people: PopulationEstimate?, threads: Int
  ) throws -> [ChangePiece] {
    let found = try difference.pieces(in: units, threads: threads)
    var pieces = found.map {
      ChangePiece(unit: $0.unit, category: category, geometry: $0.geometry, area: $0.area)
    }
    if let population, let people {
      let counts = try population.people(
        inPieces: found.map(\.geometry), pieceAreas: found.map(\.area), of: found.map(\.unit), areas: units,
        estimate: people, threads: threads)
      for k in pieces.indices { pieces[k].population = min(counts[k], people.totals[pieces[k].unit]) }
    }
    return pieces
  }

  /// The field to match assets by: `field` when given, else the first id field the loader found
  /// in either date's layers, provided every asset of both dates has a value and no value repeats
  /// within a category at one date. Otherwise matching is by location, with the reasons.
  public static func identifier(before: AssetVintage, after: AssetVintage, field: String?)
    -> AssetMatchingMethod
  {
    let candidates =
      field.map { [$0] } ?? (before.idFields + after.idFields.filter { !before.idFields.contains($0) })
    if candidates.isEmpty { return .location(reasons: ["no id field was found in the asset files"]) }
    var reasons: [String] = []
    for candidate in candidates {
      let problems = [before, after].flatMap { problemsOfField(candidate, in: $0) }
      if problems.isEmpty { return .identifier(field: candidate) }
      reasons += problems
    }
    return .location(reasons: reasons)
  }

  /// Why `field` cannot identify the assets of `vintage`: assets with no value, and values held
  /// by more than one asset of a category (each listed).
  static func problemsOfField(_ field: String, in vintage: AssetVintage) -> [String] {
    var problems: [String] = []
    let missing = vintage.properties.indices.filter { (vintage.properties[$0][field]?.text ?? "").isEmpty }
    if !missing.isEmpty {
      let examples = missing.prefix(5).map { "\(vintage.assets.assets[$0].layer) #\($0)" }
      problems.append(
        "\(field): \(missing.count) \(vintage.label) asset(s) have no value (\(examples.joined(separator: ", "))"
          + (missing.count > 5 ? ", …)" : ")"))
    }
    struct Key: Hashable {
      var category: String
      var value: String
    }
    var seen: [Key: Int] = [:]
    var repeated: [Key] = []
    for (i, properties) in vintage.properties.enumerated() {
      guard let value = properties[field]?.text, !value.isEmpty else { continue }
      let key = Key(category: vintage.assets.assets[i].category, value: value)
      seen[key, default: 0] += 1
      if seen[key] == 2 { repeated.append(key) }
    }
    for key in repeated {
      problems.append(
        "\(field) is not unique in the \(vintage.label) \(key.category) assets: \"\(key.value)\" is held by "
          + "\(seen[key, default: 0])")
    }
    return problems
  }
}
