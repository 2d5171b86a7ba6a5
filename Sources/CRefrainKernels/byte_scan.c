#include "byte_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// SSE2 is part of every x86-64 CPU: no run-time dispatch is needed for these scans.

// Also `;` and the lead bytes of the stops of other scripts: Greek (`;` and CD), Armenian
// (D6), Arabic and Urdu (D8, DB), Devanagari, Thai, Lao and Tibetan (E0), Ethiopic, Myanmar
// and Khmer (E1).
static inline int refrain_is_sentence_byte(uint8_t byte) {
    return byte == '\n' || byte == '\r' || byte == '!' || byte == '.' || byte == '?' || byte == ';' || byte >= 0xE0 ||
           byte == 0xCD || byte == 0xD6 || byte == 0xD8 || byte == 0xDB;
}

uint64_t refrain_sentence_mask(const uint8_t *bytes, size_t from, size_t to, size_t limit) {
    uint64_t mask = 0;
#if defined(__SSE2__)
    if (from + 64 <= limit) {
        const __m128i lineFeed = _mm_set1_epi8('\n'), carriageReturn = _mm_set1_epi8('\r');
        const __m128i exclamation = _mm_set1_epi8('!'), period = _mm_set1_epi8('.'), question = _mm_set1_epi8('?');
        const __m128i lead = _mm_set1_epi8((char)0xE0);
        const __m128i armenian = _mm_set1_epi8((char)0xD6), arabic = _mm_set1_epi8((char)0xD8);
        const __m128i urdu = _mm_set1_epi8((char)0xDB), greek = _mm_set1_epi8((char)0xCD), semicolon = _mm_set1_epi8(';');
        for (int part = 0; part < 4; part++) {
            __m128i v = _mm_loadu_si128((const __m128i *)(bytes + from + 16 * part));
            __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, lineFeed), _mm_cmpeq_epi8(v, carriageReturn));
            hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(v, exclamation), _mm_cmpeq_epi8(v, period)));
            hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(v, question), _mm_cmpeq_epi8(v, semicolon)));
            hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, greek));
            hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_max_epu8(v, lead), v));  // v >= 0xE0, unsigned
            __m128i other = _mm_or_si128(_mm_cmpeq_epi8(v, arabic), _mm_cmpeq_epi8(v, urdu));
            hit = _mm_or_si128(hit, _mm_or_si128(other, _mm_cmpeq_epi8(v, armenian)));
            mask |= (uint64_t)(unsigned)_mm_movemask_epi8(hit) << (16 * part);
        }
        return to - from < 64 ? mask & (((uint64_t)1 << (to - from)) - 1) : mask;
    }
#endif
    size_t stop = to - from < 64 ? to : from + 64;
    for (size_t index = from; index < stop; index++) {
        if (refrain_is_sentence_byte(bytes[index])) mask |= (uint64_t)1 << (index - from);
    }
    return mask;
}

size_t refrain_find_line_break(const uint8_t *bytes, size_t from, size_t to) {
    size_t index = from;
#if defined(__SSE2__)
    const __m128i lineFeed = _mm_set1_epi8('\n'), carriageReturn = _mm_set1_epi8('\r');
    for (; index + 16 <= to; index += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(bytes + index));
        int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lineFeed), _mm_cmpeq_epi8(v, carriageReturn)));
        if (mask != 0) return index + (size_t)__builtin_ctz((unsigned)mask);
    }
#endif
    for (; index < to; index++) {
        if (bytes[index] == '\n' || bytes[index] == '\r') return index;
    }
    return to;
}

size_t refrain_count_non_space(const uint8_t *bytes, size_t count) {
    size_t index = 0, spaces = 0;
#if defined(__SSE2__)
    // Each match is -1 in its byte: subtracting the masks counts per byte lane, and a sum
    // of absolute differences folds the lanes every 255 blocks (a popcount per block would
    // be a software popcount: the baseline x86-64 target has no POPCNT).
    const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), carriageReturn = _mm_set1_epi8('\r');
    while (index + 16 <= count) {
        __m128i lanes = _mm_setzero_si128();
        size_t blocks = (count - index) / 16;
        if (blocks > 255) blocks = 255;
        for (size_t block = 0; block < blocks; block++, index += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(bytes + index));
            // 0x09...0x0D: v >= '\t' and v <= '\r', unsigned.
            __m128i control =
                _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, tab), v), _mm_cmpeq_epi8(_mm_min_epu8(v, carriageReturn), v));
            lanes = _mm_sub_epi8(lanes, _mm_or_si128(control, _mm_cmpeq_epi8(v, space)));
        }
        __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
        spaces += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_extract_epi16(sums, 4);
    }
#endif
    for (; index < count; index++) {
        uint8_t byte = bytes[index];
        spaces += byte == ' ' || (byte >= '\t' && byte <= '\r');
    }
    return count - spaces;
}

#if defined(__SSE2__)
/// The mask of the 16 bytes of `v` in [low, high].
static inline unsigned refrain_in_range16(__m128i v, uint8_t low, uint8_t high) {
    __m128i shifted = _mm_sub_epi8(v, _mm_set1_epi8((char)low));
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(shifted, _mm_set1_epi8((char)(high - low))), shifted));
}
#endif

