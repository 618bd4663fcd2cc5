#ifndef NBHD_CMALLOC_SHIM_H
#define NBHD_CMALLOC_SHIM_H
#include <stdlib.h>
#if defined(__linux__)
#include <malloc.h>
#endif

// Fixes the C allocator's mmap threshold at `bytes` (glibc's mallopt(M_MMAP_THRESHOLD), which
// also stops glibc raising it as buffers are freed). Returns 1 when set, 0 where the C library
// has no such setting.
static inline int cmalloc_fix_mmap_threshold(int bytes) {
#if defined(M_MMAP_THRESHOLD)
  return mallopt(M_MMAP_THRESHOLD, bytes);
#else
  (void)bytes;
  return 0;
#endif
}
#endif
