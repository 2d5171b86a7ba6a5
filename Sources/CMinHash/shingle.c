#include "CMinHash.h"

void refrain_shingle_fingerprints(const uint64_t *prefixes, size_t count, size_t k, uint64_t power, uint32_t *out) {
    // Scalar on purpose: the vectorizer turned this loop into SSE2 lanes of two, each 64-bit
    // multiply three `pmuludq` and their shifts, which took twice the time of `imul`.
#pragma clang loop vectorize(disable) interleave(disable)
    for (size_t index = 0; index < count; index++) {
        uint64_t hash = prefixes[index + k] - prefixes[index] * power;
        out[index] = (uint32_t)(hash ^ (hash >> 32));
    }
}
