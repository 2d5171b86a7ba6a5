#include "CMinHash.h"

#include <string.h>

// Verification sorts the shingle fingerprints of every candidate pair: tens of random
// 32-bit values each time. Swift's sort is a stable merge sort that allocates a buffer
// above 20 elements; it was half of verification in perf.

static inline void refrain_insertion_sort(uint32_t *values, size_t count) {
    for (size_t i = 1; i < count; i++) {
        uint32_t value = values[i];
        size_t j = i;
        while (j > 0 && values[j - 1] > value) {
            values[j] = values[j - 1];
            j -= 1;
        }
        values[j] = value;
    }
}

void refrain_sort_u32(uint32_t *values, size_t count, uint32_t *scratch) {
    if (count <= 64) {
        refrain_insertion_sort(values, count);
        return;
    }
    // Least significant byte first, four passes, all four histograms from one read; a
    // pass whose byte is the same in every value is skipped. No branch depends on the data.
    uint32_t counts[4][256];
    memset(counts, 0, sizeof counts);
    for (size_t i = 0; i < count; i++) {
        uint32_t value = values[i];
        counts[0][value & 0xFF] += 1;
        counts[1][(value >> 8) & 0xFF] += 1;
        counts[2][(value >> 16) & 0xFF] += 1;
        counts[3][value >> 24] += 1;
    }
    uint32_t *from = values, *to = scratch;
    for (int pass = 0; pass < 4; pass++) {
        unsigned shift = 8 * (unsigned)pass;
        uint32_t *bucket = counts[pass];
        if (bucket[(from[0] >> shift) & 0xFF] == count) continue;
        uint32_t offset = 0;
        for (int b = 0; b < 256; b++) {
            uint32_t n = bucket[b];
            bucket[b] = offset;
            offset += n;
        }
        for (size_t i = 0; i < count; i++) {
            uint32_t value = from[i];
            to[bucket[(value >> shift) & 0xFF]++] = value;
        }
        uint32_t *swap = from;
        from = to;
        to = swap;
    }
    if (from != values) memcpy(values, from, count * sizeof(uint32_t));
}
