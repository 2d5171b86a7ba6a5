#include "tokenize.h"

// XXH_INLINE_ALL makes XXH3 static inline here too, so each token's hash is inlined into
// the loop below (the public names are macro-renamed, which no Swift code ever sees).
#define XXH_INLINE_ALL
#include <xxhash.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// The tokenizer's fast path for ASCII words. Swift's `Tokenizer` owns the rules; this
// kernel applies them only where they are simple (a whole ASCII word ended by a byte that
// certainly separates) and hands every other case back, so both paths give one result.

static inline int refrain_is_word_byte(uint8_t byte) {
    return (uint8_t)((byte | 0x20) - 'a') < 26 || (uint8_t)(byte - '0') < 10;
}

static inline uint8_t refrain_fold_byte(uint8_t byte) {
    return (uint8_t)(byte - 'A') < 26 ? (uint8_t)(byte | 0x20) : byte;
}

/// Whether a token may go on at `index`: an ASCII letter or digit, or a UTF-8 lead byte
/// (the rule for an apostrophe inside a word, as in `Tokenizer`), or an `&`, whose
/// reference Swift's path reads.
static inline int refrain_starts_word(const uint8_t *bytes, size_t index, size_t end) {
    if (index >= end) return 0;
    uint8_t byte = bytes[index];
    return byte >= 0x80 ? byte >= 0xC0 : byte == '&' || refrain_is_word_byte(byte);
}

/// The width of a non-ASCII separator at `index` that this kernel knows (U+2000–U+203F,
/// general punctuation, and U+00A0, U+00AB, U+00BB), else 0. After a word (`afterWord`),
/// U+2019 and U+2018 are not: either may be an apostrophe inside the word. The invisible format
/// characters among them (U+200C–U+200F, U+202A–U+202E) are no separators: a word goes on
/// across them. The zero-width space (U+200B) marks a word boundary, so it is one.
static inline size_t refrain_separator_width(const uint8_t *bytes, size_t index, size_t end, int afterWord) {
    uint8_t lead = bytes[index];
    if (lead == 0xE2 && index + 2 < end && bytes[index + 1] == 0x80 && (bytes[index + 2] & 0xC0) == 0x80) {
        uint8_t last = bytes[index + 2];
        if ((uint8_t)(last - 0x8C) < 4 || (uint8_t)(last - 0xAA) < 5) return 0;
        return afterWord && (last == 0x99 || last == 0x98) ? 0 : 3;
    }
    if (lead == 0xC2 && index + 1 < end) {
        uint8_t next = bytes[index + 1];
        if (next == 0xA0 || next == 0xAB || next == 0xBB) return 2;
    }
    return 0;
}

#if defined(__SSE2__)
/// Folds 16 bytes to lower case and returns the mask of ASCII letters and digits among them.
static inline int refrain_fold16(__m128i v, __m128i *folded) {
    // Signed compares test a byte range: x + (0x80 - low) < -128 + width.
    const __m128i upperBias = _mm_set1_epi8((char)(0x80 - 'A'));
    const __m128i digitBias = _mm_set1_epi8((char)(0x80 - '0'));
    const __m128i lowerBias = _mm_set1_epi8((char)(0x80 - 'a'));
    const __m128i letters = _mm_set1_epi8((char)(-128 + 26));
    const __m128i digits = _mm_set1_epi8((char)(-128 + 10));
    __m128i upper = _mm_cmplt_epi8(_mm_add_epi8(v, upperBias), letters);
    __m128i lower = _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
    __m128i word = _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(lower, lowerBias), letters),
                                _mm_cmplt_epi8(_mm_add_epi8(v, digitBias), digits));
    *folded = lower;
    return _mm_movemask_epi8(word);
}
#endif

