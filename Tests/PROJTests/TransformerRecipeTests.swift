import GeoCore
import PROJ
import TestSupport
import Testing

/// A transformer made from a recipe runs the same operation as the one that chose it.
@Suite struct TransformerRecipeTests {
  @Test(arguments: [("OGC:CRS84", "EPSG:27700"), ("EPSG:27700", "OGC:CRS84"), ("EPSG:4326", "EPSG:3035")])
  func recipeGivesTheSameCoordinatesToTheLastBit(pair: (String, String)) throws {
    let source = try CoordinateReferenceSystem(pair.0), target = try CoordinateReferenceSystem(pair.1)
    let original = try Transformer(from: source, to: target)
    let twin = try Transformer(original.recipe)
    #expect(twin.operationName == original.operationName)
    #expect(try TransformerRecipe.best(from: source, to: target) == original.recipe)
    var generator = SeededGenerator(seed: 7)
    var coordinates: [Double] = []
    for _ in 0..<5000 {
      let (lon, lat) = generator.lonLatInBritain()
      if source.isGeographic {
        coordinates += [lon, lat]
      } else {
        coordinates += [100_000 + (lon + 6) * 80_000, (lat - 49.9) * 110_000]
      }
    }
    var first = coordinates, second = coordinates
    try original.transform(&first)
    try twin.transform(&second)
    #expect(first == second)
  }
}

/// Deterministic pseudo-random lon/lat pairs over Great Britain.
extension SeededGenerator {
  fileprivate mutating func lonLatInBritain() -> (Double, Double) {
    (-6 + 7.7 * unit(), 49.9 + 10.8 * unit())
  }
}
