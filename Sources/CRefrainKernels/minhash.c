#include "minhash.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define REFRAIN_X86 1
#elif defined(__aarch64__)
#include <arm_neon.h>
#define REFRAIN_ARM 1
#if defined(__linux__)
#include <sys/auxv.h>
#ifndef HWCAP_AES
#define HWCAP_AES (1 << 3)
#endif
#endif
#endif

// Permutations eight at a time: group g (permutations 8g..8g+7) has two 128-bit keys, K from
// `keys` and R from `roundKeys`. A fingerprint x, in all four 32-bit words, becomes
// AESENC(AESENC(x ^ K, R), K): two AES rounds (a round is SubBytes, ShiftRows, MixColumns and
// a key), which carry every input bit to every output bit through two S-boxes; the eight
// 16-bit halves of the result are the group's eight values of x. AES-NI does a round on 16
// bytes in one instruction, at a higher throughput than a 32-bit multiply of 8 lanes, which
// bounds a multiply-add permutation family (a·x + b mod 2³²). 16-bit
// values halve the rounds per permutation; two sets' minimums then also agree by chance, with
// probability about n / 2¹⁷ for sets of n, a bias far below the estimator's own error.

static const uint8_t refrain_sbox[256] = {
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76, 0xca, 0x82, 0xc9,
    0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0, 0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f,
    0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15, 0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07,
    0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75, 0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3,
    0x29, 0xe3, 0x2f, 0x84, 0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58,
    0xcf, 0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8, 0x51, 0xa3,
    0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2, 0xcd, 0x0c, 0x13, 0xec, 0x5f,
    0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73, 0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88,
    0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb, 0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac,
    0x62, 0x91, 0x95, 0xe4, 0x79, 0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a,
    0xae, 0x08, 0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a, 0x70,
    0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e, 0xe1, 0xf8, 0x98, 0x11,
    0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf, 0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42,
    0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16};

static inline uint8_t refrain_xtime(uint8_t b) { return (uint8_t)((b << 1) ^ ((b & 0x80) ? 0x1B : 0)); }

/// One AES encryption round (AESENC) in portable C: ShiftRows, SubBytes, MixColumns, then the
/// round key. Bytes in memory order, as in an `__m128i`.
static void refrain_aes_round(uint8_t state[16], const uint8_t key[16]) {
    uint8_t shifted[16];
    for (int column = 0; column < 4; column++) {
        for (int row = 0; row < 4; row++) shifted[4 * column + row] = refrain_sbox[state[4 * ((column + row) & 3) + row]];
    }
    for (int column = 0; column < 4; column++) {
        const uint8_t *a = shifted + 4 * column;
        uint8_t all = a[0] ^ a[1] ^ a[2] ^ a[3];
        for (int row = 0; row < 4; row++) {
            state[4 * column + row] = a[row] ^ all ^ refrain_xtime(a[row] ^ a[(row + 1) & 3]) ^ key[4 * column + row];
        }
    }
}

static inline uint16_t refrain_load16(const uint8_t *bytes) { return (uint16_t)(bytes[0] | bytes[1] << 8); }

static inline void refrain_store32(uint8_t *bytes, uint32_t value) {
    for (int i = 0; i < 4; i++) bytes[i] = (uint8_t)(value >> (8 * i));
}

void refrain_minhash_accumulate_portable(const uint32_t *fingerprints, size_t count, const uint32_t *keys,
                                         const uint32_t *roundKeys, uint16_t *sketch, size_t permutations) {
    for (size_t group = 0; group + 8 <= permutations; group += 8) {
        uint8_t k[16], r[16];
        for (int word = 0; word < 4; word++) {
            refrain_store32(k + 4 * word, keys[group / 2 + word]);
            refrain_store32(r + 4 * word, roundKeys[group / 2 + word]);
        }
        for (size_t i = 0; i < count; i++) {
            uint8_t state[16];
            for (int word = 0; word < 4; word++) refrain_store32(state + 4 * word, fingerprints[i]);
            for (int b = 0; b < 16; b++) state[b] ^= k[b];
            refrain_aes_round(state, r);
            refrain_aes_round(state, k);
            for (int half = 0; half < 8; half++) {
                uint16_t value = refrain_load16(state + 2 * half);
                if (value < sketch[group + half]) sketch[group + half] = value;
            }
        }
    }
}

