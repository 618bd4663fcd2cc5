import GEOS

extension Geometry {
  /// The union of this collection's polygons by GEOS's coverage union (which only drops the
  /// edges neighbours share: many times faster than a unary union) when that is provably the
  /// union, else nil.
  ///
  /// Coverage union is right only for polygons that meet along identical edges and never
  /// overlap. It is accepted when GEOS succeeds, the result is valid and its area equals the
  /// members' total area (`totalArea`, to 1e-9): an overlap either leaves crossing edges (an
  /// invalid result, or an error) or makes the true union smaller than the total.
  func coverageUnionIfExact(totalArea: Double) throws -> Geometry? {
    guard let union = try? coverageUnion(), try union.isValid() else { return nil }
    let area = try union.area()
    return abs(area - totalArea) <= 1e-9 * totalArea ? union : nil
  }
}
