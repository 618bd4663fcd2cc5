import Dispatch
import GeoCore
import Synchronization

extension GeoPackageOutput {
  /// Starts a GeoPackage at `path` written on a thread of its own (``Alongside``), as
  /// ``open(_:lastChange:)`` starts one written on the caller's.
  public func openAlongside(_ path: String, lastChange: String = GeoPackageOutput.timestamp()) throws
    -> Alongside
  {
    Alongside(try open(path, lastChange: lastChange))
  }

  /// A GeoPackage written on a thread of its own while the caller goes on (a report makes and
  /// writes its next GeoJSON layer meanwhile). Layers and tables go in in the order handed over,
  /// so the file is the one ``File`` writes. A hand-over waits until the one before it is
  /// written, so no more than one layer's features are held for the file at once. A failure is
  /// thrown by the next hand-over or by `finish()`; nothing more is written after it, and the
  /// unfinished file is removed.
  public final class Alongside: Sendable {
    /// The file, only ever touched while holding `free` (by the work on `queue`, or by
    /// `finish()` and `abandon()`, which wait for that work).
    private let owned: Owned
    private let queue = DispatchQueue(label: "nbhd.geopackage")
    /// Taken by each hand-over, given back when its work is done.
    private let free = DispatchSemaphore(value: 1)
    private let failure = Mutex<(any Error)?>(nil)

    private final class Owned: @unchecked Sendable {
      /// nil once failed or abandoned (its temporary file is removed with it).
      var file: File?
      init(_ file: File) { self.file = file }
    }

    fileprivate init(_ file: File) { owned = Owned(file) }

    /// Hands a layer over (``File/write(_:)-(Layer)``).
    public func write(_ layer: Layer) throws {
      try handOver { try $0.write(layer) }
    }

    /// Hands a CSV table over (``File/write(name:description:csv:)``), read back here first
    /// while the file is busy with what was handed over before.
    public func write(name: String, description: String = "", csv: CSVWriter) throws {
      let rows = try CSVTableRows(name: name, description: description, csv: csv)
      try handOver { try $0.write(rows) }
    }

    /// Waits for everything handed over, then writes the styles, commits and puts the file in
    /// place (``File/finish()``).
    public func finish() throws {
      free.wait()
      defer { free.signal() }
      do {
        try thrown()
        try owned.file?.finish()
      } catch {
        fail(error)
        throw error
      }
    }

    /// Waits for the work in flight and writes nothing more: for a caller that fails before
    /// `finish()`, so that nothing is written into its folder once it has given up.
    public func abandon() {
      free.wait()
      fail(CancellationError())
      free.signal()
    }

    private func handOver(_ work: @escaping @Sendable (File) throws -> Void) throws {
      free.wait()
      do {
        try thrown()
      } catch {
        free.signal()
        throw error
      }
      queue.async { [self] in
        defer { free.signal() }
        guard let file = owned.file else { return }
        do {
          try work(file)
        } catch {
          fail(error)
        }
      }
    }

    /// Keeps the first failure and lets the file go. Called only while holding `free`.
    private func fail(_ error: any Error) {
      failure.withLock { $0 = $0 ?? error }
      owned.file = nil
    }

    private func thrown() throws {
      if let error = failure.withLock({ $0 }) { throw error }
    }
  }
}
