import Analysis
import Foundation
import Yams

extension StudyConfig {
  /// `registrations: {file, lsoas, group, method, practice_map}`: a statutory layer derived from
  /// patients registered at GP practices by LSOA (issue 15), and patients by group in every
  /// neighbourhood card.
  public struct RegistrationsSource: Sendable, Hashable {
    /// The registrations CSV.
    public var file: String
    /// The LSOA polygons the file's codes refer to.
    public var lsoas: String
    /// The LSOA layer's code field (detected when nil).
    public var lsoaIDField: String?
    /// PCN or practice.
    public var group: CatchmentGrouping = .pcn
    /// How the areas are made (majority by default: areas that do not overlap).
    public var method: CatchmentMethod = .majority
    /// Practice → PCN map, for a file without a PCN column (it wins over the file's).
    public var practiceMap: String?
    /// The derived layer's name.
    public var name: String
    /// The config line the entry starts on.
    public var line: Int

    /// The derived layer as a statutory layer of the study.
    public var areaLayer: AreaLayer {
      AreaLayer(name: name, role: .statutory, file: file, idField: nil, nameField: nil, crs: nil, line: line)
    }

    /// The layer's description in the report.
    public var title: String {
      let noun = group == .pcn ? "PCN" : "practice"
      switch method {
      case .majority: return "\(noun) areas, majority of registered patients"
      case .footprint(let p):
        return "\(noun) areas, LSOAs holding \(JSONValueFormat.percent(p)) of each \(noun)'s patients"
      case .threshold(let s):
        return
          "\(noun) areas, LSOAs where the \(noun) has at least \(JSONValueFormat.percent(s)) of the patients"
      }
    }
  }
}

/// Shares as whole percentages for titles.
enum JSONValueFormat {
  static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}

extension YAMLReader {
  func registrations(_ node: Node, directory: String) throws(StudyConfigError)
    -> StudyConfig.RegistrationsSource
  {
    let allowed = ["file", "lsoas", "lsoa_id_field", "group", "method", "share", "practice_map", "name"]
    var file: String?, lsoas: String?, idField: String?, map: String?, name: String?
    var group = CatchmentGrouping.pcn
    var methodName = "majority"
    var share: Double?
    var methodNode: Node?
    for (key, _, value) in try mapping(node, "registrations", allowed: allowed) {
      switch key {
      case "file": file = try existingFile(value, key, directory: directory)
      case "lsoas": lsoas = try existingFile(value, key, directory: directory)
      case "lsoa_id_field": idField = try string(value, key)
      case "practice_map": map = try existingFile(value, key, directory: directory)
      case "name": name = try string(value, key)
      case "group":
        let text = try string(value, key)
        guard let parsed = CatchmentGrouping(rawValue: text) else {
          throw fail(value, "group must be pcn or practice, found \"\(text)\"")
        }
        group = parsed
      case "method":
        methodName = try string(value, key)
        methodNode = value
      default: share = try number(value, key, range: 0.000_001...1)
      }
    }
    guard let file, let lsoas else {
      throw fail(node, "registrations needs \"file\" (patients by LSOA) and \"lsoas\" (the LSOA polygons)")
    }
    let method: CatchmentMethod
    switch methodName {
    case "majority": method = .majority
    case "footprint": method = .footprint(share ?? 0.8)
    case "threshold": method = .threshold(share ?? 0.2)
    default:
      throw fail(methodNode, "method must be majority, footprint or threshold, found \"\(methodName)\"")
    }
    return .init(
      file: file, lsoas: lsoas, lsoaIDField: idField, group: group, method: method, practiceMap: map,
      name: name ?? (group == .pcn ? "pcn_areas" : "practice_areas"), line: node.mark?.line ?? 1)
  }
}
