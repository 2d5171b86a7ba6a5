// Byte scans the segmenter and the JSON Lines reader run over whole buffers.
#ifndef REFRAIN_KERNELS_BYTE_SCAN_H
#define REFRAIN_KERNELS_BYTE_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// The bytes of [from, from + 64) ∩ [from, to) that may end a sentence or a line (line
/// feed, carriage return, `!`, `.`, `?`, `;`, or a UTF-8 lead byte 0xE0 or above, 0xCD, 0xD6, 0xD8 or 0xDB), as a mask:
/// bit i for `bytes[from + i]`. Reads no byte at or past `limit` (the end of the
/// readable buffer, at least `to`); `from` must be below `to`.
uint64_t refrain_sentence_mask(const uint8_t *bytes, size_t from, size_t to, size_t limit);

/// The first index in [from, to) holding a line feed or carriage return, else `to`.
size_t refrain_find_line_break(const uint8_t *bytes, size_t from, size_t to);

/// The first index in [from, to) holding a byte a JSON string reader must look at: a quote,
/// a backslash, a control byte (below 0x20), or a non-ASCII byte that does not start a
/// well-formed UTF-8 character ending before `to`; else `to`.
size_t refrain_find_json_special(const uint8_t *bytes, size_t from, size_t to);

/// The number of bytes that are not ASCII white space (space, and tab through carriage return).
size_t refrain_count_non_space(const uint8_t *bytes, size_t count);

/// The number of bytes that are not part of a well-formed UTF-8 sequence (Unicode's
/// table 3-7: no overlong forms, surrogates or scalars past U+10FFFF); each such byte
/// counts once.
size_t refrain_count_invalid_utf8(const uint8_t *bytes, size_t count);

#endif

/// The offset of the first Unicode line or paragraph separator from `from` on (NEL, C2 85;
/// U+2028, E2 80 A8; U+2029, E2 80 A9), or `count` when there is none.
size_t refrain_find_unicode_break(const uint8_t *bytes, size_t from, size_t count);
