internal import CShapelib
import Foundation

// Every raw shapelib call lives in this file. shapelib reaches its files only through the C
// function pointers of `SAHooks`, which carry no context: the files of the shapefile being
// read are held in memory in one process-wide table the hooks look names up in, and every use
// of shapelib is serialised by `Shapelib.session` (a shapefile is read in well under a second;
// a per-thread table would gain nothing). The hooks also collect shapelib's error messages,
// which it would otherwise print to stderr.

/// The serialised entry point to shapelib.
enum Shapelib {
  /// Held for the whole of one shapefile read; guards `volume` and `messages`.
  private static let session = NSLock()
  /// Files by the name shapelib asks for, e.g. `/nbhd/layer.shp`. Read only under `session`.
  nonisolated(unsafe) fileprivate static var volume: [String: [UInt8]] = [:]
  /// shapelib's error messages since the session began. Written only under `session`.
  nonisolated(unsafe) fileprivate static var messages: [String] = []

  /// The base name the in-memory files are registered under (shapelib appends the extensions).
  static let baseName = "/nbhd-memory/layer"

  /// Runs `body` with `files` (keyed by lower-case extension: `shp`, `shx`, `dbf`) visible to
  /// shapelib under `baseName`, and the messages shapelib reported while it ran.
  static func withFiles<T>(_ files: [String: [UInt8]], _ body: (inout SAHooks) -> T) -> (T, [String]) {
    session.lock()
    defer {
      volume = [:]
      messages = []
      session.unlock()
    }
    volume = Dictionary(uniqueKeysWithValues: files.map { ("\(baseName).\($0.key)", $0.value) })
    messages = []
    var hooks = memoryHooks()
    let result = body(&hooks)
    return (result, messages)
  }

  /// Hooks that read the registered in-memory files and refuse to write; wraps
  /// `SASetupDefaultHooks` for the fields replaced here.
  private static func memoryHooks() -> SAHooks {
    var hooks = SAHooks()
    SASetupDefaultHooks(&hooks)
    hooks.FOpen = { name, access in
      guard let name, let access else { return nil }
      let mode = String(cString: access)
      guard !mode.contains("w"), !mode.contains("a"), !mode.contains("+"),
        let bytes = Shapelib.volume[String(cString: name)]
      else { return nil }
      return Unmanaged.passRetained(MemoryFile(bytes)).toOpaque().assumingMemoryBound(to: Int32.self)
    }
    hooks.FRead = { destination, size, count, file in
      guard let destination, let file, size > 0 else { return 0 }
      return MemoryFile.borrow(file).read(into: destination, size: Int(size), count: Int(count))
    }
    hooks.FWrite = { _, _, _, _ in 0 }
    hooks.FSeek = { file, offset, whence in
      guard let file else { return SAOffset(bitPattern: -1) }
      return MemoryFile.borrow(file).seek(Int(bitPattern: UInt(offset)), whence: whence)
        ? 0 : SAOffset(bitPattern: -1)
    }
    hooks.FTell = { file in file.map { SAOffset(MemoryFile.borrow($0).position) } ?? 0 }
    hooks.FFlush = { _ in 0 }
    hooks.FClose = { file in
      if let file { Unmanaged<MemoryFile>.fromOpaque(UnsafeRawPointer(file)).release() }
      return 0
    }
    hooks.Remove = { _ in -1 }
    hooks.Error = { message in
      guard let message, Shapelib.messages.count < 16 else { return }
      Shapelib.messages.append(String(cString: message))
    }
    hooks.Atof = { text in text.map { strtod($0, nil) } ?? 0 }
    return hooks
  }
}

/// One open in-memory file: the bytes and a read position. Owned by shapelib between `FOpen`
/// (retained) and `FClose` (released).
private final class MemoryFile {
  let bytes: [UInt8]
  var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  static func borrow(_ file: SAFile) -> MemoryFile {
    Unmanaged<MemoryFile>.fromOpaque(UnsafeRawPointer(file)).takeUnretainedValue()
  }

  /// Copies up to `count` whole items of `size` bytes; returns how many were copied (what
  /// `fread` returns).
  func read(into destination: UnsafeMutableRawPointer, size: Int, count: Int) -> SAOffset {
    let available = max(0, bytes.count - position)
    let (wanted, overflow) = size.multipliedReportingOverflow(by: count)
    let items = overflow ? available / size : min(wanted, available) / size
    let length = items * size
    guard length > 0 else { return 0 }
    bytes.withUnsafeBytes { source in
      destination.copyMemory(from: source.baseAddress! + position, byteCount: length)
    }
    position += length
    return SAOffset(items)
  }

  /// Moves the position as `fseek` does; false (position unchanged) for a negative result.
  func seek(_ offset: Int, whence: Int32) -> Bool {
    let base: Int
    switch whence {
    case SEEK_SET: base = 0
    case SEEK_CUR: base = position
    case SEEK_END: base = bytes.count
    default: return false
    }
    let (target, overflow) = base.addingReportingOverflow(offset)
    guard !overflow, target >= 0 else { return false }
    position = target
    return true
  }
}

/// The geometry half of a shapefile (.shp with its .shx index); the only owner of its
/// `SHPHandle`, closed in `deinit`. Used only inside `Shapelib.withFiles`.
final class ShapeFile {
  private let handle: SHPHandle

  /// Opens `Shapelib.baseName`'s .shp and .shx; nil when shapelib cannot (its reason is in the
  /// session's messages). Wraps `SHPOpenLL`.
  init?(hooks: inout SAHooks) {
    guard let handle = SHPOpenLL(Shapelib.baseName, "rb", &hooks) else { return nil }
    self.handle = handle
  }

