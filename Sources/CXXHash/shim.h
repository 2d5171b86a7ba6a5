#ifndef REFRAIN_CXXHASH_SHIM_H
#define REFRAIN_CXXHASH_SHIM_H

// XXH_INLINE_ALL makes every XXH3 function static inline, so the per-token hash is
// inlined into the Swift tokenizer's general path. It also renames the public symbols
// through macros, which Swift cannot see: Swift calls only the stable wrappers below.
#define XXH_INLINE_ALL
#include <xxhash.h>
#include <stddef.h>
#include <stdint.h>

/// XXH3-64 of `length` bytes at `bytes`, seed 0.
static inline uint64_t refrain_xxh3_64(const void *bytes, size_t length) {
    return XXH3_64bits(bytes, length);
}

/// XXH3-64 of `length` bytes at `bytes` with `seed`.
static inline uint64_t refrain_xxh3_64_seeded(const void *bytes, size_t length, uint64_t seed) {
    return XXH3_64bits_withSeed(bytes, length, seed);
}

/// A new XXH3-64 streaming state, reset to seed 0; `NULL` when memory is short.
static inline void *refrain_xxh3_state_new(void) {
    XXH3_state_t *state = XXH3_createState();
    if (state != NULL) XXH3_64bits_reset(state);
    return state;
}

/// Adds `length` bytes at `bytes` to a streaming state.
static inline void refrain_xxh3_state_update(void *state, const void *bytes, size_t length) {
    XXH3_64bits_update((XXH3_state_t *)state, bytes, length);
}

/// The XXH3-64 of every byte added so far: the same as `refrain_xxh3_64` of them all.
static inline uint64_t refrain_xxh3_state_digest(const void *state) {
    return XXH3_64bits_digest((const XXH3_state_t *)state);
}

/// Frees a streaming state.
static inline void refrain_xxh3_state_free(void *state) {
    XXH3_freeState((XXH3_state_t *)state);
}

/// The version of the libxxhash headers this module was built against.
static inline unsigned refrain_xxhash_version(void) {
    return XXH_versionNumber();
}

#endif
