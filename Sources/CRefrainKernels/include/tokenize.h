// The ASCII fast path of the tokenizer.
#ifndef REFRAIN_KERNELS_TOKENIZE_H
#define REFRAIN_KERNELS_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

/// The longest token the ASCII tokenizer hashes whole; `Tokenizer` hashes longer ones in chunks.
#define REFRAIN_TOKEN_MAXIMUM 256

/// Tokenizes the ASCII words of `bytes[index..<end)` by `Tokenizer`'s rules, writing at most
/// `capacity` tokens (the XXH3-64 hash of each one's case-folded bytes, and its byte span)
/// to `hashes`, `starts` and `ends`, and their number to `*count`.
///
/// Returns where it stopped: `end`; where the next token would start, when `capacity` ran
/// out; or the first place it leaves to `Tokenizer`'s general path: a non-ASCII scalar it
/// does not know as a separator, or the start of a word that may go on past an apostrophe
/// or in another script, or is longer than `REFRAIN_TOKEN_MAXIMUM`. Reads no byte at or past
/// `limit` (the end of the readable buffer, at least `end`). With `hashes` NULL it finds the
/// spans only, hashing nothing.
size_t refrain_tokenize_ascii(const uint8_t *bytes, size_t limit, size_t index, size_t end, uint64_t *hashes,
                              intptr_t *starts, intptr_t *ends, size_t capacity, size_t *count);

#endif
