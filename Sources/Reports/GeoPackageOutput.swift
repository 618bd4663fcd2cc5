import Foundation
import GeoCore
import GeoPackage
import Layers
import PROJ

/// Writes result layers and tables into a GeoPackage (issue 16): geometries in the working CRS
/// (or `outputCRS`), at full precision unless `precision` is given, the CRS described in
/// `gpkg_spatial_ref_sys` with PROJ's WKT, atomically like every output.
public struct GeoPackageOutput: Sendable {
  /// The CRS the geometries are in (the working CRS).
  public var workingCRS: String
  /// The CRS to write: nil keeps the working CRS.
  public var outputCRS: String?
  /// Decimal places; nil keeps full precision.
  public var precision: Int?

  /// An output as given.
  public init(workingCRS: String, outputCRS: String? = nil, precision: Int? = nil) {
    self.workingCRS = workingCRS
    self.outputCRS = outputCRS
    self.precision = precision
  }

  /// One feature layer to write.
  public struct Layer: Sendable {
    /// The table name.
    public var name: String
    /// A line for `gpkg_contents.description`.
    public var description: String
    /// The features: geometry in the working CRS, properties.
    public var features: [(geometry: FlatGeometry?, properties: JSONObject)]
    /// Its QGIS style document (QML), written as the layer's default style; nil for none.
    public var style: String?
    /// Other styles QGIS offers in the layer's style menu (name, QML).
    public var alternativeStyles: [(name: String, qml: String)] = []
    /// The geometry type declared if the layer is empty.
    public var emptyType: GeometryKind?

    /// A layer as given.
    public init(
      name: String, description: String = "", features: [(geometry: FlatGeometry?, properties: JSONObject)],
      style: String? = nil, emptyType: GeometryKind? = nil
    ) {
      self.emptyType = emptyType
      self.name = name
      self.description = description
      self.features = features
      self.style = style
    }
  }

  /// One attribute table (what is a CSV file elsewhere): rows of properties.
  public struct Table: Sendable {
    /// The table name.
    public var name: String
    /// A line for `gpkg_contents.description`.
    public var description: String
    /// The rows.
    public var rows: [JSONObject]

    /// A table as given.
    public init(name: String, description: String = "", rows: [JSONObject]) {
      self.name = name
      self.description = description
      self.rows = rows
    }
  }

  /// Writes `layers` (each with its style, if any) and `tables` into one GeoPackage at `path`.
  public func write(layers: [Layer], tables: [Table] = [], to path: String) throws {
    let (writer, system, recipe) = try start(path)
    for layer in layers {
      let source = layer.features
      let features = try transformed(count: source.count, recipe: recipe) { source[$0] }
      try writer.writeFeatures(
        GeoPackageWriter.FeatureTable(
          name: layer.name, srsID: system.id, precision: precision, description: layer.description,
          emptyType: layer.emptyType),
        count: features.count
      ) { features[$0] }
    }
    for table in tables {
      try writer.writeAttributes(name: table.name, description: table.description, rows: table.rows)
    }
    let styles = layers.flatMap { layer in
      (layer.style.map {
        [QGISLayerStyle(table: layer.name, name: layer.name, qml: $0, description: "nbhd report symbology")]
      } ?? [])
        + layer.alternativeStyles.map {
          QGISLayerStyle(
            table: layer.name, name: $0.name, qml: $0.qml, isDefault: false,
            description: "nbhd report symbology")
        }
    }
    if !styles.isEmpty { try writer.writeStyles(styles) }
    try writer.finish()
  }

  /// Writes one layer of `count` features, the k-th made by `feature(k)`, as table `name`.
  /// Making and reprojecting run in parallel chunks (each thread with its own PROJ transformer).
  public func write(
    count: Int, name: String, to path: String,
    feature: @Sendable (Int) -> (geometry: FlatGeometry?, properties: JSONObject)
  ) throws {
    var clock = StageClock()
    let (writer, system, recipe) = try start(path)
    clock.lap("GeoPackage: start")
    let features = try transformed(count: count, recipe: recipe, feature)
    clock.lap("GeoPackage: features made")
    try writer.writeFeatures(
      GeoPackageWriter.FeatureTable(name: name, srsID: system.id, precision: precision), count: count
    ) { features[$0] }
    clock.lap("GeoPackage: table written")
    try writer.finish()
    clock.lap("GeoPackage: committed, synced, renamed")
  }

