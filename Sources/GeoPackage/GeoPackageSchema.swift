/// The SQL of the GeoPackage 1.3 core tables, the R-tree extension's triggers and QGIS's
/// `layer_styles` table.
enum GeoPackageSchema {
  /// A double-quoted SQL identifier.
  static func quote(_ name: String) -> String {
    var out = "\""
    for character in name {
      if character == "\"" { out += "\"\"" } else { out.append(character) }
    }
    return out + "\""
  }

  /// gpkg_spatial_ref_sys, gpkg_contents, gpkg_geometry_columns and gpkg_extensions (GeoPackage
  /// 1.3, Annex C).
  static let core = """
    CREATE TABLE gpkg_spatial_ref_sys (
      srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (
      table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
      description TEXT DEFAULT '',
      last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
      CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
    CREATE TABLE gpkg_geometry_columns (
      table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
      srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
      CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
      CONSTRAINT uk_gc_table_name UNIQUE (table_name),
      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
      CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
    CREATE TABLE gpkg_extensions (
      table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
      scope TEXT NOT NULL,
      CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
    """

  /// The six triggers of the gpkg_rtree_index extension (GeoPackage 1.3, F.3) for one column.
  static func rtreeTriggers(table: String, column: String, key: String) -> String {
    let t = quote(table)
    let c = quote(column)
    let i = quote(key)
    let r = quote("rtree_\(table)_\(column)")
    func name(_ suffix: String) -> String { quote("rtree_\(table)_\(column)_\(suffix)") }
    let values = "NEW.\(i), ST_MinX(NEW.\(c)), ST_MaxX(NEW.\(c)), ST_MinY(NEW.\(c)), ST_MaxY(NEW.\(c))"
    return """
      CREATE TRIGGER \(name("insert")) AFTER INSERT ON \(t)
        WHEN (new.\(c) NOT NULL AND NOT ST_IsEmpty(NEW.\(c)))
      BEGIN INSERT OR REPLACE INTO \(r) VALUES (\(values)); END;
      CREATE TRIGGER \(name("update1")) AFTER UPDATE OF \(c) ON \(t)
        WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
      BEGIN INSERT OR REPLACE INTO \(r) VALUES (\(values)); END;
      CREATE TRIGGER \(name("update2")) AFTER UPDATE OF \(c) ON \(t)
        WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
      BEGIN DELETE FROM \(r) WHERE id = OLD.\(i); END;
      CREATE TRIGGER \(name("update3")) AFTER UPDATE ON \(t)
        WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
      BEGIN DELETE FROM \(r) WHERE id = OLD.\(i); INSERT OR REPLACE INTO \(r) VALUES (\(values)); END;
      CREATE TRIGGER \(name("update4")) AFTER UPDATE ON \(t)
        WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
      BEGIN DELETE FROM \(r) WHERE id IN (OLD.\(i), NEW.\(i)); END;
      CREATE TRIGGER \(name("delete")) AFTER DELETE ON \(t)
        WHEN old.\(c) NOT NULL
      BEGIN DELETE FROM \(r) WHERE id = OLD.\(i); END;
      """
  }

  /// QGIS's `layer_styles` table, with the columns QGIS creates and reads.
  static let layerStyles = """
    CREATE TABLE layer_styles (
      id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256),
      f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT,
      styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
      update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
    """
}
