import Foundation
import GEOS
import GeoCore
import GeoJSON
import PROJ

/// Loads a GeoJSON or CSV file into a checked `Layer` in the working CRS (DESIGN.md §3): the
/// CRS decided and stated, coordinates reprojected in batches, invalid polygons repaired with
/// GEOS MakeValid, and every input feature either kept or listed with the reason it was not.
public enum LayerLoader {
  /// Loads `path` with `options`.
  public static func load(_ path: String, options: LoadOptions = LoadOptions()) throws(LayerError) -> Layer {
    var clock = StageClock()
    let input = try read(path, options: options)
    clock.lap("read \(path)")
    var record = LoadRecord()
    record.inputFeatures = input.collection.features.count
    record.sourceCRS = input.decision.crs
    record.crsBasis = input.decision.basis
    record.notes += input.notes
    // PROJ resolves the source CRS (reading its database) on another thread while this one
    // reads the geometries' extents and types.
    let (resolved, summary) = Concurrently.run(
      threads: options.threads,
      other: { [decision = input.decision] in
        Result { () throws(LayerError) in try sourceCRS(decision, path: path) }
      },
      here: { GeometrySummary(input.collection.features) })
    record.geometryTypes = summary.types
    record.sourceBoundingBox = summary.extent
    let source = try resolved.get()
    if source.isGeographic {
      try checkLonLatRange(
        input.collection.features, boxes: summary.boxes, path: path, decision: input.decision,
        options: options)
    }
    let working = try workingCRS(extent: summary.extent, source: source, options: options, path: path)
    let needsTransform = !CRSDecision.same(source, working)
    // PROJ searches its database for the operation on another thread while this one finds the
    // ids and gathers the coordinates to reproject. Errors keep their order: the id field's
    // before the operation's.
    let (chosen, checked) = Concurrently.run(
      threads: options.threads,
      other: { () -> Result<TransformerRecipe?, LayerError> in
        guard needsTransform else { return .success(nil) }
        return Result { () throws(LayerError) in
          try PreparedFeatures.recipe(from: source, to: working, path: path)
        }
      },
      here: {
        Result { () throws(LayerError) in
          let (fields, positions) = try identify(input, options: options, path: path, record: &record)
          let coordinates =
            needsTransform
            ? LayerCoordinates.reprojected(
              input.collection.features, positions: positions, expected: options.expected)
            : nil
          return (fields, positions, coordinates)
        }
      })
    let (fields, positions, coordinates) = try checked.get()
    let recipe = try chosen.get()
    let prepared = try PreparedFeatures.make(
      input.collection.features, fields: fields, path: path, recipe: recipe, coordinates: coordinates,
      options: options, csvProblems: input.csvProblems, positions: positions)
    clock.lap("reproject and repair")
    record.operation = prepared.operation
    record.operationAccuracyMetres = prepared.accuracy
    record.repairs = prepared.repairs
    record.excluded = prepared.excluded
    record.missingIDs = prepared.missingIDs
    record.duplicateIDs = duplicates(prepared.features)

    let name =
      options.layerName ?? options.sourceLayer
      ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    var layer = Layer(
      name: name, source: path, features: prepared.features, fields: fields, crs: working.definition,
      record: record)
    layer.excludedFeatures = prepared.excludedFeatures
    layer.skippedFeatures = record.skipped.map { ($0.index, $0.id, input.collection.features[$0.index]) }
    return layer
  }

  /// The id and name fields, and with `onlyIDs` the input positions to prepare (the others
  /// listed in `record.skipped`); an id field no feature has is an error.
  static func identify(_ input: Input, options: LoadOptions, path: String, record: inout LoadRecord)
    throws(LayerError) -> (IdentifierFields, positions: [Int]?)
  {
    let fields = IdentifierFields.detect(
      in: input.collection.features, idField: options.idField, nameField: options.nameField)
    if let idField = options.idField, case .property = fields.id,
      !input.collection.features.contains(where: { $0.properties[idField] != nil })
    {
      let keys = IdentifierFields.orderedKeys(input.collection.features)
      throw .badOption(
        "\(path): no feature has the id field \"\(idField)\"; properties are: \(keys.joined(separator: ", "))"
      )
    }
    guard let only = options.onlyIDs else { return (fields, nil) }
    var kept: [Int] = []
    for (i, feature) in input.collection.features.enumerated() {
      let id = fields.id(of: feature, index: i) ?? "#\(i)"
      if only.contains(id) {
        kept.append(i)
      } else {
        record.skipped.append(FeatureNote(index: i, id: id, reason: options.skippedReason))
      }
    }
    return (fields, kept)
  }