#ifdef REFRAIN_X86
/// Runs `groups_kernel` over all `permutations / 8` groups: eight per pass over the
/// fingerprints, then the rest in one more pass, each call with a constant group count so
/// that its inlined loops unroll and keep the minimums in registers. Expects the arguments
/// of the accumulate functions in scope.
#define REFRAIN_PASSES(groups_kernel)                                                                  \
    do {                                                                                               \
        size_t groups = permutations / 8, g = 0;                                                       \
        for (; g + 8 <= groups; g += 8) groups_kernel(fingerprints, count, keys, roundKeys, sketch, g, 8); \
        switch (groups - g) {                                                                          \
        case 7: groups_kernel(fingerprints, count, keys, roundKeys, sketch, g, 7); break;              \
        case 6: groups_kernel(fingerprints, count, keys, roundKeys, sketch, g, 6); break;              \
        case 5: groups_kernel(fingerprints, count, keys, roundKeys, sketch, g, 5); break;              \
        case 4: groups_kernel(fingerprints, count, keys, roundKeys, sketch, g, 4); break;              \
        case 3: groups_kernel(fingerprints, count, keys, roundKeys, sketch, g, 3); break;              \
        case 2: groups_kernel(fingerprints, count, keys, roundKeys, sketch, g, 2); break;              \
        case 1: groups_kernel(fingerprints, count, keys, roundKeys, sketch, g, 1); break;              \
        default: break;                                                                                \
        }                                                                                              \
    } while (0)

#define REFRAIN_STEP(g)                                                                                 \
    do {                                                                                                \
        __m128i s = _mm_xor_si128(x, k[g]);                                                             \
        s = _mm_aesenc_si128(_mm_aesenc_si128(s, r[g]), k[g]);                                          \
        m[g] = _mm_min_epu16(m[g], s);                                                                  \
    } while (0)

/// `groups` groups of eight permutations from group `first` on, their minimums in registers
/// across all fingerprints.
__attribute__((target("aes,sse4.1"), always_inline)) static inline void accumulate_aes_groups(
    const uint32_t *fingerprints, size_t count, const uint32_t *keys, const uint32_t *roundKeys,
    uint16_t *sketch, size_t first, int groups) {
    __m128i k[8], r[8], m[8];
    for (int g = 0; g < groups; g++) {
        k[g] = _mm_loadu_si128((const __m128i *)(keys + 4 * (first + g)));
        r[g] = _mm_loadu_si128((const __m128i *)(roundKeys + 4 * (first + g)));
        m[g] = _mm_loadu_si128((const __m128i *)(sketch + 8 * (first + g)));
    }
    for (size_t i = 0; i < count; i++) {
        __m128i x = _mm_set1_epi32((int)fingerprints[i]);
        for (int g = 0; g < groups; g++) REFRAIN_STEP(g);
    }
    for (int g = 0; g < groups; g++) _mm_storeu_si128((__m128i *)(sketch + 8 * (first + g)), m[g]);
}

__attribute__((target("aes,sse4.1"))) static void accumulate_aes(const uint32_t *fingerprints, size_t count,
                                                                 const uint32_t *keys, const uint32_t *roundKeys,
                                                                 uint16_t *sketch, size_t permutations) {
    // Eight groups (64 permutations) per pass over the fingerprints, their minimums in
    // registers; then what is left in one more pass (the 56 values LSH reads at the default
    // threshold: one pass of 7).
    // (k and r stay in registers too where the 16 xmm registers allow, else aesenc reads them
    // from the stack, as in the pass of 7.)
    REFRAIN_PASSES(accumulate_aes_groups);
}