  /// Wraps `SHPClose`.
  deinit { SHPClose(handle) }

  /// The number of shapes and the file's shape type (`SHPT_*`). Wraps `SHPGetInfo`.
  var info: (count: Int, type: Int32) {
    var count: Int32 = 0
    var type: Int32 = 0
    SHPGetInfo(handle, &count, &type, nil, nil)
    return (Int(count), type)
  }

  /// Shape `index` copied into Swift, or nil when shapelib finds the record corrupt (its
  /// reason is in the session's messages). Wraps `SHPReadObject` and `SHPDestroyObject`; the
  /// object is owned here and destroyed before returning.
  func shape(_ index: Int) -> ShapeRecord? {
    guard let object = SHPReadObject(handle, Int32(index)) else { return nil }
    defer { SHPDestroyObject(object) }
    let shape = object.pointee
    let vertices = max(0, Int(shape.nVertices))
    let parts = max(0, Int(shape.nParts))
    var record = ShapeRecord(type: shape.nSHPType)
    if vertices > 0, let xs = shape.padfX, let ys = shape.padfY {
      record.x = Array(UnsafeBufferPointer(start: xs, count: vertices))
      record.y = Array(UnsafeBufferPointer(start: ys, count: vertices))
      record.hasZ = ShapeType.withZ.contains(shape.nSHPType)
      record.hasM = shape.bMeasureIsUsed != 0 || ShapeType.withM.contains(shape.nSHPType)
    }
    if parts > 0, let starts = shape.panPartStart {
      record.partStarts = UnsafeBufferPointer(start: starts, count: parts).map { Int($0) }
    }
    return record
  }
}

/// One shape as shapelib read it: its type (`SHPT_*`), coordinates and where each part starts.
struct ShapeRecord {
  var type: Int32
  var x: [Double] = []
  var y: [Double] = []
  var partStarts: [Int] = []
  var hasZ = false
  var hasM = false
}

/// Shape type codes, named (shapelib's `SHPT_*` macros).
enum ShapeType {
  static let null = Int32(SHPT_NULL)
  static let points: Set<Int32> = [Int32(SHPT_POINT), Int32(SHPT_POINTZ), Int32(SHPT_POINTM)]
  static let multiPoints: Set<Int32> = [
    Int32(SHPT_MULTIPOINT), Int32(SHPT_MULTIPOINTZ), Int32(SHPT_MULTIPOINTM),
  ]
  static let arcs: Set<Int32> = [Int32(SHPT_ARC), Int32(SHPT_ARCZ), Int32(SHPT_ARCM)]
  static let polygons: Set<Int32> = [Int32(SHPT_POLYGON), Int32(SHPT_POLYGONZ), Int32(SHPT_POLYGONM)]
  static let multiPatch = Int32(SHPT_MULTIPATCH)
  static let withZ: Set<Int32> = [
    Int32(SHPT_POINTZ), Int32(SHPT_ARCZ), Int32(SHPT_POLYGONZ), Int32(SHPT_MULTIPOINTZ),
    Int32(SHPT_MULTIPATCH),
  ]
  static let withM: Set<Int32> = [
    Int32(SHPT_POINTM), Int32(SHPT_ARCM), Int32(SHPT_POLYGONM), Int32(SHPT_MULTIPOINTM),
  ]
}

/// The attribute half of a shapefile (.dbf); the only owner of its `DBFHandle`, closed in
/// `deinit`. Used only inside `Shapelib.withFiles`.
final class AttributeFile {
  private let handle: DBFHandle

  /// Opens `Shapelib.baseName`'s .dbf; nil when shapelib cannot. Wraps `DBFOpenLL`.
  init?(hooks: inout SAHooks) {
    guard let handle = DBFOpenLL("\(Shapelib.baseName).dbf", "rb", &hooks) else { return nil }
    self.handle = handle
  }

  /// Wraps `DBFClose`.
  deinit { DBFClose(handle) }

  /// Wraps `DBFGetRecordCount`.
  var recordCount: Int { Int(DBFGetRecordCount(handle)) }

  /// Each field's name (raw bytes, in the file's code page) and dBASE type letter (`C`, `N`,
  /// `F`, `L`, `D`, …). Wraps `DBFGetFieldCount`, `DBFGetFieldInfo` and
  /// `DBFGetNativeFieldType`.
  var fields: [(name: [UInt8], type: UInt8)] {
    (0..<DBFGetFieldCount(handle)).map { field in
      var name = [CChar](repeating: 0, count: 12)  // XBASE_FLDNAME_LEN_READ + 1
      _ = DBFGetFieldInfo(handle, field, &name, nil, nil)
      let bytes = name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
      return (bytes, UInt8(bitPattern: DBFGetNativeFieldType(handle, field)))
    }
  }

  /// Whether the value is empty in dBASE's sense (blank, `*` filled, `?` logical).
  /// Wraps `DBFIsAttributeNULL`.
  func isNull(record: Int, field: Int) -> Bool {
    DBFIsAttributeNULL(handle, Int32(record), Int32(field)) != 0
  }

  /// The field's text as stored, trailing blanks removed, or nil when shapelib cannot read
  /// the record. Wraps `DBFReadStringAttribute`.
  func text(record: Int, field: Int) -> [UInt8]? {
    guard let text = DBFReadStringAttribute(handle, Int32(record), Int32(field)) else { return nil }
    return Array(
      UnsafeBufferPointer(
        start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: strlen(text)))
  }
}
