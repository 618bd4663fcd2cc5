import Foundation
import GeoCore
import GeoJSON
import GeoPackage
import PROJ

// nbhd-bench: timings for the GeoJSON reader and writer (not a test: run it in release).
//
//   nbhd-bench parse FILE [--runs N] [--threads 1]   read FILE N times (default 7): median time,
//                                      MB/s, counts (--threads 1: one thread, for MB/s per core)
//   nbhd-bench write FILE [--runs N]   read FILE once, encode it N times: median time, MB/s
//   nbhd-bench reproject FILE [--runs N] lon/lat FILE to EPSG:27700, one batch per geometry:
//                                      median time on 1 thread and on every core
//   nbhd-bench parse-gpkg FILE [--runs N]   read a GeoPackage's feature table into flat geometry
//                                      N times: median time (before reprojection and repair)
//   nbhd-bench checksum FILE           coordinate count and a bit-exact checksum of x, y values
//   nbhd-bench fuzz FILE [--runs N]    parse N random mutations of FILE (for valgrind/ASan runs)
#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#endif

func fail(_ message: String) -> Never {
  let line = Array("nbhd-bench: \(message)\n".utf8)
  _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
  exit(2)
}

func fileSize(_ path: String) -> Int {
  var info = stat()
  guard stat(path, &info) == 0 else { fail("cannot stat \(path)") }
  return Int(info.st_size)
}

