// Sorting and searching fingerprints.
#ifndef REFRAIN_KERNELS_SORT_H
#define REFRAIN_KERNELS_SORT_H

#include <stddef.h>
#include <stdint.h>

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

#endif
