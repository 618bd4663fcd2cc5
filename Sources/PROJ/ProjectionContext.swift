internal import CPROJ

/// A PROJ threading context: the owner of one `PJ_CONTEXT`, with PROJ's log routed into
/// ``messages`` instead of stderr.
///
/// A context and every PROJ object made in it belong to one thread at a time; never share them
/// across threads. Parallel work makes one context (or one ``Transformer``) per task.
/// Network access (grid downloads) is switched off so results do not depend on connectivity.
/// Wraps `proj_context_create`, `proj_log_func` and `proj_log_level`.
public final class ProjectionContext {
  /// The owned context; destroyed in `deinit`.
  let pointer: OpaquePointer
  /// A trivial PROJ object, made on first need, used only to clear the context's error code
  /// (PROJ exports no context-level reset). Owned by this context; destroyed in `deinit`.
  private var errnoResetter: OpaquePointer?

  /// The messages PROJ logged (errors only) since the last failure was reported, oldest first.
  /// At most ``messageLimit`` are kept.
  public private(set) var messages: [String] = []

  /// How many log messages are kept before the oldest are dropped.
  public static let messageLimit = 32

  /// Creates a context that captures PROJ's error messages.
  /// Wraps `proj_context_create`, `proj_log_func`, `proj_log_level` and
  /// `proj_context_set_enable_network`.
  public init() throws {
    guard let pointer = proj_context_create() else { throw PROJError.contextUnavailable }
    self.pointer = pointer
    // PROJ keeps the unretained pointer only while the context lives; the context cannot
    // outlive `self` because `self` destroys it.
    proj_log_func(pointer, Unmanaged.passUnretained(self).toOpaque()) { userData, _, text in
      guard let userData, let text else { return }
      let owner = Unmanaged<ProjectionContext>.fromOpaque(userData).takeUnretainedValue()
      owner.record(String(cString: text))
    }
    proj_log_level(pointer, PJ_LOG_ERROR)
    proj_context_set_enable_network(pointer, 0)
  }

  deinit {
    // Detach the callback first: PROJ may log while tearing down, and `self` is going away.
    proj_log_func(pointer, nil, nil)
    if let errnoResetter { proj_destroy(errnoResetter) }
    proj_context_destroy(pointer)
  }

  private func record(_ message: String) {
    if messages.count >= Self.messageLimit { messages.removeFirst() }
    messages.append(message)
  }

  /// Forgets earlier messages and error codes so the next failure reports only its own.
  func clearDiagnostics() {
    messages.removeAll()
    resetErrorCode()
  }

  /// The captured messages plus PROJ's text for `code` (default: the context's error code), as
  /// one line; clears both afterwards. Wraps `proj_context_errno_string`.
  func takeFailureMessage(code: Int32? = nil) -> String {
    let code = code ?? proj_context_errno(pointer)
    var parts: [String] = []
    for message in messages where !parts.contains(message) { parts.append(message) }
    if code != 0, let text = proj_context_errno_string(pointer, code) {
      let codeText = String(cString: text)
      if !parts.contains(where: { $0.contains(codeText) }) { parts.append(codeText) }
    }
    clearDiagnostics()
    return parts.isEmpty ? "PROJ gave no message" : parts.joined(separator: "; ")
  }

  /// Wraps `proj_errno_reset` (through a trivial object of this context).
  private func resetErrorCode() {
    guard proj_context_errno(pointer) != 0 else { return }
    if errnoResetter == nil { errnoResetter = proj_create(pointer, "+proj=noop") }
    if let errnoResetter { proj_errno_reset(errnoResetter) }
  }
}

@available(*, unavailable)
extension ProjectionContext: Sendable {}