// VAES (Zen 3 and later, Ice Lake and later) does an AES round on both 128-bit lanes of a
// 256-bit register in one instruction, at the throughput of one 128-bit round: two groups
// per instruction. Same rounds, same keys, so the same values as accumulate_aes.

/// `groups` groups from group `first` on: pairs in 256-bit registers, an odd last group in a
/// 128-bit one, all minimums in registers across the fingerprints.
__attribute__((target("vaes,avx2,aes"), always_inline)) static inline void accumulate_vaes_groups(
    const uint32_t *fingerprints, size_t count, const uint32_t *keys, const uint32_t *roundKeys,
    uint16_t *sketch, size_t first, int groups) {
    const int pairs = groups / 2, odd = groups & 1;
    const size_t last = first + 2 * (size_t)pairs;
    __m256i k[4], r[4], m[4];
    __m128i k1 = _mm_setzero_si128(), r1 = _mm_setzero_si128(), m1 = _mm_setzero_si128();
    for (int p = 0; p < pairs; p++) {
        k[p] = _mm256_loadu_si256((const __m256i *)(keys + 4 * (first + 2 * p)));
        r[p] = _mm256_loadu_si256((const __m256i *)(roundKeys + 4 * (first + 2 * p)));
        m[p] = _mm256_loadu_si256((const __m256i *)(sketch + 8 * (first + 2 * p)));
    }
    if (odd) {
        k1 = _mm_loadu_si128((const __m128i *)(keys + 4 * last));
        r1 = _mm_loadu_si128((const __m128i *)(roundKeys + 4 * last));
        m1 = _mm_loadu_si128((const __m128i *)(sketch + 8 * last));
    }
    for (size_t i = 0; i < count; i++) {
        __m256i x = _mm256_set1_epi32((int)fingerprints[i]);
        for (int p = 0; p < pairs; p++) {
            __m256i s = _mm256_xor_si256(x, k[p]);
            s = _mm256_aesenc_epi128(_mm256_aesenc_epi128(s, r[p]), k[p]);
            m[p] = _mm256_min_epu16(m[p], s);
        }
        if (odd) {
            __m128i s = _mm_xor_si128(_mm256_castsi256_si128(x), k1);
            s = _mm_aesenc_si128(_mm_aesenc_si128(s, r1), k1);
            m1 = _mm_min_epu16(m1, s);
        }
    }
    for (int p = 0; p < pairs; p++) _mm256_storeu_si256((__m256i *)(sketch + 8 * (first + 2 * p)), m[p]);
    if (odd) _mm_storeu_si128((__m128i *)(sketch + 8 * last), m1);
}

__attribute__((target("vaes,avx2,aes"))) static void accumulate_vaes(const uint32_t *fingerprints, size_t count,
                                                                   const uint32_t *keys, const uint32_t *roundKeys,
                                                                   uint16_t *sketch, size_t permutations) {
    // As accumulate_aes: eight groups per pass, then the rest in one more pass.
    REFRAIN_PASSES(accumulate_vaes_groups);
}
#endif

#ifdef REFRAIN_ARM
// ARMv8's AESE is the key, SubBytes and ShiftRows; AESMC is MixColumns. So AESENC(s, k) is
// AESMC(AESE(s, 0)) ^ k, and AESENC(AESENC(x ^ K, R), K) is AESMC(AESE(AESMC(AESE(x, K)), R)) ^ K.
__attribute__((target("aes"))) static void accumulate_arm(const uint32_t *fingerprints, size_t count,
                                                          const uint32_t *keys, const uint32_t *roundKeys,
                                                          uint16_t *sketch, size_t permutations) {
    size_t groups = permutations / 8;
    for (size_t p = 0; p < groups; p += 8) {
        int passGroups = groups - p >= 8 ? 8 : (int)(groups - p);
        uint8x16_t k[8], r[8];
        uint16x8_t m[8];
        for (int g = 0; g < passGroups; g++) {
            k[g] = vreinterpretq_u8_u32(vld1q_u32(keys + 4 * (p + g)));
            r[g] = vreinterpretq_u8_u32(vld1q_u32(roundKeys + 4 * (p + g)));
            m[g] = vld1q_u16(sketch + 8 * (p + g));
        }
        for (size_t i = 0; i < count; i++) {
            uint8x16_t x = vreinterpretq_u8_u32(vdupq_n_u32(fingerprints[i]));
            for (int g = 0; g < passGroups; g++) {
                uint8x16_t s = vaesmcq_u8(vaeseq_u8(x, k[g]));
                s = veorq_u8(vaesmcq_u8(vaeseq_u8(s, r[g])), k[g]);
                m[g] = vminq_u16(m[g], vreinterpretq_u16_u8(s));
            }
        }
        for (int g = 0; g < passGroups; g++) vst1q_u16(sketch + 8 * (p + g), m[g]);
    }
}
#endif

