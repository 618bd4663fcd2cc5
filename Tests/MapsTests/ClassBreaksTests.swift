import Maps
import Testing

/// Class limits checked against values worked out by hand.
@Suite struct ClassBreaksTests {
  @Test func quantilesInterpolateBetweenOrderStatistics() {
    // Positions i/4 × 9 = 2.25, 4.5, 6.75 in the sorted list 1…10.
    let values = [7.0, 1, 10, 4, 2, 9, 5, 3, 8, 6]
    let breaks = ClassBreaks(values: values, method: .quantile(4))
    #expect(breaks.lowerBound == 1)
    #expect(breaks.upperBounds == [3.25, 5.5, 7.75, 10])
    #expect(breaks.counts(of: values) == [3, 2, 2, 3])
  }

  @Test func equalIntervalsSplitTheRange() {
    let values = [0.0, 10, 3, 7]
    let breaks = ClassBreaks(values: values, method: .equalInterval(4))
    #expect(breaks.upperBounds == [2.5, 5, 7.5, 10])
    #expect(breaks.counts(of: values) == [1, 1, 1, 1])
    #expect(breaks.classIndex(of: 2.5) == 0)
    #expect(breaks.classIndex(of: 2.6) == 1)
  }

  @Test func jenksFindsTheObviousGroups() {
    let values = [20.0, 1, 11, 3, 22, 2, 12, 21, 10]
    #expect(ClassBreaks(values: values, method: .jenks(3)).upperBounds == [3, 12, 22])
  }

  @Test func jenksMatchesHandComputedSquaredDeviations() {
    // k = 2: {1,2,4,5,7,9,10 | 20} has SSD 69.7, better than any other split (next: 111).
    // k = 3: {1,2,4,5 | 7,9,10 | 20} has SSD 10 + 4.67 = 14.67 (next best 19.42).
    let values = [1.0, 2, 4, 5, 7, 9, 10, 20]
    #expect(ClassBreaks(values: values, method: .jenks(2)).upperBounds == [10, 20])
    #expect(ClassBreaks(values: values, method: .jenks(3)).upperBounds == [5, 10, 20])
  }

  @Test func explicitBreaksAroundAThreshold() {
    let values = [0.2, 0.5, 0.7, .nan]
    let breaks = ClassBreaks(values: values, method: .explicit([0.5]))
    #expect(breaks.upperBounds == [0.5, 0.7])
    #expect(breaks.counts(of: values) == [2, 1])
    #expect(breaks.classIndex(of: .nan) == nil)
  }

  @Test func palettesSampleTheirStops() {
    #expect(Palette.viridis.colors(count: 9) == Palette.viridis.stops)
    #expect(Palette.viridis.colors(count: 2).map(\.hex) == ["#440154", "#fde725"])
    #expect(Palette.orangePurple.colors(count: 3).map(\.hex) == ["#7f3b08", "#f7f7f7", "#2d004b"])
    #expect(Color(hex: "#0072B2")?.hex == "#0072b2")
  }
}
