#ifndef REFRAIN_CMINHASH_H
#define REFRAIN_CMINHASH_H

#include <stddef.h>
#include <stdint.h>

/// Lowers `sketch[i]` to min(sketch[i], xorshift15(a[i] * x + b[i])) over every fingerprint x.
///
/// `permutations` must be a multiple of 8. Uses AVX2 when the CPU has it (checked once at
/// run time), portable C otherwise; both give the same values.
void refrain_minhash_accumulate(const uint32_t *fingerprints, size_t count, const uint32_t *multipliers,
                                const uint32_t *increments, uint32_t *sketch, size_t permutations);

/// The portable kernel, for tests that compare it with the dispatched one.
void refrain_minhash_accumulate_portable(const uint32_t *fingerprints, size_t count, const uint32_t *multipliers,
                                         const uint32_t *increments, uint32_t *sketch, size_t permutations);

/// Whether `refrain_minhash_accumulate` uses AVX2 on this CPU.
int refrain_minhash_uses_avx2(void);

#endif
