// Shingle fingerprints and LSH band keys.
#ifndef REFRAIN_KERNELS_SHINGLE_H
#define REFRAIN_KERNELS_SHINGLE_H

#include <stddef.h>
#include <stdint.h>

/// Writes `count` shingle fingerprints from a token sequence's prefix polynomials (`Shingler`):
/// `out[i]` folds `prefixes[i + k] − prefixes[i] · power` to 32 bits, `power` being
/// the base to the `k`th. `prefixes` holds `count + k` values.
void refrain_shingle_fingerprints(const uint64_t *prefixes, size_t count, size_t k, uint64_t power, uint32_t *out);

/// Writes `bands` LSH band keys of four 16-bit values each (`LSHIndex.bandKeys`):
/// `out[b]` is the top half of `constants[64 + b % 64] + (w₀ + constants[0]) · (w₁ + constants[1])`,
/// `w₀` and `w₁` the band's values paired into 32-bit words.
void refrain_band_keys_4(const uint16_t *values, size_t bands, const uint64_t *constants, uint32_t *out);

/// Writes a short segment's `keys` word-pair MinHash keys (`Sketcher.appendShort`), `keys` a
/// power of two up to 64: each pair of neighbouring tokens, but for two short tokens (3
/// bytes or fewer, unless nothing else is left), is hashed once; its top bits choose a bin
/// and a bin keeps its least hash. A bin no pair reached gets key zero, which files nothing.
void refrain_short_keys(const uint64_t *hashes, const intptr_t *starts, const intptr_t *ends, size_t count,
                        size_t keys, uint32_t *out);

#endif
