import CMalloc

/// How the C allocator is set up for a run. nbhd makes large short-lived buffers (a layer's
/// coordinates, a GeoJSON file's text, a report's HTML), one after another. glibc raises its
/// mmap threshold each time such a buffer is freed, so later ones come from the heap, whose freed
/// space is seldom handed back: a national report's resident memory grew by about 40 MB from
/// that alone. A fixed threshold keeps buffers of 256 KiB and more in their own mappings,
/// returned to the system when freed.
enum MemoryTuning {
  /// Fixes the mmap threshold at 256 KiB (glibc's `mallopt(M_MMAP_THRESHOLD)`, through
  /// `cmalloc_fix_mmap_threshold`); does nothing where the C library has no such setting.
  static func apply() { _ = cmalloc_fix_mmap_threshold(256 * 1024) }
}
