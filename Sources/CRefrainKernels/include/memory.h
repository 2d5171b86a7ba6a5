// Large tables, the heap and CPU hints.
#ifndef REFRAIN_KERNELS_MEMORY_H
#define REFRAIN_KERNELS_MEMORY_H

#include <stddef.h>
#include <stdint.h>

/// Allocates `bytes` of zeroed memory for a large hash table, backed by transparent huge
/// pages where the kernel allows it (fewer TLB misses on random probes); NULL on failure.
void *refrain_table_allocate(size_t bytes);

/// Maps the pages of memory from `refrain_table_allocate` writable at once, where the
/// kernel can (`MADV_POPULATE_WRITE`); a no-op elsewhere.
void refrain_table_populate(void *table, size_t bytes);

/// Frees memory from `refrain_table_allocate`.
void refrain_table_free(void *table, size_t bytes);

/// Has glibc keep up to `threshold` bytes of free memory at the top of each heap, and grow a
/// heap by `pad` bytes more than asked, instead of returning free tops to the kernel (which
/// faults them in again, zeroed, at the next allocations). A no-op without glibc.
void refrain_keep_heap_tops(size_t threshold, size_t pad);

/// Under an address-space limit (`ulimit -v`), has glibc keep one heap for all threads and
/// grow it by what is asked only: each further heap reserves 64 MiB of address space, and
/// padding reserves more, which the limit counts though it costs no memory. A no-op
/// without such a limit or without glibc.
void refrain_fit_heap_to_address_limit(void);

/// Asks the CPU to bring the cache line at `address` closer, for a write soon.
static inline void refrain_prefetch(const void *address) { __builtin_prefetch(address, 1, 3); }

/// Tells the CPU this thread is spinning on a value another thread will change.
static inline void refrain_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

#endif
