/// A JSON object whose keys keep the order they were read in. Lookups are linear, which is
/// faster than hashing for the dozen or so properties a boundary feature carries.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
  /// Keys in file order.
  public private(set) var keys: [String]
  /// Values, parallel to `keys`.
  public private(set) var values: [JSONValue]

  /// An object with no members.
  public init() {
    keys = []
    values = []
  }

  /// An object with the literal's members in the literal's order.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self.init()
    for (key, value) in elements { self[key] = value }
  }

  /// Number of members.
  public var count: Int { keys.count }
  /// True when the object has no members.
  public var isEmpty: Bool { keys.isEmpty }

  /// The value for `key`, or `nil`; setting `nil` removes the member; setting an existing key
  /// replaces its value in place.
  public subscript(key: String) -> JSONValue? {
    get { keys.firstIndex(of: key).map { values[$0] } }
    set {
      if let i = keys.firstIndex(of: key) {
        if let newValue {
          values[i] = newValue
        } else {
          keys.remove(at: i)
          values.remove(at: i)
        }
      } else if let newValue {
        keys.append(key)
        values.append(newValue)
      }
    }
  }

  /// Appends a member without checking for an existing key (for parsers: a later duplicate key
  /// wins on lookup only if the caller uses the subscript setter instead).
  public mutating func append(key: String, value: JSONValue) {
    keys.append(key)
    values.append(value)
  }

  /// The members as (key, value) pairs in order.
  public func makeIterator() -> Zip2Sequence<[String], [JSONValue]>.Iterator {
    zip(keys, values).makeIterator()
  }
}
