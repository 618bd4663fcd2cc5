internal import CPROJ

extension CoordinateReferenceSystem {
  /// The authority code (`EPSG:27700`) PROJ matches `definition` to with at least
  /// `minimumConfidence` percent, or `nil` when no code matches that well. Shapefile `.prj`
  /// files carry ESRI WKT without codes; naming the code lets the loader see that a file is
  /// already in British National Grid (no reprojection) and state the CRS the way GeoJSON
  /// inputs do. PROJ gives 100 for a definition equal to the code's and 70–90 for near misses
  /// (a different name, or a datum it can only guess), so only high confidence is taken.
  /// Wraps `proj_identify`, `proj_list_get_count`, `proj_list_get`, `proj_list_destroy` and
  /// `proj_int_list_destroy`; the list and the confidence array are owned here and freed
  /// before returning.
  public static func identifiedCode(
    of definition: String, authority: String = "EPSG", minimumConfidence: Int32 = 90
  ) throws -> String? {
    let context = try ProjectionContext()
    let crs = try context.makeCRS(normalisedDefinition(definition))
    var confidence: UnsafeMutablePointer<Int32>?
    guard let list = proj_identify(context.pointer, crs.pointer, authority, nil, &confidence) else {
      context.clearDiagnostics()
      return nil
    }
    defer {
      proj_list_destroy(list)
      if let confidence { proj_int_list_destroy(confidence) }
    }
    let count = Int(proj_list_get_count(list))
    guard count > 0, let confidence, confidence[0] >= minimumConfidence else { return nil }
    // Candidates come best first; two at the top confidence means PROJ cannot tell them apart.
    if count > 1, confidence[1] == confidence[0] { return nil }
    guard let best = ProjObject(proj_list_get(context.pointer, list, 0), in: context),
      let auth = proj_get_id_auth_name(best.pointer, 0), let code = proj_get_id_code(best.pointer, 0)
    else { return nil }
    return "\(String(cString: auth)):\(String(cString: code))"
  }
}
