/// Writes SVG path data compactly: integer pixel coordinates, the first point absolute and every
/// later one as a relative move (`m`) or line (`l`) delta, repeated points left out, rings closed
/// with `z`. A national layer is mostly short deltas, so this is a fraction of the bytes of
/// absolute decimal coordinates.
public struct PathEncoder: Sendable {
  /// The path data written so far.
  public var data: String { String(decoding: bytes, as: UTF8.self) }
  // ASCII bytes: appending digits to a byte array is several times faster than to a String.
  private var bytes: [UInt8] = []
  /// Number of rings written.
  public private(set) var ringCount = 0
  // The pen: after `z` SVG puts it back at the ring's first point.
  private var penX = 0
  private var penY = 0
  private var points: [(x: Int, y: Int)] = []

  /// An empty path.
  public init() {}

  /// Empties the path, keeping its buffers for the next feature.
  public mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    ringCount = 0
    penX = 0
    penY = 0
  }

  /// Rounds a closed ring (interleaved x, y in pixels; the last point may repeat the first) to
  /// the pixel grid and appends it, unless it then covers less than `minimumArea` square pixels.
  /// Returns whether the ring was written.
  @discardableResult
  public mutating func appendRing(_ coordinates: [Double], minimumArea: Double = 0.5) -> Bool {
    collectPoints(coordinates)
    while points.count > 1, let last = points.last, last == points[0] { points.removeLast() }
    guard points.count >= 3 else { return false }
    // Twice the shoelace area: integers, so exact.
    var doubleArea = 0
    for k in 0..<points.count {
      let a = points[k], b = points[(k + 1) % points.count]
      doubleArea += a.x * b.y - b.x * a.y
    }
    guard Double(abs(doubleArea)) >= 2 * minimumArea else { return false }
    appendPolyline()
    bytes.append(UInt8(ascii: "z"))
    // `z` takes the pen back to the ring's start.
    penX = points[0].x
    penY = points[0].y
    return true
  }

  /// Appends an open polyline (pixels) as `M`/`m` then `l` deltas, without `z`.
  public mutating func appendLine(_ coordinates: [Double]) {
    collectPoints(coordinates)
    guard points.count >= 2 else { return }
    appendPolyline()
  }

  /// Fills `points` with the interleaved coordinates rounded to whole pixels, repeats dropped.
  private mutating func collectPoints(_ coordinates: [Double]) {
    points.removeAll(keepingCapacity: true)
    var i = 0
    while i + 1 < coordinates.count {
      let point = (x: Int(coordinates[i].rounded()), y: Int(coordinates[i + 1].rounded()))
      if points.last.map({ $0 != point }) ?? true { points.append(point) }
      i += 2
    }
  }

  /// Writes `points` as a moveto (absolute for the path's first part, relative to the pen after)
  /// and `l` deltas, and leaves the pen at the last point.
  private mutating func appendPolyline() {
    bytes.append(ringCount == 0 ? UInt8(ascii: "M") : UInt8(ascii: "m"))
    appendNumber(points[0].x - (ringCount == 0 ? 0 : penX), afterCommand: true)
    appendNumber(points[0].y - (ringCount == 0 ? 0 : penY), afterCommand: false)
    bytes.append(UInt8(ascii: "l"))
    var previous = points[0]
    for (k, point) in points.dropFirst().enumerated() {
      appendNumber(point.x - previous.x, afterCommand: k == 0)
      appendNumber(point.y - previous.y, afterCommand: false)
      previous = point
    }
    penX = previous.x
    penY = previous.y
    ringCount += 1
  }

  /// A minus sign separates numbers by itself; otherwise a space does, except right after a
  /// command letter.
  private mutating func appendNumber(_ value: Int, afterCommand: Bool) {
    if value >= 0 && !afterCommand { bytes.append(UInt8(ascii: " ")) }
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    let start = bytes.count
    repeat {
      bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
      magnitude /= 10
    } while magnitude > 0
    bytes[start...].reverse()
  }
}
