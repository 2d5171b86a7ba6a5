#ifndef REFRAIN_CZLIB_SHIM_H
#define REFRAIN_CZLIB_SHIM_H

// zlib's init functions are macros that pass the library's version and the stream's size,
// which Swift cannot call: Swift calls only the stable wrappers below.
#include <zlib.h>
#include <stddef.h>
#include <stdint.h>

/// A new inflate stream for one gzip member (window 15, gzip header and trailer checked).
/// - Returns: `Z_OK`, or zlib's error (`Z_MEM_ERROR`).
static inline int refrain_gzip_init(z_stream *stream) {
    stream->zalloc = Z_NULL;
    stream->zfree = Z_NULL;
    stream->opaque = Z_NULL;
    stream->next_in = Z_NULL;
    stream->avail_in = 0;
    return inflateInit2(stream, 15 + 16);
}

/// Inflates what fits of `avail_in` into `avail_out`.
/// - Returns: `Z_OK`, `Z_STREAM_END` at a member's end, `Z_BUF_ERROR` when no progress
///   was possible, or an error (`Z_DATA_ERROR` for damaged data).
static inline int refrain_gzip_inflate(z_stream *stream) { return inflate(stream, Z_NO_FLUSH); }

/// Makes the stream ready for the next gzip member of the same file.
static inline int refrain_gzip_reset(z_stream *stream) { return inflateReset(stream); }

/// Frees the stream's state.
static inline void refrain_gzip_end(z_stream *stream) { (void)inflateEnd(stream); }

#endif
