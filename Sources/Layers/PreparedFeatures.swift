import GEOS
import GeoCore
import PROJ
import PlanarKernel

/// The per-feature half of loading, run in parallel chunks (each thread with its own PROJ
/// transformer and GEOS context): reproject, check the geometry type, repair.
struct PreparedFeatures {
  var features: [LayerFeature] = []
  var repairs: [FeatureNote] = []
  var excluded: [FeatureNote] = []
  var missingIDs: [FeatureNote] = []
  var excludedFeatures: [(index: Int, feature: Feature)] = []
  var operation: String?
  var accuracy: Double?

  /// What happened to one feature.
  enum Outcome: Sendable {
    case kept(LayerFeature, repair: String?, missingID: Bool)
    case excluded(index: Int, id: String, reason: String)
  }

  /// The operation from `source` to `working`, or a layer error saying there is none.
  static func recipe(
    from source: CoordinateReferenceSystem, to working: CoordinateReferenceSystem, path: String
  )
    throws(LayerError) -> TransformerRecipe
  {
    do {
      return try TransformerRecipe.best(from: source, to: working)
    } catch {
      throw .badLayer(path, "no transformation from \(source.definition) to \(working.definition): \(error)")
    }
  }

  /// Prepares the features at `positions` (all when nil). With a `recipe` they are reprojected:
  /// from `coordinates` (theirs gathered by `LayerCoordinates.reprojected`) when given, else one
  /// by one.
  static func make(
    _ input: [Feature], fields: IdentifierFields, path: String, recipe: TransformerRecipe?,
    coordinates: LayerCoordinates?, options: LoadOptions, csvProblems: [Int: String], positions: [Int]? = nil
  ) throws(LayerError) -> PreparedFeatures {
    var result = PreparedFeatures()
    if let recipe {
      // PROJ names operations to CRSs defined by a PROJ string "unknown": say what it does.
      result.operation = recipe.operationName == "unknown" ? recipe.operationDefinition : recipe.operationName
      result.accuracy = recipe.accuracyMetres
    }
    final class Worker {
      let transformer: Transformer?
      let context = GeometryContext()
      init(_ transformer: Transformer?) { self.transformer = transformer }
    }
    let expected = options.expected
    let repair = options.repair
    let count = positions?.count ?? input.count
    // The coordinates of every feature that will be reprojected, reprojected in one batch. When
    // any fails, each feature is reprojected on its own instead, so the error names the feature
    // exactly as it always did.
    var batch: LayerCoordinates?
    if let recipe, var coordinates {
      if (try? recipe.transformDistinct(&coordinates.values, threads: options.threads)) != nil {
        batch = coordinates
      }
    }
    let reprojected = batch
    var outcomes: [Outcome]
    do {
      outcomes = try ParallelChunks.map(
        count: count, threads: options.threads, chunkSize: 256,
        makeWorker: { [recipe] in Worker(reprojected == nil ? try recipe.map { try Transformer($0) } : nil) },
        body: { worker, k -> Outcome in
          // With `positions`, only those input features are prepared, keeping their indices.
          let index = positions?[k] ?? k
          // Read through the buffer, member by member: a copy of the feature (which a local, or
          // the array's subscript from a closure, makes) retains and releases every buffer of
          // it, a cost on a par with the work here.
          return try input.withUnsafeBufferPointer { input throws -> Outcome in
            let found = fields.id(of: input[index], index: index)
            let id = found ?? "#\(index)"
            if let why = exclusion(of: input[index].geometry, expected: expected) {
              let reason = input[index].geometry == nil ? csvProblems[index] ?? why : why
              return .excluded(index: index, id: id, reason: reason)
            }
            var geometry = input[index].geometry!
            if let reprojected {
              reprojected.place(into: &geometry, at: k)
            } else if let transformer = worker.transformer {
              do {
                try transformer.transform(&geometry)
              } catch {
                throw LayerError.badFeature(path, index: index, id: id, "cannot reproject: \(error)")
              }
            }
            var note: String?
            if repair, geometry.kind.isPolygonal || geometry.kind == .geometryCollection {
              do {
                (geometry, note) = try repaired(geometry, expected: expected, context: worker.context)
              } catch let error as GEOSError {
                // Drawing layers exclude what cannot be a polygon, whatever format it came in.
                if options.excludesUnusableGeometries {
                  return .excluded(index: index, id: id, reason: "unusable geometry: \(error.description)")
                }
                throw LayerError.badFeature(path, index: index, id: id, error.description)
              }
              if geometry.isEmpty {
                let why = (note ?? "invalid").replacing("; repaired with MakeValid", with: "")
                return .excluded(
                  index: index, id: id, reason: "no area left after repair with MakeValid (GEOS: \(why))")
              }
            }
            let layerFeature = LayerFeature(
              index: index, id: id, name: fields.name(of: input[index]), properties: input[index].properties,
              geometry: geometry, featureID: input[index].id)
            return .kept(layerFeature, repair: note, missingID: found == nil)
          }
        })
    } catch let error as LayerError {
      throw error
    } catch {
      throw .badLayer(path, "\(error)")
    }
    // Each outcome is moved out (swapped for an empty one) rather than copied: a copy retains
    // every buffer of a feature, and releasing the array then releases them all again.
    result.features.reserveCapacity(outcomes.count)
    for k in outcomes.indices {
      var outcome = Outcome.excluded(index: 0, id: "", reason: "")
      swap(&outcome, &outcomes[k])
      switch consume outcome {
      case .kept(let feature, let repair, let missingID):
        if let repair {
          result.repairs.append(FeatureNote(index: feature.index, id: feature.id, reason: repair))
        }
        if missingID {
          result.missingIDs.append(
            FeatureNote(index: feature.index, id: feature.id, reason: "no value for \(fields.id)"))
        }
        result.features.append(feature)
      case .excluded(let index, let id, let reason):
        result.excluded.append(FeatureNote(index: index, id: id, reason: reason))
        result.excludedFeatures.append((index, input[index]))
      }
    }
    return result
  }

