#include "CMinHash.h"

/// The MurmurHash3 64-bit finalizer, as `Shingler.mix`.
static inline uint64_t refrain_mix64(uint64_t x) {
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDull;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ull;
    x ^= x >> 33;
    return x;
}

void refrain_shingle_fingerprints(const uint64_t *prefixes, size_t count, size_t k, uint64_t power, uint32_t *out) {
    // Scalar on purpose: the vectorizer turned this loop into SSE2 lanes of two, each 64-bit
    // multiply three `pmuludq` and their shifts, which took twice the time of `imul`.
#pragma clang loop vectorize(disable) interleave(disable)
    for (size_t index = 0; index < count; index++) {
        uint64_t hash = refrain_mix64(prefixes[index + k] - prefixes[index] * power);
        out[index] = (uint32_t)(hash ^ (hash >> 32));
    }
}
