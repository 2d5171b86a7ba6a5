#include "CMinHash.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define REFRAIN_X86 1
#endif

void refrain_minhash_accumulate_portable(const uint32_t *fingerprints, size_t count, const uint32_t *multipliers,
                                         const uint32_t *increments, uint32_t *sketch, size_t permutations) {
    // Permutations outer, fingerprints inner: the minimum stays in a register.
    for (size_t p = 0; p < permutations; p++) {
        uint32_t a = multipliers[p], b = increments[p], low = sketch[p];
        for (size_t i = 0; i < count; i++) {
            uint32_t h = a * fingerprints[i] + b;
            h ^= h >> 15;
            low = h < low ? h : low;
        }
        sketch[p] = low;
    }
}

#ifdef REFRAIN_X86
__attribute__((target("avx2"))) static void accumulate_avx2(const uint32_t *fingerprints, size_t count,
                                                             const uint32_t *multipliers, const uint32_t *increments,
                                                             uint32_t *sketch, size_t permutations) {
    // Four vectors of eight permutations at a time: four independent multiply chains per
    // fingerprint hide the multiply's latency.
    size_t p = 0;
    for (; p + 32 <= permutations; p += 32) {
        __m256i a0 = _mm256_loadu_si256((const __m256i *)(multipliers + p));
        __m256i a1 = _mm256_loadu_si256((const __m256i *)(multipliers + p + 8));
        __m256i a2 = _mm256_loadu_si256((const __m256i *)(multipliers + p + 16));
        __m256i a3 = _mm256_loadu_si256((const __m256i *)(multipliers + p + 24));
        __m256i b0 = _mm256_loadu_si256((const __m256i *)(increments + p));
        __m256i b1 = _mm256_loadu_si256((const __m256i *)(increments + p + 8));
        __m256i b2 = _mm256_loadu_si256((const __m256i *)(increments + p + 16));
        __m256i b3 = _mm256_loadu_si256((const __m256i *)(increments + p + 24));
        __m256i m0 = _mm256_loadu_si256((const __m256i *)(sketch + p));
        __m256i m1 = _mm256_loadu_si256((const __m256i *)(sketch + p + 8));
        __m256i m2 = _mm256_loadu_si256((const __m256i *)(sketch + p + 16));
        __m256i m3 = _mm256_loadu_si256((const __m256i *)(sketch + p + 24));
        for (size_t i = 0; i < count; i++) {
            __m256i x = _mm256_set1_epi32((int)fingerprints[i]);
            __m256i h0 = _mm256_add_epi32(_mm256_mullo_epi32(a0, x), b0);
            __m256i h1 = _mm256_add_epi32(_mm256_mullo_epi32(a1, x), b1);
            __m256i h2 = _mm256_add_epi32(_mm256_mullo_epi32(a2, x), b2);
            __m256i h3 = _mm256_add_epi32(_mm256_mullo_epi32(a3, x), b3);
            h0 = _mm256_xor_si256(h0, _mm256_srli_epi32(h0, 15));
            h1 = _mm256_xor_si256(h1, _mm256_srli_epi32(h1, 15));
            h2 = _mm256_xor_si256(h2, _mm256_srli_epi32(h2, 15));
            h3 = _mm256_xor_si256(h3, _mm256_srli_epi32(h3, 15));
            m0 = _mm256_min_epu32(m0, h0);
            m1 = _mm256_min_epu32(m1, h1);
            m2 = _mm256_min_epu32(m2, h2);
            m3 = _mm256_min_epu32(m3, h3);
        }
        _mm256_storeu_si256((__m256i *)(sketch + p), m0);
        _mm256_storeu_si256((__m256i *)(sketch + p + 8), m1);
        _mm256_storeu_si256((__m256i *)(sketch + p + 16), m2);
        _mm256_storeu_si256((__m256i *)(sketch + p + 24), m3);
    }
    for (; p + 8 <= permutations; p += 8) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(multipliers + p));
        __m256i b = _mm256_loadu_si256((const __m256i *)(increments + p));
        __m256i m = _mm256_loadu_si256((const __m256i *)(sketch + p));
        for (size_t i = 0; i < count; i++) {
            __m256i h = _mm256_add_epi32(_mm256_mullo_epi32(a, _mm256_set1_epi32((int)fingerprints[i])), b);
            h = _mm256_xor_si256(h, _mm256_srli_epi32(h, 15));
            m = _mm256_min_epu32(m, h);
        }
        _mm256_storeu_si256((__m256i *)(sketch + p), m);
    }
}
#endif

int refrain_minhash_uses_avx2(void) {
#ifdef REFRAIN_X86
    static int supported = -1;
    if (supported < 0) supported = __builtin_cpu_supports("avx2") ? 1 : 0;
    return supported;
#else
    return 0;
#endif
}

void refrain_minhash_accumulate(const uint32_t *fingerprints, size_t count, const uint32_t *multipliers,
                                const uint32_t *increments, uint32_t *sketch, size_t permutations) {
#ifdef REFRAIN_X86
    if (refrain_minhash_uses_avx2()) {
        accumulate_avx2(fingerprints, count, multipliers, increments, sketch, permutations);
        return;
    }
#endif
    refrain_minhash_accumulate_portable(fingerprints, count, multipliers, increments, sketch, permutations);
}
