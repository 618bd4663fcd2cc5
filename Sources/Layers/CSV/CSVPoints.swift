import GeoCore

/// Turns a CSV table with coordinate columns into point features.
public enum CSVPoints {
  /// The coordinate columns found, and the CRS they imply.
  public struct Columns: Sendable, Hashable {
    /// The column of longitude or easting.
    public var x: Int
    /// The column of latitude or northing.
    public var y: Int
    /// `"OGC:CRS84"` for lon/lat columns, `"EPSG:27700"` for easting/northing.
    public var crs: String
    /// How they were chosen, for the report.
    public var how: String
  }

  static let longitudeNames = ["lon", "long", "longitude", "lng", "x_lon"]
  static let latitudeNames = ["lat", "latitude", "y_lat"]
  static let eastingNames = ["easting", "east", "eastings", "x", "oseast1m", "bng_e"]
  static let northingNames = ["northing", "north", "northings", "y", "osnrth1m", "bng_n"]

  /// Finds coordinate columns: named ones (`x`/`y`) when given, else lon/lat, else
  /// easting/northing.
  public static func columns(in table: CSVTable, x: String? = nil, y: String? = nil) throws(LayerError)
    -> Columns
  {
    if let x, let y {
      guard let xi = table.column(named: [x]) else {
        throw .badLayer(table.source, "no column \"\(x)\" (columns: \(table.header.joined(separator: ", ")))")
      }
      guard let yi = table.column(named: [y]) else {
        throw .badLayer(table.source, "no column \"\(y)\" (columns: \(table.header.joined(separator: ", ")))")
      }
      let geographic = latitudeNames.contains(y.lowercased()) || longitudeNames.contains(x.lowercased())
      return Columns(
        x: xi, y: yi, crs: geographic ? "OGC:CRS84" : "EPSG:27700", how: "given columns \(x), \(y)")
    }
    if let xi = table.column(named: longitudeNames), let yi = table.column(named: latitudeNames) {
      return Columns(
        x: xi, y: yi, crs: "OGC:CRS84", how: "lon/lat columns \(table.header[xi]), \(table.header[yi])")
    }
    if let xi = table.column(named: eastingNames), let yi = table.column(named: northingNames) {
      return Columns(
        x: xi, y: yi, crs: "EPSG:27700",
        how: "easting/northing columns \(table.header[xi]), \(table.header[yi])")
    }
    // NHS Digital's practice files say "Longitude_1m"/"Latitude_1m": accept one column of each.
    if let xi = onlyColumn(in: table, prefixed: "longitude"),
      let yi = onlyColumn(in: table, prefixed: "latitude")
    {
      return Columns(
        x: xi, y: yi, crs: "OGC:CRS84", how: "lon/lat columns \(table.header[xi]), \(table.header[yi])")
    }
    let named = table.header.filter { !$0.isEmpty }
    let unnamed = table.header.count - named.count
    throw .noCoordinateColumns(table.source, columns: named, unnamed: unnamed)
  }

  /// The one column whose name starts with `prefix` (case-insensitive), nil for none or several.
  static func onlyColumn(in table: CSVTable, prefixed prefix: String) -> Int? {
    let matches = table.header.indices.filter { table.header[$0].lowercased().hasPrefix(prefix) }
    return matches.count == 1 ? matches[0] : nil
  }

  /// One point feature per record; records whose coordinates are missing or not numbers get a
  /// null geometry (listed, never dropped silently) and their problem in `problems`.
  public static func features(from table: CSVTable, columns: Columns) -> (
    features: [Feature], problems: [Int: String]
  ) {
    var features: [Feature] = []
    var problems: [Int: String] = [:]
    features.reserveCapacity(table.records.count)
    for (r, record) in table.records.enumerated() {
      var properties = JSONObject()
      for (c, name) in table.header.enumerated() where c != columns.x && c != columns.y && !name.isEmpty {
        properties.append(key: name, value: c < record.count ? .string(record[c]) : .null)
      }
      let xText = columns.x < record.count ? record[columns.x].trimmingCharacters(in: .whitespaces) : ""
      let yText = columns.y < record.count ? record[columns.y].trimmingCharacters(in: .whitespaces) : ""
      var geometry: FlatGeometry?
      if let x = Double(xText), let y = Double(yText), x.isFinite, y.isFinite {
        geometry = .point(x: x, y: y)
      } else {
        problems[r] = "line \(table.lines[r]): coordinates \"\(xText)\", \"\(yText)\" are not numbers"
      }
      features.append(Feature(properties: properties, geometry: geometry))
    }
    return (features, problems)
  }
}
