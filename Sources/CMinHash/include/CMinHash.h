#ifndef REFRAIN_CMINHASH_H
#define REFRAIN_CMINHASH_H

#include <stddef.h>
#include <stdint.h>

/// Lowers `sketch[i]` to min(sketch[i], hᵢ(x)) over every fingerprint x, where permutations
/// come in groups of eight: group g's eight values of x are the 16-bit halves of
/// AESENC(AESENC(x ⨯ 4 ^ K, R), K), with K = `keys[4g..<4g+4]` and
/// R = `roundKeys[4g..<4g+4]` as 16 bytes each.
///
/// `permutations` must be a multiple of 8. Uses the CPU's AES instructions (VAES on two
/// groups at once, or AES-NI, on x86-64; the ARMv8 crypto extension on arm64; chosen once at
/// run time), else portable C, about a hundred times slower; all give the same values
/// (`Tests/CrossCheck` checks the arm64 path).
void refrain_minhash_accumulate(const uint32_t *fingerprints, size_t count, const uint32_t *keys,
                                const uint32_t *roundKeys, uint16_t *sketch, size_t permutations);

/// The kernels of `refrain_minhash_accumulate`.
enum {
    REFRAIN_MINHASH_PORTABLE = 0,
    /// AES rounds on 128 bits: AES-NI, or the ARMv8 crypto extension.
    REFRAIN_MINHASH_AES = 1,
    /// AES rounds on 256 bits (x86-64 VAES with AVX2): two groups per instruction.
    REFRAIN_MINHASH_VAES = 2,
};

/// Whether this CPU can run `kernel`.
int refrain_minhash_supports(int kernel);

/// The kernel `refrain_minhash_accumulate` uses on this CPU: the widest it supports.
int refrain_minhash_kernel(void);

/// `refrain_minhash_accumulate` with a given kernel, which the CPU must support: for tests
/// that compare the kernels.
void refrain_minhash_accumulate_with(int kernel, const uint32_t *fingerprints, size_t count, const uint32_t *keys,
                                     const uint32_t *roundKeys, uint16_t *sketch, size_t permutations);

/// The portable kernel, for tests that compare it with the dispatched one.
void refrain_minhash_accumulate_portable(const uint32_t *fingerprints, size_t count, const uint32_t *keys,
                                         const uint32_t *roundKeys, uint16_t *sketch, size_t permutations);

/// Whether `refrain_minhash_accumulate` uses AES instructions on this CPU.
int refrain_minhash_uses_aes(void);

/// The bytes of [from, from + 64) ∩ [from, to) that may end a sentence or a line (line
/// feed, carriage return, `!`, `.`, `?`, or a UTF-8 lead byte 0xE2 or above), as a mask:
/// bit i for `bytes[from + i]`. Reads no byte at or past `limit` (the end of the
/// readable buffer, at least `to`); `from` must be below `to`.
uint64_t refrain_sentence_mask(const uint8_t *bytes, size_t from, size_t to, size_t limit);

/// The first index in [from, to) holding a line feed or carriage return, else `to`.
size_t refrain_find_line_break(const uint8_t *bytes, size_t from, size_t to);

/// The first index in [from, to) holding a byte a JSON string reader must look at: a quote,
/// a backslash, a control byte (below 0x20) or a non-ASCII byte (0x80 and above), else `to`.
size_t refrain_find_json_special(const uint8_t *bytes, size_t from, size_t to);

/// The number of bytes that are not ASCII white space (space, and tab through carriage return).
size_t refrain_count_non_space(const uint8_t *bytes, size_t count);

/// The longest token the ASCII tokenizer hashes whole; `Tokenizer` hashes longer ones in chunks.
#define REFRAIN_TOKEN_MAXIMUM 256

/// Tokenizes the ASCII words of `bytes[index..<end)` by `Tokenizer`'s rules, writing at most
/// `capacity` tokens (the XXH3-64 hash of each one's case-folded bytes, and its byte span)
/// to `hashes`, `starts` and `ends`, and their number to `*count`.
///
/// Returns where it stopped: `end`; where the next token would start, when `capacity` ran
/// out; or the first place it leaves to `Tokenizer`'s general path: a non-ASCII scalar it
/// does not know as a separator, or the start of a word that may go on past an apostrophe
/// or in another script, or is longer than `REFRAIN_TOKEN_MAXIMUM`. Reads no byte at or past
/// `limit` (the end of the readable buffer, at least `end`). With `hashes` NULL it finds the
/// spans only, hashing nothing.
size_t refrain_tokenize_ascii(const uint8_t *bytes, size_t limit, size_t index, size_t end, uint64_t *hashes,
                              intptr_t *starts, intptr_t *ends, size_t capacity, size_t *count);

/// Writes `count` shingle fingerprints from a token sequence's prefix polynomials (`Shingler`):
/// `out[i]` folds `prefixes[i + k] − prefixes[i] · power` to 32 bits, `power` being
/// the base to the `k`th. `prefixes` holds `count + k` values.
void refrain_shingle_fingerprints(const uint64_t *prefixes, size_t count, size_t k, uint64_t power, uint32_t *out);

/// Writes `bands` LSH band keys of four 16-bit values each (`LSHIndex.bandKeys`):
/// `out[b]` is the top half of `constants[64 + b % 64] + (w₀ + constants[0]) · (w₁ + constants[1])`,
/// `w₀` and `w₁` the band's values paired into 32-bit words.
void refrain_band_keys_4(const uint16_t *values, size_t bands, const uint64_t *constants, uint32_t *out);

/// Allocates `bytes` of zeroed memory for a large hash table, backed by transparent huge
/// pages where the kernel allows it (fewer TLB misses on random probes); NULL on failure.
void *refrain_table_allocate(size_t bytes);

/// Frees memory from `refrain_table_allocate`.
void refrain_table_free(void *table, size_t bytes);

/// Has glibc keep up to `threshold` bytes of free memory at the top of each heap, and grow a
/// heap by `pad` bytes more than asked, instead of returning free tops to the kernel (which
/// faults them in again, zeroed, at the next allocations). A no-op without glibc.
void refrain_keep_heap_tops(size_t threshold, size_t pad);

/// Whether `sorted[0..<count)` (ascending) holds `value`: a binary search whose halving is a
/// conditional move, not a branch (random answers mispredict a branch half the time, and
/// Swift's optimizer turns every branch-free spelling back into one).
static inline int refrain_sorted_contains(const uint32_t *sorted, size_t count, uint32_t value) {
    if (count == 0) return 0;
    const uint32_t *base = sorted;
    while (count > 1) {
        size_t half = count / 2;
        base = __builtin_unpredictable(base[half] <= value) ? base + half : base;
        count -= half;
    }
    return *base == value;
}

/// Sorts `values[0..<count)` in ascending order: up to 256 values by one bucket pass on the
/// top bits and an insertion sort, else by a radix sort through `scratch`, which must then
/// hold `count` values.
void refrain_sort_u32(uint32_t *values, size_t count, uint32_t *scratch);

/// Asks the CPU to bring the cache line at `address` closer, for a write soon.
static inline void refrain_prefetch(const void *address) { __builtin_prefetch(address, 1, 3); }

/// Tells the CPU this thread is spinning on a value another thread will change.
static inline void refrain_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

#endif
