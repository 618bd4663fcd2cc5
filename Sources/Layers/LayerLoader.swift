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
    record.geometryTypes = geometryTypeCounts(input.collection.features)
    record.sourceBoundingBox = input.collection.features.reduce(into: BoundingBox.empty) { box, feature in
      if let geometry = feature.geometry { box.include(geometry.boundingBox) }
    }

    let source = try sourceCRS(input.decision, path: path)
    let fields = IdentifierFields.detect(
      in: input.collection.features, idField: options.idField, nameField: options.nameField)
    if source.isGeographic {
      try checkLonLatRange(input.collection.features, fields: fields, path: path, decision: input.decision)
    }
    let working = try workingCRS(for: input.collection.features, source: source, options: options, path: path)
    if let idField = options.idField, case .property = fields.id,
      !input.collection.features.contains(where: { $0.properties[idField] != nil })
    {
      let keys = IdentifierFields.orderedKeys(input.collection.features)
      throw .badOption(
        "\(path): no feature has the id field \"\(idField)\"; properties are: \(keys.joined(separator: ", "))"
      )
    }

    var positions: [Int]?
    if let only = options.onlyIDs {
      var kept: [Int] = []
      for (i, feature) in input.collection.features.enumerated() {
        let id = fields.id(of: feature, index: i) ?? "#\(i)"
        if only.contains(id) {
          kept.append(i)
        } else {
          record.skipped.append(FeatureNote(index: i, id: id, reason: options.skippedReason))
        }
      }
      positions = kept
    }
    let prepared = try PreparedFeatures.make(
      input.collection.features, fields: fields, path: path, source: source, working: working,
      options: options,
      csvProblems: input.csvProblems, positions: positions)
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
      return try CoordinateReferenceSystem(decision.crs)
    } catch {
      throw .unknownCRS(path, definition: decision.crs, basis: decision.basis, reason: reason(error))
    }
  }

  /// A CRS chosen to measure in (given, or picked for the data's extent).
  static func crs(_ definition: String, path: String, why: String) throws(LayerError)
    -> CoordinateReferenceSystem
  {
    do {
      return try CoordinateReferenceSystem(definition)
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
  static func checkLonLatRange(
    _ features: [Feature], fields: IdentifierFields, path: String, decision: CRSDecision
  ) throws(LayerError) {
    for (index, feature) in features.enumerated() {
      guard let geometry = feature.geometry else { continue }
      let box = geometry.boundingBox
      guard !box.isEmpty else { continue }
      if box.minX < -180 || box.maxX > 180 || box.minY < -90 || box.maxY > 90 {
        let sample = box.minX < -180 || box.maxX > 180 ? (box.maxX > 180 ? box.maxX : box.minX) : box.maxY
        throw .projectedAsLonLat(
          path, index: index, id: fields.id(of: feature, index: index), coordinate: sample,
          basis: decision.basis)
      }
    }
  }

  /// The working CRS: the option, else British National Grid for data in Great Britain (or
  /// already in it), else a local equal-area projection.
  static func workingCRS(
    for features: [Feature], source: CoordinateReferenceSystem, options: LoadOptions, path: String
  ) throws(LayerError) -> CoordinateReferenceSystem {
    if let given = options.workingCRS { return try crs(given, path: path, why: "working CRS option") }
    if source.epsgCode == 27700 { return source }
    // Data already in a local equal-area projection (a GeoPackage nbhd wrote outside Great
    // Britain) is measured in it, not re-centred on its own extent.
    if source.definition.hasPrefix("+proj=laea ") { return source }
    var box = features.reduce(into: BoundingBox.empty) { box, feature in
      if let geometry = feature.geometry { box.include(geometry.boundingBox) }
    }
    if !source.isGeographic, !box.isEmpty {
      do {
        box = try Transformer(from: source, to: .wgs84LonLat).transformed(box)
      } catch {
        throw .badLayer(path, "cannot find where the data lie in lon/lat: \(error)")
      }
    }
    return try crs(CRSDecision.workingCRS(forLonLat: box), path: path, why: "working CRS")
  }

  static func geometryTypeCounts(_ features: [Feature]) -> [(type: String, count: Int)] {
    var counts: [(type: String, count: Int)] = []
    for feature in features {
      let type = feature.geometry.map { $0.isEmpty ? "empty \($0.kind)" : "\($0.kind)" } ?? "null"
      if let i = counts.firstIndex(where: { $0.type == type }) {
        counts[i].count += 1
      } else {
        counts.append((type, 1))
      }
    }
    return counts
  }

  static func duplicates(_ features: [LayerFeature]) -> [DuplicateID] {
    var positions: [String: [Int]] = [:]
    for feature in features { positions[feature.id, default: []].append(feature.index) }
    return positions.filter { $0.value.count > 1 }.map { DuplicateID(id: $0.key, indices: $0.value) }
      .sorted { $0.indices[0] < $1.indices[0] }
  }
}