/// The length of the ASCII word at `index` (at most `REFRAIN_TOKEN_MAXIMUM + 1`), its
/// folded bytes written to `scratch`.
static inline size_t refrain_fold_word(const uint8_t *bytes, size_t limit, size_t index, size_t end, uint8_t *scratch) {
    size_t length = 0;
#if defined(__SSE2__)
    while (index + length + 16 <= limit && length <= REFRAIN_TOKEN_MAXIMUM) {
        __m128i folded;
        unsigned word = (unsigned)refrain_fold16(_mm_loadu_si128((const __m128i *)(bytes + index + length)), &folded);
        _mm_storeu_si128((__m128i *)(scratch + length), folded);
        unsigned run = (unsigned)__builtin_ctz(~word);  // 16 when all sixteen are word bytes
        if (index + length + run >= end) return end - index;
        length += run;
        if (run < 16) return length;
    }
#endif
    while (index + length < end && length <= REFRAIN_TOKEN_MAXIMUM && refrain_is_word_byte(bytes[index + length])) {
        scratch[length] = refrain_fold_byte(bytes[index + length]);
        length += 1;
    }
    return length;
}

/// The first index in [index, end) holding an ASCII letter or digit, a non-ASCII byte or
/// an `&`, which may start a character reference.
static inline size_t refrain_skip_ascii_separators(const uint8_t *bytes, size_t limit, size_t index, size_t end) {
#if defined(__SSE2__)
    while (index + 16 <= limit && index < end) {
        __m128i folded;
        __m128i v = _mm_loadu_si128((const __m128i *)(bytes + index));
        unsigned hit = (unsigned)(refrain_fold16(v, &folded) | _mm_movemask_epi8(v) |
                                  _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('&'))));
        if (hit != 0) {
            size_t found = index + (size_t)__builtin_ctz(hit);
            return found < end ? found : end;
        }
        index += 16;
    }
#endif
    while (index < end && bytes[index] < 0x80 && bytes[index] != '&' && !refrain_is_word_byte(bytes[index])) index += 1;
    return index < end ? index : end;
}

/// XXH3-64 of a word, the same value as `XXH3_64bits`. Most words have at most 16 bytes:
/// for them this calls the header's own short-input functions, which inline, where the
/// inliner leaves all of `XXH3_64bits` out of line: a call per token. The header's
/// dispatcher marks 1 to 3 bytes unlikely, so the compiler would move that case out of
/// line with spills around it, yet "a", "of" and "the" are among the commonest words.
/// `TokenizerTests` checks the values.
static inline __attribute__((always_inline)) uint64_t refrain_hash_word(const uint8_t *word, size_t length) {
#if XXH_VERSION_NUMBER >= 800 && XXH_VERSION_NUMBER < 900
    if (length >= 4) {
        if (length <= 8) return XXH3_len_4to8_64b(word, length, XXH3_kSecret, 0);
        if (length <= 16) return XXH3_len_9to16_64b(word, length, XXH3_kSecret, 0);
    } else if (length > 0) {
        return XXH3_len_1to3_64b(word, length, XXH3_kSecret, 0);
    }
#endif
    return XXH3_64bits(word, length);
}

/// XXH3-64 of a word of 1 to 8 bytes with no branch on its length: both of the header's
/// functions for 1-3 and 4-8 bytes, one result kept. Half the words of news text have at
/// most 3 bytes and most of the rest 4 to 8, so a branch on the length would be
/// mispredicted about every other word. The 4-8 function reads 4 bytes at each end, so up to 3 bytes before and
/// after a shorter word must be readable (its result is then discarded).
static inline __attribute__((always_inline)) uint64_t refrain_hash_short_word(const uint8_t *word, size_t length) {
#if XXH_VERSION_NUMBER >= 800 && XXH_VERSION_NUMBER < 900
    uint64_t upTo3 = XXH3_len_1to3_64b(word, length, XXH3_kSecret, 0);
    uint64_t upTo8 = XXH3_len_4to8_64b(word, length, XXH3_kSecret, 0);
    return __builtin_unpredictable(length >= 4) ? upTo8 : upTo3;
#else
    return XXH3_64bits(word, length);
#endif
}

/// What one step of the kernel did.
enum refrain_step { REFRAIN_STEP_TOKEN, REFRAIN_STEP_END, REFRAIN_STEP_HANDED_BACK };

