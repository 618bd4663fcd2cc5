import GeoCore

/// The parameters of a consensus run (docs/definitions.md, "Resident drawings").
public struct ConsensusOptions: Sendable, Hashable {
  /// The property naming the neighbourhood each drawing is of; nil finds a field named like
  /// `neighbourhood`, `neighborhood` or `name`.
  public var nameField: String?
  /// The property naming who drew it: a respondent's later drawing of the same neighbourhood
  /// replaces the earlier one.
  public var respondentField: String?
  /// Band levels, each in (0, 1].
  public var levels: [AgreementLevel] = ["0.25", "0.5", "0.75"].compactMap(AgreementLevel.init)
  /// Neighbourhoods with fewer used drawings get bands but stay off the map.
  public var minimumDrawings = 3
  /// A drawing whose IoU with its neighbourhood's core is below this is an outlier.
  public var outlierIoU = 0.1
  /// The agreement a neighbourhood needs to claim ground on the map.
  public var mapLevel = AgreementLevel.half
  /// Threads for the per-neighbourhood work.
  public var threads = ParallelChunks.defaultThreadCount
  /// Whether to trace each neighbourhood's faces by count (`facesByCount`, what its agreement
  /// map shades) and its union (`union`, which no output file holds: it is for library callers).
  /// Without, those stay empty; every area, band, core, IoU and the map are the same.
  public var tracesFaces = true

  /// The defaults.
  public init() {}
}
