#include "memory.h"

#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#define REFRAIN_HUGE_PAGE ((size_t)2 << 20)

/// Lengths in whole 4 KiB pages, so every cut below is page-aligned.
static size_t refrain_whole_pages(size_t bytes) { return bytes == 0 ? 4096 : (bytes + 4095) & ~(size_t)4095; }

void *refrain_table_allocate(size_t bytes) {
    bytes = refrain_whole_pages(bytes);
    if (bytes < 2 * REFRAIN_HUGE_PAGE) {
        void *table = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        return table == MAP_FAILED ? NULL : table;
    }
    // Map a huge page more than asked, then cut the ends so the table starts on a
    // huge-page boundary: the kernel can only back aligned 2 MiB runs with huge pages.
    size_t mapped = bytes + REFRAIN_HUGE_PAGE;
    uint8_t *raw = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return NULL;
    uint8_t *table = (uint8_t *)(((uintptr_t)raw + REFRAIN_HUGE_PAGE - 1) & ~(uintptr_t)(REFRAIN_HUGE_PAGE - 1));
    if (table > raw) munmap(raw, (size_t)(table - raw));
    size_t tail = (size_t)((raw + mapped) - (table + bytes));
    if (tail > 0) munmap(table + bytes, tail);
#ifdef MADV_HUGEPAGE
    // Advice only: without huge pages the table still works, with more TLB misses.
    (void)madvise(table, bytes, MADV_HUGEPAGE);
#endif
    return table;
}

void refrain_table_populate(void *table, size_t bytes) {
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
    // Fails harmlessly (EINVAL) before Linux 5.14: the pages are then mapped as touched.
    (void)madvise(table, refrain_whole_pages(bytes), MADV_POPULATE_WRITE);
}

void refrain_table_free(void *table, size_t bytes) {
    if (table != NULL) munmap(table, refrain_whole_pages(bytes));
}

void refrain_keep_heap_tops(size_t threshold, size_t pad) {
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, threshold > INT32_MAX ? INT32_MAX : (int)threshold);
    mallopt(M_TOP_PAD, pad > INT32_MAX ? INT32_MAX : (int)pad);
#else
    (void)threshold;
    (void)pad;
#endif
}

void refrain_fit_heap_to_address_limit(void) {
#if defined(__GLIBC__)
    struct rlimit limit;
    if (getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return;
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_TOP_PAD, 0);
#endif
}