  /// Why a geometry type does not belong in the layer, or nil when it does.
  /// Why a feature's geometry is left out of the layer, or nil when it is kept (and reprojected:
  /// `LayerCoordinates` gathers exactly these): none, empty, or not of the expected type.
  static func exclusion(of geometry: FlatGeometry?, expected: ExpectedGeometry) -> String? {
    guard let geometry else { return "null geometry" }
    if geometry.isEmpty { return "empty geometry" }
    return mismatch(geometry.kind, expected)
  }

  private static func mismatch(_ kind: GeometryKind, _ expected: ExpectedGeometry) -> String? {
    switch expected {
    case .any: nil
    case .polygons:
      kind.isPolygonal || kind == .geometryCollection ? nil : "\(kind) where polygons are expected"
    case .points: kind.isPuntal ? nil : "\(kind) where points are expected"
    }
  }

  /// The geometry, valid: unchanged when GEOS finds it valid; otherwise MakeValid's result (the
  /// polygonal part in a polygon layer) and GEOS's reason.
  static func repaired(_ flat: FlatGeometry, expected: ExpectedGeometry, context: GeometryContext)
    throws(GEOSError)
    -> (FlatGeometry, String?)
  {
    if ValidityProof.isCertainlyValid(flat) { return (flat, nil) }
    let geometry = try Geometry(flat, context: context)
    let isCollection = flat.kind == .geometryCollection
    if try geometry.isValid() && !(isCollection && expected == .polygons) { return (flat, nil) }
    let reason = isCollection ? "GeometryCollection: polygons kept" : try geometry.validityReason()
    var fixed = try geometry.madeValid()
    if expected == .polygons || flat.kind.isPolygonal { fixed = try fixed.polygonalPart() }
    return (try fixed.flat(), "\(reason); repaired with MakeValid")
  }
}
