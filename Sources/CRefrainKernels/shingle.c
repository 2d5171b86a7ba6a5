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