/// The length of the well-formed UTF-8 character at `index` (below `count`), else 0: its
/// lead byte's length, with the range its second byte must be in (no overlong form, no
/// surrogate, nothing past U+10FFFF: Swift's `ByteClass.decodeScalar` rules).
static inline size_t refrain_utf8_width(const uint8_t *bytes, size_t index, size_t count) {
    uint8_t lead = bytes[index];
    size_t length = 0;
    uint8_t low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead == 0xE0) length = 3, low = 0xA0;
    else if (lead >= 0xE1 && lead <= 0xEC) length = 3;
    else if (lead == 0xED) length = 3, high = 0x9F;
    else if (lead >= 0xEE && lead <= 0xEF) length = 3;
    else if (lead == 0xF0) length = 4, low = 0x90;
    else if (lead >= 0xF1 && lead <= 0xF3) length = 4;
    else if (lead == 0xF4) length = 4, high = 0x8F;
    if (length == 0 || index + length > count || bytes[index + 1] < low || bytes[index + 1] > high) return 0;
    for (size_t next = 2; next < length; next++) {
        if (bytes[index + next] < 0x80 || bytes[index + next] > 0xBF) return 0;
    }
    return length;
}

size_t refrain_find_json_special(const uint8_t *bytes, size_t from, size_t to) {
    size_t index = from;
    for (;;) {
#if defined(__SSE2__)
        const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
        const __m128i space = _mm_set1_epi8(0x20);
        while (index + 16 <= to) {
            __m128i v = _mm_loadu_si128((const __m128i *)(bytes + index));
            __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash));
            // Signed compare: bytes 0x80 and above are negative, so "v < 0x20" also catches them.
            hit = _mm_or_si128(hit, _mm_cmplt_epi8(v, space));
            unsigned mask = (unsigned)_mm_movemask_epi8(hit);
            if (mask == 0) {
                index += 16;
                continue;
            }
            unsigned high = (unsigned)_mm_movemask_epi8(v);
            if ((mask & ~high) == 0) {
                // Only non-ASCII bytes: two- and three-byte characters (most of Cyrillic, Greek,
                // Arabic, Hebrew and CJK text) are checked a block at a time; E0, ED and four-byte
                // leads, whose second byte has limits of its own, go one by one below.
                unsigned continuation = refrain_in_range16(v, 0x80, 0xBF);
                unsigned lead2 = refrain_in_range16(v, 0xC2, 0xDF);
                unsigned lead3 = refrain_in_range16(v, 0xE1, 0xEC) | refrain_in_range16(v, 0xEE, 0xEF);
                unsigned expected = ((lead2 << 1) | (lead3 << 1) | (lead3 << 2)) & 0xFFFF;
                if ((high & ~(continuation | lead2 | lead3)) == 0 && expected == continuation) {
                    // A character that runs into the next block starts it.
                    index += (lead3 & 0x4000) ? 14 : ((lead2 | lead3) & 0x8000) ? 15 : 16;
                    continue;
                }
            }
            index += (size_t)__builtin_ctz(mask);
            goto found;
        }
#endif
        for (; index < to; index++) {
            uint8_t byte = bytes[index];
            if (byte == '"' || byte == '\\' || byte < 0x20 || byte >= 0x80) goto found;
        }
        return to;
    found:
        if (bytes[index] < 0x80) return index;
        // A well-formed character is skipped here: text in another script has one every
        // two or three bytes, and a return to Swift for each cost a quarter of a Cyrillic scan.
        size_t width = refrain_utf8_width(bytes, index, to);
        if (width == 0) return index;
        index += width;
    }
}

size_t refrain_count_invalid_utf8(const uint8_t *bytes, size_t count) {
    size_t index = 0, invalid = 0;
    while (index < count) {
#if defined(__SSE2__)
        // Runs of ASCII, most of most text, 16 bytes at a time.
        while (index + 16 <= count) {
            int high = _mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(bytes + index)));
            if (high != 0) {
                index += (size_t)__builtin_ctz((unsigned)high);
                break;
            }
            index += 16;
        }
        if (index >= count) break;
#endif
        if (bytes[index] < 0x80) {
            index++;
            continue;
        }
        size_t length = refrain_utf8_width(bytes, index, count);
        if (length > 0) {
            index += length;
        } else {
            invalid++;
            index++;
        }
    }
    return invalid;
}

static inline int refrain_is_unicode_break(const uint8_t *bytes, size_t index, size_t count) {
    if (bytes[index] == 0xC2) return index + 1 < count && bytes[index + 1] == 0x85;
    return bytes[index] == 0xE2 && index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] | 1) == 0xA9;
}

size_t refrain_find_unicode_break(const uint8_t *bytes, size_t from, size_t count) {
    size_t index = from;
#if defined(__SSE2__)
    // All three bytes compared in lanes, from three overlapping loads: curly quotes and
    // dashes (E2 80 9x) are frequent in news, and a check of each E2 found mispredicted.
    const __m128i c2 = _mm_set1_epi8((char)0xC2), e2 = _mm_set1_epi8((char)0xE2);
    const __m128i x80 = _mm_set1_epi8((char)0x80), x85 = _mm_set1_epi8((char)0x85);
    const __m128i one = _mm_set1_epi8(1), a9 = _mm_set1_epi8((char)0xA9);
    for (; index + 18 <= count; index += 16) {
        __m128i first = _mm_loadu_si128((const __m128i *)(bytes + index));
        __m128i second = _mm_loadu_si128((const __m128i *)(bytes + index + 1));
        __m128i third = _mm_loadu_si128((const __m128i *)(bytes + index + 2));
        __m128i separator = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(first, e2), _mm_cmpeq_epi8(second, x80)),
                                          _mm_cmpeq_epi8(_mm_or_si128(third, one), a9));
        __m128i nel = _mm_and_si128(_mm_cmpeq_epi8(first, c2), _mm_cmpeq_epi8(second, x85));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(separator, nel));
        if (mask != 0) return index + (size_t)__builtin_ctz(mask);
    }
#endif
    for (; index < count; index++) {
        if (refrain_is_unicode_break(bytes, index, count)) return index;
    }
    return count;
}
