#ifndef TELEX_CZLIB_SHIM_H
#define TELEX_CZLIB_SHIM_H
#include <zlib.h>

/// deflateInit2 is a macro (it passes ZLIB_VERSION and sizeof(z_stream)); Swift cannot call macros.
/// windowBits 15 + 16 writes a gzip wrapper, 15 a zlib wrapper ("deflate" Content-Encoding).
static inline int telex_deflate_init(z_streamp stream, int level, int gzip) {
    return deflateInit2(stream, level, Z_DEFLATED, gzip ? 15 + 16 : 15, 8, Z_DEFAULT_STRATEGY);
}
#endif
