#include "shingle.h"

void refrain_shingle_fingerprints(const uint64_t *prefixes, size_t count, size_t k, uint64_t power, uint32_t *out) {
    // Scalar on purpose: the vectorizer turns this loop into SSE2 lanes of two, each 64-bit
    // multiply emulated by three `pmuludq` and their shifts, slower than one scalar `imul`.
#pragma clang loop vectorize(disable) interleave(disable)
    for (size_t index = 0; index < count; index++) {
        uint64_t hash = prefixes[index + k] - prefixes[index] * power;
        out[index] = (uint32_t)(hash ^ (hash >> 32));
    }
}

void refrain_band_keys_4(const uint16_t *values, size_t bands, const uint64_t *constants, uint32_t *out) {
    // Scalar on purpose, as above: one `imul` per band, where Swift's vectorized loop
    // emulated each 64-bit multiply with three `pmuludq`.
#pragma clang loop vectorize(disable) interleave(disable)
    for (size_t band = 0; band < bands; band++) {
        const uint16_t *row = values + 4 * band;
        uint64_t first = (uint64_t)row[0] | (uint64_t)row[1] << 16;
        uint64_t second = (uint64_t)row[2] | (uint64_t)row[3] << 16;
        uint64_t sum = constants[64 + (band & 63)] + (first + constants[0]) * (second + constants[1]);
        out[band] = (uint32_t)(sum >> 32);
    }
}

static inline void refrain_short_add(uint64_t *minimums, uint64_t first, uint64_t second, unsigned shift, uint64_t skip) {
    // The token hashes are XXH3 values already: one multiply spreads the pair over the top
    // bits that choose its bin; the rotation keeps "a b" and "b a" apart.
    uint64_t hash = (first ^ (second << 27 | second >> 37)) * 0x9E3779B97F4A7C15ull;
    uint64_t bin = hash >> shift;
    // A skipped pair becomes the largest value, which changes no minimum: no branch on
    // word lengths, which follow no pattern the predictor could learn.
    uint64_t value = (hash & ((1ull << shift) - 1)) | skip;
    minimums[bin] = value < minimums[bin] ? value : minimums[bin];
}

void refrain_short_keys(const uint64_t *hashes, const intptr_t *starts, const intptr_t *ends, size_t count,
                        size_t keys, uint32_t *out) {
    uint64_t minimums[64];
    unsigned shift = 64 - (unsigned)__builtin_ctzll(keys);
    for (size_t bin = 0; bin < keys; bin++) minimums[bin] = UINT64_MAX;
    size_t added = 0;
    uint64_t short_before = count > 0 && ends[0] - starts[0] <= 3;
    for (size_t token = 1; token < count; token++) {
        uint64_t is_short = ends[token] - starts[token] <= 3;
        // Pairs of two short words ("of the", "in a") are in most sentences.
        uint64_t skipped = is_short & short_before;
        refrain_short_add(minimums, hashes[token - 1], hashes[token], shift, 0 - skipped);
        added += skipped ^ 1;
        short_before = is_short;
    }
    if (added < 2) {
        for (size_t token = 1; token < count; token++) refrain_short_add(minimums, hashes[token - 1], hashes[token], shift, 0);
    }
    // A full bin's minimum is already well mixed in its low bits. An empty bin's key is
    // zero, which the index files nothing under: no other segment could share it.
    for (size_t bin = 0; bin < keys; bin++) {
        out[bin] = minimums[bin] != UINT64_MAX ? (uint32_t)minimums[bin] : 0;
    }
}
