import GeoCore

extension Layer {
  /// The layer's loading record as JSON (for `inspect --json` and summary.json).
  public var summaryJSON: JSONValue {
    var object = JSONObject()
    object["name"] = .string(name)
    object["path"] = .string(source)
    object["features_in_file"] = .number(Double(record.inputFeatures))
    object["features_used"] = .number(Double(features.count))
    var types = JSONObject()
    for (type, count) in record.geometryTypes { types[type] = .number(Double(count)) }
    object["geometry_types"] = .object(types)
    object["crs"] = .string(record.sourceCRS)
    object["crs_decided_by"] = .string(record.crsDecision)
    let box = record.sourceBoundingBox
    object["bbox"] =
      box.isEmpty ? .null : .array([box.minX, box.minY, box.maxX, box.maxY].map { .number($0) })
    object["working_crs"] = .string(crs)
    object["operation"] = record.operation.map { .string($0) } ?? .null
    object["operation_accuracy_m"] = record.operationAccuracyMetres.map { .number($0) } ?? .null
    object["id_field"] = .string(fields.id.description)
    object["name_field"] = fields.name.map { .string($0) } ?? .null
    object["repaired"] = .array(record.repairs.map(\.json))
    object["excluded"] = .array(record.excluded.map(\.json))
    object["duplicate_ids"] = .array(
      record.duplicateIDs.map {
        .object(["id": .string($0.id), "indices": .array($0.indices.map { .number(Double($0)) })])
      })
    object["missing_ids"] = .array(record.missingIDs.map(\.json))
    object["notes"] = .array(record.notes.map { .string($0) })
    return .object(object)
  }
}

extension FeatureNote {
  /// `{"index": 3, "id": "E01000004", "reason": "..."}`.
  public var json: JSONValue {
    .object(["index": .number(Double(index)), "id": .string(id), "reason": .string(reason)])
  }
}
