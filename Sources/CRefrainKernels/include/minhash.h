// MinHash: the AES-based permutation kernels and their run-time choice.
#ifndef REFRAIN_KERNELS_MINHASH_H
#define REFRAIN_KERNELS_MINHASH_H

#include <stddef.h>
#include <stdint.h>

/// Lowers `sketch[i]` to min(sketch[i], hᵢ(x)) over every fingerprint x, where permutations
/// come in groups of eight: group g's eight values of x are the 16-bit halves of
/// AESENC(AESENC(x ⨯ 4 ^ K, R), K), with K = `keys[4g..<4g+4]` and
/// R = `roundKeys[4g..<4g+4]` as 16 bytes each.
///
/// `permutations` must be a multiple of 8. Uses the CPU's AES instructions (VAES on two
/// groups at once, or AES-NI, on x86-64; the ARMv8 crypto extension on arm64; chosen once at
/// run time), else portable C, far slower (table lookups per byte); all give the same values
/// (`Tests/CrossCheck` checks the arm64 path).
void refrain_minhash_accumulate(const uint32_t *fingerprints, size_t count, const uint32_t *keys,
                                const uint32_t *roundKeys, uint16_t *sketch, size_t permutations);

/// The kernels of `refrain_minhash_accumulate`.
enum {
    REFRAIN_MINHASH_PORTABLE = 0,
    /// AES rounds on 128 bits: AES-NI, or the ARMv8 crypto extension.
    REFRAIN_MINHASH_AES = 1,
    /// AES rounds on 256 bits (x86-64 VAES with AVX2): two groups per instruction.
    REFRAIN_MINHASH_VAES = 2,
};

/// Whether this CPU can run `kernel`.
int refrain_minhash_supports(int kernel);

/// The kernel `refrain_minhash_accumulate` uses on this CPU: the widest it supports.
int refrain_minhash_kernel(void);

/// `refrain_minhash_accumulate` with a given kernel, which the CPU must support: for tests
/// that compare the kernels.
void refrain_minhash_accumulate_with(int kernel, const uint32_t *fingerprints, size_t count, const uint32_t *keys,
                                     const uint32_t *roundKeys, uint16_t *sketch, size_t permutations);

/// The portable kernel, for tests that compare it with the dispatched one.
void refrain_minhash_accumulate_portable(const uint32_t *fingerprints, size_t count, const uint32_t *keys,
                                         const uint32_t *roundKeys, uint16_t *sketch, size_t permutations);

/// Whether `refrain_minhash_accumulate` uses AES instructions on this CPU.
int refrain_minhash_uses_aes(void);

#endif
