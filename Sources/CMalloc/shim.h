#ifndef TELEX_CMALLOC_SHIM_H
#define TELEX_CMALLOC_SHIM_H
#include <malloc.h>

/// Bytes glibc's allocator holds for the program right now (Swift's Glibc module leaves <malloc.h>
/// out). Unlike the peak or current RSS, a leak shows here even when it reuses pages freed earlier.
static inline size_t telex_heap_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}
#endif