/// Skips separators from `*index` and takes one token: the careful path, for every case the
/// block path below leaves. On `REFRAIN_STEP_TOKEN`, `*index` is past the token's terminator;
/// otherwise it is where the caller must stop.
static inline enum refrain_step refrain_step(const uint8_t *bytes, size_t limit, size_t *index, size_t end,
                                             uint8_t *scratch, uint64_t *hash, intptr_t *tokenStart, intptr_t *tokenEnd) {
    size_t at = *index;
    for (;;) {
        at = refrain_skip_ascii_separators(bytes, limit, at, end);
        if (at >= end) {
            *index = end;
            return REFRAIN_STEP_END;
        }
        if (bytes[at] == '&') {  // a character reference ("&amp;", "&#39;"): Swift's path reads it
            *index = at;
            return REFRAIN_STEP_HANDED_BACK;
        }
        if (bytes[at] < 0x80) break;
        size_t width = refrain_separator_width(bytes, at, end, 0);
        if (width == 0) {  // some other scalar: Swift's general path reads it
            *index = at;
            return REFRAIN_STEP_HANDED_BACK;
        }
        at += width;
    }
    size_t start = at;
    size_t length = refrain_fold_word(bytes, limit, start, end, scratch);
    size_t after = start + length;
    // A word goes on across the ASCII joiners `Tokenizer` defines: an apostrophe before a
    // letter (dropped: "don't" is "dont"), an underscore before one (kept), a comma or point
    // between digits (kept: "90,000"). They are common in news, and each one handed back
    // would cost a call into Swift's byte-by-byte path.
    while (length <= REFRAIN_TOKEN_MAXIMUM && after + 1 < end && refrain_is_word_byte(bytes[after + 1])) {
        uint8_t joiner = bytes[after];
        int digits = (uint8_t)(bytes[after - 1] - '0') < 10 && (uint8_t)(bytes[after + 1] - '0') < 10;
        if (joiner == '_' || ((joiner == ',' || joiner == '.') && digits)) {
            scratch[length++] = joiner;
        } else if (joiner != '\'') {
            break;
        }
        size_t more = refrain_fold_word(bytes, limit, after + 1, end, scratch + length);
        length += more;
        after += 1 + more;
    }
    size_t next = after;
    if (length > REFRAIN_TOKEN_MAXIMUM) {
        *index = start;
        return REFRAIN_STEP_HANDED_BACK;
    }
    if (after < end) {
        uint8_t terminator = bytes[after];
        if (terminator == '&') {  // a character reference may go on with the word ("don&#39;t")
            *index = start;
            return REFRAIN_STEP_HANDED_BACK;
        }
        if (terminator == '\'' || terminator == '_') {
            if (refrain_starts_word(bytes, after + 1, end)) {  // the word may go on in another script
                *index = start;
                return REFRAIN_STEP_HANDED_BACK;
            }
            next = after + 1;
        } else if (terminator >= 0x80) {
            size_t width = refrain_separator_width(bytes, after, end, 1);
            if (width == 0) {  // the word may go on in another script, or after ’
                *index = start;
                return REFRAIN_STEP_HANDED_BACK;
            }
            next = after + width;
        } else {
            next = after + 1;
        }
    }
    if (hash != NULL) *hash = refrain_hash_word(scratch, length);
    *tokenStart = (intptr_t)start;
    *tokenEnd = (intptr_t)after;
    *index = next;
    return REFRAIN_STEP_TOKEN;
}

