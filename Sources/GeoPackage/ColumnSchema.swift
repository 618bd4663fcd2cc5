import GeoCore

/// A column of a feature or attribute table and its SQLite type, inferred from the values.
public struct ColumnSchema: Sendable, Hashable {
  /// The column's SQL type.
  public enum SQLType: String, Sendable, Hashable {
    case integer = "INTEGER"
    case real = "REAL"
    case text = "TEXT"
    case boolean = "BOOLEAN"
  }

  /// The property key the column holds.
  public var key: String
  /// The column name in the file (the key, renamed only where SQLite or GeoPackage would clash).
  public var name: String
  /// The type.
  public var type: SQLType

  /// A column as given.
  public init(key: String, name: String, type: SQLType) {
    self.key = key
    self.name = name
    self.type = type
  }

  /// The columns for a list of properties: keys in first-seen order; a column whose values are
  /// all whole numbers (below 2^53) is INTEGER, all numbers REAL, all booleans BOOLEAN, anything
  /// else (strings, mixtures, arrays, objects, only nulls) TEXT. Names that clash with the
  /// primary key or geometry column, or with another name differing only in case, get a suffix.
  public static func infer(_ properties: [JSONObject], reserved: [String]) -> [ColumnSchema] {
    var order: [String] = []
    var position: [String: Int] = [:]
    var kinds: [Kinds] = []
    for object in properties {
      for (key, value) in object {
        let k: Int
        if let known = position[key] {
          k = known
        } else {
          k = order.count
          position[key] = k
          order.append(key)
          kinds.append(Kinds())
        }
        kinds[k].see(value)
      }
    }
    var taken = Set(reserved.map { $0.lowercased() })
    return order.indices.map { k in
      var name = order[k]
      var n = 2
      while taken.contains(name.lowercased()) {
        name = "\(order[k])_\(n)"
        n += 1
      }
      taken.insert(name.lowercased())
      return ColumnSchema(key: order[k], name: name, type: kinds[k].type)
    }
  }

  private struct Kinds {
    var whole = false
    var fractional = false
    var boolean = false
    var other = false

    mutating func see(_ value: JSONValue) {
      switch value {
      case .null: break
      case .bool: boolean = true
      case .number(let n):
        if n == n.rounded(), abs(n) < 9_007_199_254_740_992 { whole = true } else { fractional = true }
      default: other = true
      }
    }

    var type: SQLType {
      if other || (boolean && (whole || fractional)) { return .text }
      if boolean { return .boolean }
      if fractional { return .real }
      if whole { return .integer }
      return .text
    }
  }
}