int refrain_minhash_supports(int kernel) {
    switch (kernel) {
    case REFRAIN_MINHASH_PORTABLE: return 1;
    case REFRAIN_MINHASH_AES: {
#if defined(REFRAIN_X86)
        static int supported = -1;
        if (supported < 0) supported = __builtin_cpu_supports("aes") && __builtin_cpu_supports("sse4.1") ? 1 : 0;
        return supported;
#elif defined(REFRAIN_ARM) && defined(__APPLE__)
        return 1;  // every Apple arm64 CPU has the AES instructions
#elif defined(REFRAIN_ARM) && defined(__linux__)
        static int supported = -1;
        if (supported < 0) supported = (getauxval(AT_HWCAP) & HWCAP_AES) != 0;
        return supported;
#else
        return 0;
#endif
    }
    case REFRAIN_MINHASH_VAES: {
#if defined(REFRAIN_X86)
        static int supported = -1;
        if (supported < 0)
            supported = __builtin_cpu_supports("vaes") && __builtin_cpu_supports("avx2") &&
                                refrain_minhash_supports(REFRAIN_MINHASH_AES)
                            ? 1
                            : 0;
        return supported;
#else
        return 0;
#endif
    }
    default: return 0;
    }
}

int refrain_minhash_kernel(void) {
    if (refrain_minhash_supports(REFRAIN_MINHASH_VAES)) return REFRAIN_MINHASH_VAES;
    if (refrain_minhash_supports(REFRAIN_MINHASH_AES)) return REFRAIN_MINHASH_AES;
    return REFRAIN_MINHASH_PORTABLE;
}

int refrain_minhash_uses_aes(void) { return refrain_minhash_kernel() != REFRAIN_MINHASH_PORTABLE; }

void refrain_minhash_accumulate_with(int kernel, const uint32_t *fingerprints, size_t count, const uint32_t *keys,
                                     const uint32_t *roundKeys, uint16_t *sketch, size_t permutations) {
    switch (kernel) {
#if defined(REFRAIN_X86)
    case REFRAIN_MINHASH_VAES: accumulate_vaes(fingerprints, count, keys, roundKeys, sketch, permutations); return;
    case REFRAIN_MINHASH_AES: accumulate_aes(fingerprints, count, keys, roundKeys, sketch, permutations); return;
#elif defined(REFRAIN_ARM) && (defined(__APPLE__) || defined(__linux__))
    case REFRAIN_MINHASH_AES: accumulate_arm(fingerprints, count, keys, roundKeys, sketch, permutations); return;
#endif
    default: refrain_minhash_accumulate_portable(fingerprints, count, keys, roundKeys, sketch, permutations);
    }
}

void refrain_minhash_accumulate(const uint32_t *fingerprints, size_t count, const uint32_t *keys,
                                const uint32_t *roundKeys, uint16_t *sketch, size_t permutations) {
    static int kernel = -1;
    if (kernel < 0) kernel = refrain_minhash_kernel();
    refrain_minhash_accumulate_with(kernel, fingerprints, count, keys, roundKeys, sketch, permutations);
}