  /// The features in the output CRS (as they are when no transformation is needed).
  private func transformed(
    count: Int, recipe: TransformerRecipe?,
    _ feature: @Sendable (Int) -> (geometry: FlatGeometry?, properties: JSONObject)
  ) throws -> [(geometry: FlatGeometry?, properties: JSONObject)] {
    try ParallelChunks.map(
      count: count, chunkSize: 256, makeWorker: { try recipe.map { try Transformer($0) } },
      body: { transformer, k in
        let (geometry, properties) = feature(k)
        return (try geometry.map { try transformer?.transformed($0) ?? $0 }, properties)
      })
  }

  private func start(_ path: String) throws -> (GeoPackageWriter, SpatialReferenceSystem, TransformerRecipe?)
  {
    let source = try CoordinateReferenceSystem(workingCRS)
    let target = try outputCRS.map { try CoordinateReferenceSystem($0) } ?? source
    let same =
      source.definition == target.definition
      || (source.identifier != nil && source.identifier == target.identifier)
    let recipe = same ? nil : try TransformerRecipe.best(from: source, to: target)
    let writer = try GeoPackageWriter(
      path: path, wgs84Definition: try CoordinateReferenceSystem("EPSG:4326").wellKnownText(),
      lastChange: Self.timestamp())
    let system = try Self.system(for: target)
    try writer.add(system)
    return (writer, system, recipe)
  }

  /// The `gpkg_spatial_ref_sys` row for a CRS: its EPSG code when it has one (WGS84 lon/lat is
  /// EPSG:4326, whose GeoPackage axis order is longitude first), else a custom row described by
  /// PROJ's WKT.
  public static func system(for crs: CoordinateReferenceSystem) throws -> SpatialReferenceSystem {
    if crs.identifier == "OGC:CRS84" || crs.epsgCode == 4326 {
      return SpatialReferenceSystem(
        id: 4326, name: "WGS 84 geodetic", organization: "EPSG", organizationCode: 4326,
        definition: try CoordinateReferenceSystem("EPSG:4326").wellKnownText())
    }
    if let code = crs.epsgCode {
      return SpatialReferenceSystem(
        id: Int32(code), name: crs.name, organization: "EPSG", organizationCode: Int64(code),
        definition: try crs.wellKnownText())
    }
    let id = SpatialReferenceSystem.firstCustomID
    return SpatialReferenceSystem(
      id: id, name: crs.name == "unknown" ? "nbhd local equal-area" : crs.name, organization: "NBHD",
      organizationCode: Int64(id), definition: try crs.wellKnownText(), description: crs.definition)
  }

  /// Now, as GeoPackage wants it (`2026-12-03T10:04:05.000Z`); `SOURCE_DATE_EPOCH` (seconds)
  /// fixes it for reproducible files.
  static func timestamp() -> String {
    let seconds =
      ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init)
      ?? Date().timeIntervalSince1970
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: seconds))
  }
}

extension GeoPackageOutput.Table {
  /// A table from a CSV the report writes: a column whose every value reads as a number (and
  /// none looks like a code with a leading zero, such as `01`) is numeric, an empty field is
  /// null, anything else text.
  public init(name: String, description: String = "", csv: CSVWriter) throws {
    let table = try CSVTable.parse(csv.bytes, source: name)
    let numeric = table.header.indices.map { c in
      table.records.allSatisfy { record in
        guard c < record.count, !record[c].isEmpty else { return true }
        let text = record[c]
        let digits = text.drop { $0 == "-" }
        if digits.count > 1, digits.first == "0", digits.dropFirst().first != "." { return false }
        return Double(text)?.isFinite == true
      }
    }
    let rows = table.records.map { record in
      var row = JSONObject()
      for (c, key) in table.header.enumerated() {
        let text = c < record.count ? record[c] : ""
        row.append(
          key: key, value: text.isEmpty ? .null : numeric[c] ? .number(Double(text)!) : .string(text))
      }
      return row
    }
    self.init(name: name, description: description, rows: rows)
  }
}
