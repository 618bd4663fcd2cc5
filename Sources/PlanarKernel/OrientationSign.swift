import GeoCore

/// The sign of a turn, certified: floating-point determinants whose sign rounding could flip
/// (Shewchuk's error bound for the 2 × 2 orientation determinant) give no answer, so callers
/// fall back to an exact library instead of guessing.
enum OrientationSign {
  /// The sign of the turn a → b → c (+1 left, −1 right), or nil when rounding could flip it
  /// (including exactly collinear points).
  @inline(__always)
  static func of(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double)
    -> Int?
  {
    let left = (bx - ax) * (cy - ay), right = (by - ay) * (cx - ax)
    let det = left - right
    let bound = 3.3306690738754716e-16 * (abs(left) + abs(right))
    if det > bound { return 1 }
    if det < -bound { return -1 }
    return nil
  }
}

extension OrientationSign {
  /// The exact sign of the turn a → b → c (0 when collinear): the filter first, then the
  /// determinant summed exactly as a floating-point expansion (Shewchuk's two-sum and
  /// two-product, with products split by fused multiply-add).
  static func exactly(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double)
    -> Int
  {
    if let sign = of(ax, ay, bx, by, cx, cy) { return sign }
    // Shared boundaries ask about a vertex of the segment itself most often: exactly 0.
    if (cx == ax && cy == ay) || (cx == bx && cy == by) || (ax == bx && ay == by) { return 0 }
    // det = (bx − ax)(cy − ay) − (by − ay)(cx − ax), each difference exact as a pair.
    let dx1 = twoSum(bx, -ax), dy2 = twoSum(cy, -ay), dy1 = twoSum(by, -ay), dx2 = twoSum(cx, -ax)
    if dx1.low == 0, dy2.low == 0, dy1.low == 0, dx2.low == 0 {
      // Differences that rounded nothing (coordinates on a common grid, as most data are):
      // the other six products are zero.
      return withUnsafeTemporaryAllocation(of: Double.self, capacity: 5) { buffer in
        var sum = Expansion(buffer)
        let left = twoProduct(dx1.high, dy2.high), right = twoProduct(dy1.high, dx2.high)
        sum.add(left.high)
        sum.add(left.low)
        sum.add(-right.high)
        sum.add(-right.low)
        return sum.sign
      }
    }
    // 16 terms: each of the 8 products of components exactly as a pair.
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: 17) { buffer in
      var sum = Expansion(buffer)
      func add(_ p: Double, _ q: Double, _ sign: Double) {
        let product = twoProduct(p, q)
        sum.add(sign * product.high)
        sum.add(sign * product.low)
      }
      add(dx1.high, dy2.high, 1)
      add(dx1.high, dy2.low, 1)
      add(dx1.low, dy2.high, 1)
      add(dx1.low, dy2.low, 1)
      add(dy1.high, dx2.high, -1)
      add(dy1.high, dx2.low, -1)
      add(dy1.low, dx2.high, -1)
      add(dy1.low, dx2.low, -1)
      return sum.sign
    }
  }

  @inline(__always)
  static func twoSum(_ a: Double, _ b: Double) -> (high: Double, low: Double) {
    let s = a + b
    let bVirtual = s - a
    let aVirtual = s - bVirtual
    return (s, (a - aVirtual) + (b - bVirtual))
  }

  @inline(__always)
  static func twoProduct(_ a: Double, _ b: Double) -> (high: Double, low: Double) {
    let p = a * b
    return (p, (-p).addingProduct(a, b))
  }

  /// A sum of doubles held exactly as non-overlapping components of increasing magnitude
  /// (Shewchuk's grow-expansion with zero elimination).
  struct Expansion {
    private let components: UnsafeMutableBufferPointer<Double>
    private var count = 0

    /// An empty sum kept in `storage` (room for one more component than terms added).
    init(_ storage: UnsafeMutableBufferPointer<Double>) { components = storage }

    mutating func add(_ value: Double) {
      var carry = value
      var kept = 0
      for i in 0..<count {
        let (sum, error) = OrientationSign.twoSum(carry, components[i])
        if error != 0 {
          components[kept] = error
          kept += 1
        }
        carry = sum
      }
      if carry != 0 {
        components[kept] = carry
        kept += 1
      }
      count = kept
    }

    /// The sign of the sum: that of its largest component.
    var sign: Int {
      guard count > 0 else { return 0 }
      return components[count - 1] > 0 ? 1 : -1
    }
  }
}