  /// What reading a file gives before any checks.
  struct Input {
    var collection: FeatureCollection
    var decision: CRSDecision
    var csvProblems: [Int: String] = [:]
    var notes: [String] = []
  }

  /// Drawing layers: a polygon with a ring too short to close cannot be a polygon, whatever format
  /// it came in. The GeoJSON reader sets it aside as it parses; for the other formats this does,
  /// before the extent and the working CRS are decided and in the same words, so a KML or
  /// Shapefile of the same drawings gives the same result.
  static func setAsideShortRings(_ input: inout Input) {
    for index in input.collection.features.indices {
      guard let geometry = input.collection.features[index].geometry, geometry.kind.isPolygonal else {
        continue
      }
      for part in 0..<geometry.partCount {
        let rings = geometry.ringRange(ofPart: part)
        guard let short = rings.first(where: { geometry.pointRange(ofRing: $0).count < 4 }) else { continue }
        let n = geometry.pointRange(ofRing: short).count
        let polygon = geometry.kind == .multiPolygon ? "polygon \(part)" : "polygon"
        input.collection.features[index].geometry = nil
        input.csvProblems[index] =
          "unusable geometry: " + GeoJSONError.shortRing(short - rings.lowerBound, of: polygon, positions: n)
        break
      }
    }
  }

  /// Reads GeoJSON, CSV, GeoPackage, Shapefile or KML/KMZ (by extension) and decides the source CRS.
  static func read(_ path: String, options: LoadOptions) throws(LayerError) -> Input {
    let other: Input?
    if path.lowercased().hasSuffix(".gpkg") {
      other = try GeoPackageInput.read(path, options: options)
    } else {
      other = try readOtherFormat(path, options: options)
    }
    if var input = other {
      // The GeoJSON reader sets these aside itself as it parses; the other formats here.
      if options.excludesUnusableGeometries { setAsideShortRings(&input) }
      return input
    }
    if path.lowercased().hasSuffix(".csv") {
      let table = try CSVTable.read(contentsOf: path)
      let columns = try CSVPoints.columns(in: table, x: options.xField, y: options.yField)
      let (features, problems) = CSVPoints.features(from: table, columns: columns)
      let decision =
        options.sourceCRS.map { CRSDecision(crs: $0, basis: .given) }
        ?? CRSDecision(crs: columns.crs, basis: .columns(columns.how))
      return Input(
        collection: FeatureCollection(features: features), decision: decision, csvProblems: problems)
    }
    if options.excludesUnusableGeometries {
      do {
        let (collection, unusable) = try GeoJSONReader.readSkippingUnusableGeometries(contentsOf: path)
        return Input(
          collection: collection,
          decision: CRSDecision.decide(given: options.sourceCRS, crsMember: collection.crsName),
          csvProblems: unusable.mapValues { "unusable geometry: \($0)" })
      } catch {
        switch error {
        case .fileNotFound: throw .fileNotFound(path)
        default: throw .unreadableContent(error.description)
        }
      }
    }
    let collection: FeatureCollection
    do {
      // One thread means one thread: the reader splits big files only when allowed two.
      collection = try GeoJSONReader.read(
        contentsOf: path, parallelAbove: options.threads > 1 ? GeoJSONReader.parallelThreshold : .max)
    } catch {
      switch error {
      case .fileNotFound: throw .fileNotFound(path)
      default: throw .unreadableContent(error.description)
      }
    }
    return Input(
      collection: collection,
      decision: CRSDecision.decide(given: options.sourceCRS, crsMember: collection.crsName))
  }

