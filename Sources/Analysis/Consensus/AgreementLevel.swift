import Foundation

/// An agreement level read as the exact decimal fraction it was written as (0.7 is 7/10, not
/// the double nearest 0.7), so "at least L of n drawings" is decided in integers:
/// count · denominator ≥ numerator · n.
public struct AgreementLevel: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The level is `numerator / denominator`, with the denominator a power of ten.
  public let numerator: Int
  /// A power of ten.
  public let denominator: Int
  /// The level as written, normalised ("0.25", "1").
  public let description: String

  /// Reads a decimal such as `0.25`, `.5` or `1`; nil unless it is a plain decimal in (0, 1]
  /// with at most 9 digits after the point.
  public init?(_ text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let pieces = trimmed.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard !trimmed.isEmpty, pieces.count <= 2 else { return nil }
    let whole = pieces[0], fraction = pieces.count == 2 ? pieces[1] : ""
    guard whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber), fraction.allSatisfy(\.isASCII),
      fraction.allSatisfy(\.isNumber), !(whole.isEmpty && fraction.isEmpty), whole.count <= 9,
      fraction.count <= 9
    else { return nil }
    var denominator = 1
    for _ in 0..<fraction.count { denominator *= 10 }
    let numerator = (Int(whole) ?? 0) * denominator + (Int(fraction) ?? 0)
    guard numerator > 0, numerator <= denominator else { return nil }
    self.init(numerator: numerator, denominator: denominator)
  }

  /// The level p/q (q a power of ten; reduced to the fewest decimal digits).
  public init(numerator: Int, denominator: Int) {
    var p = numerator, q = denominator
    while q > 1 && q % 10 == 0 && p % 10 == 0 {
      p /= 10
      q /= 10
    }
    self.numerator = p
    self.denominator = q
    var digits = 0
    var power = q
    while power > 1 {
      power /= 10
      digits += 1
    }
    if digits == 0 {
      description = "\(p)"
    } else {
      let fraction = String(p % q)
      description = "\(p / q)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
  }

  /// One half: the core's level.
  public static let half = AgreementLevel(numerator: 5, denominator: 10)

  /// The fewest drawings out of `n` that reach the level (at least 1).
  public func minimumCount(of n: Int) -> Int {
    max(1, (numerator * n + denominator - 1) / denominator)
  }

  /// True when `count` of `n` drawings reach the level.
  public func isReached(count: Int, of n: Int) -> Bool {
    count > 0 && count * denominator >= numerator * n
  }

  /// Compares p₁/q₁ with p₂/q₂ as p₁·q₂ < p₂·q₁.
  public static func < (a: AgreementLevel, b: AgreementLevel) -> Bool {
    a.numerator * b.denominator < b.numerator * a.denominator
  }
}
