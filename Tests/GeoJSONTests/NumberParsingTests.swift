import GeoCore
import GeoJSON
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The reader's numbers must be the Doubles `strtod` gives, bit for bit.
@Suite struct NumberParsingTests {
  /// How many generated numbers to check: NBHD_NUMBER_TESTS overrides; the default keeps debug
  /// runs quick (run once with NBHD_NUMBER_TESTS=1000000 for the full check).
  static var generatedCount: Int {
    if let text = getenv("NBHD_NUMBER_TESTS"), let n = Int(String(cString: text)), n > 0 { return n }
    #if DEBUG
      return 200_000
    #else
      return 1_000_000
    #endif
  }

  static let edgeCases = [
    "0", "-0", "0.0", "-0.0", "0e0", "0.1", "0.2", "0.3", "1", "-1", "1.5", "123456789", "0.000001",
    "1e308", "1.7976931348623157e308", "1.7976931348623158e308", "-1.7976931348623157e308",
    "2.2250738585072014e-308", "2.2250738585072011e-308", "2.225073858507201e-308", "4.9406564584124654e-324",
    "5e-324", "2.4703282292062328e-324", "2.4703282292062327e-324", "1e-320", "1e-323", "3e-324", "1e-400",
    "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995", "18014398509481985",
    "1e22", "1e23", "1e-22", "1e-23", "8.98846567431158e307", "4.35679265489698e-310",
    "-0.094744468765127", "51.520596102685502", "51.5181", "-0.09706", "157794.481079102",
    "12345678901234567890", "1234567890123456789012345", "0.00000000000000000000000000123456789",
    "1.00000000000000011102230246251565404236316680908203125",
    "1.000000000000000111022302462515654042363166809082031250000001",
    "7.2057594037927933e16", "3.0517578125e-05", "4503599627370496.5", "4503599627370497.5",
    "1.23456789012345678901234567890e-300", "999999999999999999", "9999999999999999999",
    "0.1e1", "1E+2", "1e-0", "100000000000000000000000", "2.5E-324",
  ]

  static func strtodValue(_ text: String) -> Double {
    text.withCString { strtod($0, nil) }
  }

  /// Reads all texts as the x of MultiPoint positions and compares each with strtod.
  static func check(_ texts: [String]) throws {
    var document = #"{"type":"MultiPoint","coordinates":["#
    for (i, text) in texts.enumerated() {
      if i > 0 { document += "," }
      document += "[" + text + ",0]"
    }
    document += "]}"
    let geometry = try #require(try GeoJSONReader.read(string: document).features[0].geometry)
    #expect(geometry.pointCount == texts.count)
    var failures = 0
    for (i, text) in texts.enumerated() where failures < 10 {
      let expected = strtodValue(text)
      let actual = geometry.x(i)
      if actual.bitPattern != expected.bitPattern {
        failures += 1
        Issue.record("\(text): read \(actual), strtod \(expected)")
      }
    }
  }

  @Test func edgeCasesMatchStrtod() throws {
    try Self.check(Self.edgeCases)
  }

  static func randomDigits(_ count: Int, using rng: inout SeededGenerator) -> String {
    var s = ""
    s.reserveCapacity(count)
    for k in 0..<count {
      let d = k == 0 ? Int.random(in: 1...9, using: &rng) : Int.random(in: 0...9, using: &rng)
      s.unicodeScalars.append(Unicode.Scalar(UInt8(48 + d)))
    }
    return s
  }

  /// `%.Ng` formatting without Foundation.
  static func format(_ value: Double, significantDigits: Int) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([value]) { vsnprintf(&buffer, 64, "%.\(significantDigits)g", $0) }
    return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// One generated number text; every kind that real files and edge cases produce.
  static func generate(_ rng: inout SeededGenerator) -> String {
    switch Int.random(in: 0..<6, using: &rng) {
    case 0:  // coordinates like the ONS files: 15-17 significant digits
      let integer = Int.random(in: 0...180, using: &rng)
      let digits = Int.random(in: 12...16, using: &rng)
      let sign = Bool.random(using: &rng) ? "-" : ""
      return "\(sign)\(integer).\(randomDigits(digits, using: &rng))"
    case 1:  // random bit patterns, shortest round-trip text
      let value = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)
      return value.isFinite ? "\(value)".replacingPlusExponent() : "0"
    case 2:  // random bit patterns with 17 significant digits (includes subnormals)
      let value = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)
      return format(value, significantDigits: Int.random(in: 15...19, using: &rng))
    case 3:  // random mantissa and exponent across the whole range
      let digits = randomDigits(Int.random(in: 1...19, using: &rng), using: &rng)
      return "\(digits)e\(Int.random(in: -342...290, using: &rng))"
    case 4:  // near-halfway: the midpoint between neighbours, printed with 17-20 digits
      let value = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)
      let midpoint = value / 2 + value.nextUp / 2
      return format(
        midpoint.isFinite ? midpoint : value, significantDigits: Int.random(in: 17...20, using: &rng))
    default:  // long mantissas with a decimal point somewhere
      let digits = randomDigits(Int.random(in: 18...30, using: &rng), using: &rng)
      let point = Int.random(in: 1..<digits.count, using: &rng)
      let index = digits.index(digits.startIndex, offsetBy: point)
      return "\(digits[..<index]).\(digits[index...])e\(Int.random(in: -330...280, using: &rng))"
    }
  }

  @Test func generatedNumbersMatchStrtod() throws {
    var rng = SeededGenerator(seed: 20_251_126)
    let total = Self.generatedCount
    let batch = 50_000
    var done = 0
    while done < total {
      let n = min(batch, total - done)
      var texts: [String] = []
      texts.reserveCapacity(n)
      for _ in 0..<n {
        let text = Self.generate(&rng)
        // Inputs beyond the Double range are errors here (checked separately), not values.
        if Self.strtodValue(text).isFinite { texts.append(text) }
      }
      try Self.check(texts)
      done += n
    }
    print("NumberParsingTests: \(total) generated numbers matched strtod")
  }

  @Test func outOfRangeIsAnError() {
    for text in [
      "1e309", "-1e400", "1.8e308",
      "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
      "1e1000000000000",
    ] {
      let error = readError(#"{"type":"Point","coordinates":["# + text + ",0]}")
      #expect(error?.diagnostic?.problem == .numberOutOfRange, "\(text)")
    }
  }
}

extension String {
  /// Swift prints `1e+20`; JSON accepts it, but keep the generated texts plain.
  fileprivate func replacingPlusExponent() -> String {
    var result = ""
    for ch in self where ch != "+" { result.append(ch) }
    return result
  }
}
