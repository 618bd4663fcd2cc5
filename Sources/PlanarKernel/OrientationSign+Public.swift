/// The exact turn sign, for modules that build their own planar structures (the consensus
/// arrangement sorts edges around a vertex with it).
public enum ExactOrientation {
  /// The exact sign of the turn a → b → c: +1 left, −1 right, 0 collinear.
  @inline(__always)
  public static func sign(
    _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double
  ) -> Int {
    OrientationSign.exactly(ax, ay, bx, by, cx, cy)
  }
}