size_t refrain_tokenize_ascii(const uint8_t *bytes, size_t limit, size_t index, size_t end, uint64_t *hashes,
                              intptr_t *starts, intptr_t *ends, size_t capacity, size_t *count) {
    // Room for a joined word that passes the limit by up to one block of 16 and a joiner.
    uint8_t scratch[2 * REFRAIN_TOKEN_MAXIMUM + 64];
#if defined(__SSE2__)
    // A block folded once, with 16 zero bytes on each side for refrain_hash_short_word.
    uint8_t padded[16 + 64 + 16] __attribute__((aligned(16)));
    _mm_store_si128((__m128i *)padded, _mm_setzero_si128());
    _mm_store_si128((__m128i *)(padded + 80), _mm_setzero_si128());
    uint8_t *folded = padded + 16;
#endif
    size_t produced = 0;
    while (produced < capacity) {
#if defined(__SSE2__)
        // The block path: 64 bytes at a time, token starts and lengths read off bit masks,
        // for the words that lie wholly inside the block and touch no apostrophe, no
        // underscore, no `&` (a character reference) and no non-ASCII byte (most words of most text). One branch per token, not per byte.
        // Nothing past the block is read: words are hashed from the folded block.
        if (index + 64 <= limit && index < end) {
            uint64_t word = 0, special = 0, digit = 0, point = 0;
            for (int part = 0; part < 4; part++) {
                __m128i v = _mm_loadu_si128((const __m128i *)(bytes + index + 16 * part)), lower;
                word |= (uint64_t)(unsigned)refrain_fold16(v, &lower) << (16 * part);
                _mm_store_si128((__m128i *)(folded + 16 * part), lower);
                __m128i joiner = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')), _mm_cmpeq_epi8(v, _mm_set1_epi8('_'))),
                                              _mm_cmpeq_epi8(v, _mm_set1_epi8('&')));
                special |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(v, joiner)) << (16 * part);
                __m128i digits = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '0'))), _mm_set1_epi8((char)(-128 + 10)));
                digit |= (uint64_t)(unsigned)_mm_movemask_epi8(digits) << (16 * part);
                __m128i points = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')), _mm_cmpeq_epi8(v, _mm_set1_epi8('.')));
                point |= (uint64_t)(unsigned)_mm_movemask_epi8(points) << (16 * part);
            }
            size_t span = end - index < 64 ? end - index : 64;
            uint64_t inRange = span == 64 ? ~(uint64_t)0 : (((uint64_t)1 << span) - 1);
            word &= inRange;
            digit &= inRange;
            // A comma or point between digits ("90,000", "3.5") joins a number: the careful
            // path takes it. The block's last byte may be followed by a digit in the next block.
            special |= point & (digit << 1) & ((digit >> 1) | (span == 64 ? (uint64_t)1 << 63 : 0));
            special &= inRange;
            // Bytes from the first special one (or the block's end) on go the careful way,
            // and so does a word that reaches it.
            size_t stop = special != 0 ? (size_t)__builtin_ctzll(special) : span;
            uint64_t before = stop == 64 ? ~(uint64_t)0 : (((uint64_t)1 << stop) - 1);
            uint64_t wordStarts = word & ~(word << 1) & before;
            size_t resume = stop;
            while (wordStarts != 0 && produced < capacity) {
                size_t first = (size_t)__builtin_ctzll(wordStarts);
                size_t length = (size_t)__builtin_ctzll(~(word >> first));  // word >> first has a 0 above bit 63 - first
                if (first + length >= stop && !(stop == span && span < 64)) {
                    resume = first;  // reaches the special byte or the block's end
                    break;
                }
                if (hashes != NULL) {
                    hashes[produced] = length <= 8 ? refrain_hash_short_word(folded + first, length)
                                                   : refrain_hash_word(folded + first, length);
                }
                starts[produced] = (intptr_t)(index + first);
                ends[produced] = (intptr_t)(index + first + length);
                produced += 1;
                wordStarts &= wordStarts - 1;
                // Past this word; past the block's separators too once no word is left.
                resume = wordStarts != 0 ? first + length : stop;
            }
            if (produced == capacity) {
                *count = produced;
                return index + resume;
            }
            index += resume;
            if (index >= end) break;
        }
#endif
        enum refrain_step step =
            refrain_step(bytes, limit, &index, end, scratch, hashes != NULL ? hashes + produced : NULL, starts + produced,
                         ends + produced);
        if (step == REFRAIN_STEP_END) break;
        if (step == REFRAIN_STEP_HANDED_BACK) {
            *count = produced;
            return index;
        }
        produced += 1;
    }
    *count = produced;
    return index < end ? index : end;
}
