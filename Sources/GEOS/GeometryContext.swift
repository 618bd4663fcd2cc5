internal import CGEOS
import Synchronization

/// A GEOS context: every GEOS call goes through one, and each thread (or parallel task) uses its
/// own. Errors and notices GEOS reports are collected here and thrown as `GEOSError`.
///
/// Wraps `GEOS_init_r`, `GEOSContext_setErrorMessageHandler_r` and `GEOS_finish_r`.
public final class GeometryContext {
  /// GEOS_init_r writes a global without a lock, so context creation is serialised.
  private static let creationLock = Mutex(())

  let handle: GEOSContextHandle_t
  private let messages: MessageBox

  /// Creates a context with error and notice handlers that collect GEOS's messages.
  public init() {
    let box = MessageBox()
    messages = box
    handle = GeometryContext.creationLock.withLock { _ in GEOS_init_r() }
    let userData = Unmanaged.passUnretained(box).toOpaque()
    // C callbacks capture nothing: each hands the message to the box behind `userData`.
    GEOSContext_setErrorMessageHandler_r(
      handle, { message, userData in MessageBox.receive(message, userData, into: \.errors) }, userData)
    GEOSContext_setNoticeMessageHandler_r(
      handle, { message, userData in MessageBox.receive(message, userData, into: \.notices) }, userData)
  }

  deinit {
    GEOS_finish_r(handle)
  }

  /// Notices GEOS has printed since the last call (e.g. self-intersection locations), cleared
  /// on reading.
  public func takeNotices() -> [String] {
    defer { messages.notices.removeAll() }
    return messages.notices
  }

  /// The last error GEOS reported, cleared on reading.
  func takeErrorMessage() -> String {
    defer { messages.errors.removeAll() }
    return messages.errors.last ?? ""
  }

  /// The error to throw after a GEOS call reported failure.
  func error(_ operation: String) -> GEOSError {
    .operationFailed(operation: operation, message: takeErrorMessage())
  }

  /// Wraps a result GEOS returned as a new owned geometry, or throws GEOS's error when it is NULL.
  /// Ownership of `pointer` is transferred to the returned geometry.
  func own(_ pointer: OpaquePointer?, _ operation: String) throws(GEOSError) -> Geometry {
    Geometry(owning: try created(pointer, operation), context: self)
  }
}

@available(*, unavailable) extension GeometryContext: Sendable {}

/// Where GEOS's callbacks put their messages (a class so a stable pointer can be handed to C).
private final class MessageBox {
  var errors: [String] = []
  var notices: [String] = []

  /// Appends GEOS's `message` to the list `list` of the box `userData` points to.
  static func receive(
    _ message: UnsafePointer<CChar>?, _ userData: UnsafeMutableRawPointer?,
    into list: ReferenceWritableKeyPath<MessageBox, [String]>
  ) {
    guard let message, let userData else { return }
    Unmanaged<MessageBox>.fromOpaque(userData).takeUnretainedValue()[keyPath: list].append(
      String(cString: message))
  }
}
