#include "sort.h"

#include <string.h>

// Verification sorts the shingle fingerprints of every candidate pair: tens of random
// 32-bit values each time. Not Swift's sort: it is a stable merge sort that allocates
// above 20 elements. Not insertion sort alone: at fifty values its quadratic moves and a
// mispredicted loop exit per value cost as much. A bucket pass first leaves insertion
// sort about one value per bucket.

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

/// One pass of a most-significant-bits bucket sort, then insertion sort: with about one
/// value per bucket (fingerprints are hashes, spread evenly), the insertion sort only
/// moves values within a bucket, and its branch is nearly always "no move". Skewed input
/// is still sorted right, only slower (the insertion sort does the work, on at most 256
/// values).
static void refrain_bucket_sort(uint32_t *values, size_t count) {
    uint32_t moved[256];
    uint16_t start[257];
    unsigned bits = 1;
    while (((size_t)1 << bits) < count) bits += 1;
    size_t buckets = (size_t)1 << bits;
    unsigned shift = 32 - bits;
    memset(start, 0, sizeof(uint16_t) * (buckets + 1));
    for (size_t i = 0; i < count; i++) start[(values[i] >> shift) + 1] += 1;
    for (size_t b = 0; b < buckets; b++) start[b + 1] += start[b];
    for (size_t i = 0; i < count; i++) moved[start[values[i] >> shift]++] = values[i];
    memcpy(values, moved, count * sizeof(uint32_t));
    refrain_insertion_sort(values, count);
}

void refrain_sort_u32(uint32_t *values, size_t count, uint32_t *scratch) {
    if (count <= 16) {
        refrain_insertion_sort(values, count);
        return;
    }
    if (count <= 256) {
        refrain_bucket_sort(values, count);
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
