// The dispatched MinHash kernel (AES instructions when the CPU has them) against the
// portable C one, on random sets, for every pass size. Run by minhash-aarch64.sh under
// qemu for the ARMv8 path, which the x86 machines of CI cannot run.
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include "minhash.h"
int main(void) {
    static uint32_t f[3000], a[160], b[160];
    static uint16_t s1[160], s2[160];
    uint64_t x = 7;
    int failures = 0;
    printf("uses aes: %d\n", refrain_minhash_uses_aes());
    size_t perms[] = {8, 16, 24, 56, 64, 120, 128, 136};
    for (int t = 0; t < 8; t++) {
        for (int i = 0; i < 3000; i++) { x = x * 6364136223846793005ULL + 1442695040888963407ULL; f[i] = (uint32_t)(x >> 32); }
        for (int i = 0; i < 160; i++) { x = x * 6364136223846793005ULL + 1442695040888963407ULL; a[i] = (uint32_t)(x >> 32); b[i] = (uint32_t)(x >> 7); s1[i] = s2[i] = 0xFFFF; }
        size_t n = 1 + (size_t)(x % 2999);
        refrain_minhash_accumulate(f, n, a, b, s1, perms[t]);
        refrain_minhash_accumulate_portable(f, n, a, b, s2, perms[t]);
        if (memcmp(s1, s2, sizeof s1) != 0) { failures++; printf("mismatch at %zu permutations\n", perms[t]); }
    }
    printf("%s\n", failures ? "FAIL" : "ARM and portable kernels agree");
    return failures != 0;
}
