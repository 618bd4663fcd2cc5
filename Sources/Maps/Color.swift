import Foundation

/// An opaque sRGB colour.
public struct Color: Sendable, Hashable, CustomStringConvertible {
  /// Red, 0–255.
  public var red: UInt8
  /// Green, 0–255.
  public var green: UInt8
  /// Blue, 0–255.
  public var blue: UInt8

  /// A colour from its components.
  public init(red: UInt8, green: UInt8, blue: UInt8) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// Parses `#rrggbb` or `rrggbb`; `nil` for anything else.
  public init?(hex: String) {
    let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
    guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
    self.init(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
  }

  /// A colour from a 24-bit literal such as `0x440154` (for hard-coded palettes).
  public init(_ rgb: UInt32) {
    self.init(red: UInt8(rgb >> 16 & 0xFF), green: UInt8(rgb >> 8 & 0xFF), blue: UInt8(rgb & 0xFF))
  }

  /// `#rrggbb`, lower case: the form written into the SVG.
  public var hex: String {
    let digits = Array("0123456789abcdef")
    var out = "#"
    for component in [red, green, blue] {
      out.append(digits[Int(component >> 4)])
      out.append(digits[Int(component & 0xF)])
    }
    return out
  }

  /// The `hex` text.
  public var description: String { hex }

  /// The colour `fraction` of the way from `self` to `other`, interpolated in sRGB and rounded.
  public func mixed(with other: Color, fraction: Double) -> Color {
    let t = min(1, max(0, fraction))
    func channel(_ a: UInt8, _ b: UInt8) -> UInt8 {
      UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
    }
    return Color(
      red: channel(red, other.red), green: channel(green, other.green), blue: channel(blue, other.blue))
  }

  /// Relative luminance (WCAG), for choosing dark or light text over a swatch.
  public var luminance: Double {
    func linear(_ c: UInt8) -> Double {
      let v = Double(c) / 255
      return v <= 0.039_28 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
  }

  /// Black.
  public static let black = Color(0x000000)
  /// White.
  public static let white = Color(0xFFFFFF)
  /// The grey used for "no data" hatching and neutral outlines.
  public static let grey = Color(0x9E9E9E)
  /// Dark grey for text and outlines (softer than black on a busy map).
  public static let darkGrey = Color(0x333333)
}