  /// The CRS the file's coordinates are read in; one PROJ does not know is an error saying where
  /// the definition came from.
  static func sourceCRS(_ decision: CRSDecision, path: String) throws(LayerError) -> CoordinateReferenceSystem
  {
    do {
      return try CoordinateReferenceSystem.resolved(decision.crs)
    } catch {
      throw .unknownCRS(path, definition: decision.crs, basis: decision.basis, reason: reason(error))
    }
  }

  /// A CRS chosen to measure in (given, or picked for the data's extent).
  static func crs(_ definition: String, path: String, why: String) throws(LayerError)
    -> CoordinateReferenceSystem
  {
    do {
      return try CoordinateReferenceSystem.resolved(definition)
    } catch {
      throw .badLayer(path, "unknown CRS \"\(definition)\" (from the \(why)): \(reason(error))")
    }
  }

  /// Why PROJ refused a definition: its own words when it gave some.
  static func reason(_ error: any Error) -> String {
    if let error = error as? PROJError, let words = error.projReason { return "PROJ: \(words)" }
    return "\(error)"
  }

  /// Coordinates outside lon/lat range in a file read as lon/lat are almost always projected
  /// coordinates with no `crs` member.
  /// `boxes` are the features' bounding boxes (empty for no geometry).
  static func checkLonLatRange(
    _ features: [Feature], boxes: [BoundingBox], path: String, decision: CRSDecision, options: LoadOptions
  ) throws(LayerError) {
    for (index, box) in boxes.enumerated() where !box.isEmpty {
      if box.minX < -180 || box.maxX > 180 || box.minY < -90 || box.maxY > 90 {
        let sample = box.minX < -180 || box.maxX > 180 ? (box.maxX > 180 ? box.maxX : box.minX) : box.maxY
        // The ids are only needed to name the feature here.
        let fields = IdentifierFields.detect(
          in: features, idField: options.idField, nameField: options.nameField)
        throw .projectedAsLonLat(
          path, index: index, id: fields.id(of: features[index], index: index), coordinate: sample,
          basis: decision.basis)
      }
    }
  }

  /// The working CRS: the option, else British National Grid for data in Great Britain (or
  /// already in it), else a local equal-area projection. `extent` is the data's, in `source`.
  static func workingCRS(
    extent: BoundingBox, source: CoordinateReferenceSystem, options: LoadOptions, path: String
  ) throws(LayerError) -> CoordinateReferenceSystem {
    if let given = options.workingCRS { return try crs(given, path: path, why: "working CRS option") }
    if source.epsgCode == 27700 { return source }
    // Data already in a local equal-area projection (a GeoPackage nbhd wrote outside Great
    // Britain) is measured in it, not re-centred on its own extent.
    if source.definition.hasPrefix("+proj=laea ") { return source }
    var box = extent
    if !source.isGeographic, !box.isEmpty {
      do {
        box = try Transformer(from: source, to: .wgs84LonLat).transformed(box)
      } catch {
        throw .badLayer(path, "cannot find where the data lie in lon/lat: \(error)")
      }
    }
    return try crs(CRSDecision.workingCRS(forLonLat: box), path: path, why: "working CRS")
  }

  /// The ids held by more than one feature, in order of first appearance, each with the input
  /// positions that hold it. Only repeats get a list: a national layer has none.
  static func duplicates(_ features: [LayerFeature]) -> [DuplicateID] {
    var first = [String: Int](minimumCapacity: features.count)
    var repeats: [Int: [Int]] = [:]
    features.withUnsafeBufferPointer { features in
      for k in features.indices {
        if let seen = first[features[k].id] {
          repeats[seen, default: [features[seen].index]].append(features[k].index)
        } else {
          first[features[k].id] = k
        }
      }
    }
    return repeats.sorted { $0.key < $1.key }.map { DuplicateID(id: features[$0.key].id, indices: $0.value) }
  }
}