/// CPU time of this thread, in seconds (unaffected by other processes taking the cores).
func threadCPUTime() -> Double {
  var spec = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
  return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.count % 2 == 1
    ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Every coordinate of the geometry and its members, in file order.
func forEachCoordinate(_ geometry: FlatGeometry, _ body: (Double) -> Void) {
  for value in geometry.coordinates { body(value) }
  for member in geometry.members { forEachCoordinate(member, body) }
}

func coordinatePairs(_ collection: FeatureCollection) -> Int {
  var pairs = 0
  for feature in collection.features {
    if let geometry = feature.geometry { forEachCoordinate(geometry) { _ in pairs += 1 } }
  }
  return pairs / 2
}

@MainActor func readOrFail(_ path: String) -> FeatureCollection {
  do { return try GeoJSONReader.read(contentsOf: path, parallelAbove: parallelAbove) } catch {
    fail(error.description)
  }
}

var arguments = Array(CommandLine.arguments.dropFirst())
var runs = 7
// `--threads 1` reads on one thread (GeoJSON reads big feature arrays on two by default).
var parallelAbove = GeoJSONReader.parallelThreshold
if let index = arguments.firstIndex(of: "--threads") {
  guard index + 1 < arguments.count, let n = Int(arguments[index + 1]), n > 0 else {
    fail("--threads needs a number")
  }
  if n == 1 { parallelAbove = Int.max }
  arguments.removeSubrange(index...(index + 1))
}
if let index = arguments.firstIndex(of: "--runs") {
  guard index + 1 < arguments.count, let n = Int(arguments[index + 1]), n > 0 else {
    fail("--runs needs a number")
  }
  runs = n
  arguments.removeSubrange(index...(index + 1))
}
guard arguments.count == 2 else {
  fail("usage: nbhd-bench parse|write|checksum FILE [--runs N]")
}
let (command, path) = (arguments[0], arguments[1])
let clock = ContinuousClock()

switch command {
case "parse":
  let size = fileSize(path)
  var times: [Double] = []
  var cpuTimes: [Double] = []
  var collection = FeatureCollection(features: [])
  for _ in 0..<runs {
    collection = FeatureCollection(features: [])  // free the previous result outside the timing
    let start = clock.now
    let cpuStart = threadCPUTime()
    collection = readOrFail(path)
    cpuTimes.append(threadCPUTime() - cpuStart)
    times.append(seconds(clock.now - start))
  }
  let time = median(times)
  let cpuTime = median(cpuTimes)
  print(
    "parse \(path): \(size) bytes, \(collection.features.count) features, \(coordinatePairs(collection)) coordinates"
  )
  print("median of \(runs): \(String(time * 1000)) ms, \(Int((Double(size) / time / 1e6).rounded())) MB/s")
  print(
    "median CPU time: \(String(cpuTime * 1000)) ms, \(Int((Double(size) / cpuTime / 1e6).rounded())) MB/s per core"
  )
  // On a shared machine the fastest run is the least disturbed one.
  let best = times.min() ?? time
  print("fastest run: \(String(best * 1000)) ms, \(Int((Double(size) / best / 1e6).rounded())) MB/s")
case "parse-gpkg":
  var times: [Double] = []
  var cpuTimes: [Double] = []
  var table: GeoPackageReader.Table?
  for _ in 0..<runs {
    table = nil  // free the previous result outside the timing
    let start = clock.now
    let cpuStart = threadCPUTime()
    do { table = try GeoPackageReader.read(path) } catch { fail(error.description) }
    cpuTimes.append(threadCPUTime() - cpuStart)
    times.append(seconds(clock.now - start))
  }
  let features = table?.features ?? []
  print(
    "parse-gpkg \(path): \(fileSize(path)) bytes, \(features.count) features, "
      + "\(coordinatePairs(FeatureCollection(features: features))) coordinates")
  print(
    "median of \(runs): \(String(median(times) * 1000)) ms; median CPU time \(String(median(cpuTimes) * 1000)) ms"
  )
  print("fastest run: \(String((times.min() ?? 0) * 1000)) ms")
case "write":
  let collection = readOrFail(path)
  let writer = GeoJSONWriter()
  var times: [Double] = []
  var size = 0
  for _ in 0..<runs {
    let start = clock.now
    size = writer.encode(collection).count
    times.append(seconds(clock.now - start))
  }
  let time = median(times)
  print("encode \(collection.features.count) features: \(size) bytes")
  print("median of \(runs): \(String(time * 1000)) ms, \(Int((Double(size) / time / 1e6).rounded())) MB/s")
case "reproject":
  let collection = readOrFail(path)
  let geometries = collection.features.compactMap(\.geometry)
  let pairs = coordinatePairs(collection)
  let transformer: Transformer
  do {
    transformer = try Transformer(
      from: try CoordinateReferenceSystem("EPSG:4326"), to: try CoordinateReferenceSystem("EPSG:27700"))
  } catch {
    fail("\(error)")
  }
  let recipe = transformer.recipe
  print("reproject \(geometries.count) geometries, \(pairs) coordinates: \(recipe.operationName)")
  for threads in [1, ProcessInfo.processInfo.activeProcessorCount] {
    var times: [Double] = []
    var checksum = 0.0
    for _ in 0..<runs {
      let start = clock.now
      let results = try ParallelChunks.map(
        count: geometries.count, threads: threads, chunkSize: 256,
        makeWorker: { try Transformer(recipe) },
        body: { worker, i -> Double in
          var geometry = geometries[i]
          try worker.transform(&geometry)
          var sum = 0.0
          forEachCoordinate(geometry) { sum += $0 }
          return sum
        })
      times.append(seconds(clock.now - start))
      checksum = results.reduce(0, +)
    }
    let time = median(times)
    print(
      "\(threads) thread(s): median of \(runs) \(String(format: "%.1f", time * 1000)) ms, "
        + "\(Int((Double(pairs) / time / 1e3).rounded())) k coordinates/s ; sum \(String(format: "%.3f", checksum))"
    )
  }
case "checksum":
  let collection = readOrFail(path)
  var sum: UInt64 = 0
  var count = 0
  for feature in collection.features {
    guard let geometry = feature.geometry else { continue }
    forEachCoordinate(geometry) { value in
      sum = sum &+ value.bitPattern
      count += 1
    }
  }
  print("features \(collection.features.count) numbers \(count) checksum \(sum)")
case "fuzz":
  var original: [UInt8] = []
  do {
    original = GeoJSONWriter().encode(try GeoJSONReader.read(contentsOf: path))
  } catch {
    fail(error.description)
  }
  var generator = SystemRandomNumberGenerator()
  let alphabet = Array(#"{}[]",:0123456789.-+eE truefalsenull\u"#.utf8) + [0, 0xFF, 0xC3, 0x0A]
  var failures = 0
  for run in 0..<runs {
    var bytes = original
    // Cuts (truncated files) and small edits (bad bytes anywhere).
    if run % 4 == 0 {
      bytes.removeLast(Int.random(in: 0..<bytes.count, using: &generator))
    } else {
      for _ in 0..<Int.random(in: 1...6, using: &generator) where !bytes.isEmpty {
        let i = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: bytes[i] = alphabet.randomElement(using: &generator) ?? 0
        case 1: bytes.remove(at: i)
        default: bytes.insert(alphabet.randomElement(using: &generator) ?? 0, at: i)
        }
      }
    }
    do { _ = try GeoJSONReader.read(bytes: bytes, source: "fuzz") } catch { failures += 1 }
  }
  print("fuzz: \(runs) mutations, \(failures) rejected, none crashed")
default:
  fail("unknown command \(command)")
}
