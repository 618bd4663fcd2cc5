extension String {
  /// A name usable in `data-*` attribute names: lower-case ASCII letters, digits and hyphens
  /// (XML names are stricter than property names such as `Referral method`).
  var dataAttributeName: String {
    var out = ""
    for scalar in unicodeScalars {
      switch scalar {
      case "a"..."z", "0"..."9": out.unicodeScalars.append(scalar)
      case "A"..."Z": out.unicodeScalars.append(Unicode.Scalar(scalar.value + 32) ?? scalar)
      default: if !out.hasSuffix("-") { out += "-" }
      }
    }
    while out.hasPrefix("-") { out.removeFirst() }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "value" : out
  }
}
