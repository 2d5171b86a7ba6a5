#define _GNU_SOURCE
#include "process.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#if defined(__linux__)
#include <dirent.h>
#include <link.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#endif

static volatile sig_atomic_t refrain_bus_status = 65;

/// Installs `handler` for `number`, keeping what was installed before in `previous` (when given).
static void refrain_install_handler(int number, void (*handler)(int), int flags, struct sigaction *previous) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    action.sa_flags = flags;
    sigemptyset(&action.sa_mask);
    sigaction(number, &action, previous);
}

// Only async-signal-safe calls: the fault may have hit any thread, holding any lock.
static void refrain_on_bus_error(int number) {
    (void)number;
    static const char message[] = "refrain: an input file was cut short while it was read (bus error); "
                                  "run again once no file of the input changes.\n";
    ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
    _exit(refrain_bus_status);
}

void refrain_exit_on_bus_error(int status) {
    refrain_bus_status = status;
    refrain_install_handler(SIGBUS, refrain_on_bus_error, 0, NULL);
}

int refrain_set_direct_io(int descriptor, int on) {
#if defined(O_DIRECT)
    int flags = fcntl(descriptor, F_GETFL);
    if (flags < 0) return -1;
    return fcntl(descriptor, F_SETFL, on ? (flags | O_DIRECT) : (flags & ~O_DIRECT));
#else
    (void)descriptor;
    (void)on;
    errno = EINVAL;
    return -1;
#endif
}

#if defined(__linux__) && defined(__GLIBC__)
static int refrain_first_program_headers(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    *(const void **)data = info->dlpi_phdr;
    return 1;  // the first object is the program itself
}

/// The path this process was started by (`AT_EXECFN`: a link or a relative path as given),
/// when it still names the file that runs and that file is this program: not when the
/// file was replaced or deleted since, nor when a loader was started by hand (`ld.so
/// refrain …`), which would run again without refrain.
static const char *refrain_started_path(void) {
    const void *programHeaders = NULL;
    dl_iterate_phdr(refrain_first_program_headers, &programHeaders);
    if (programHeaders == NULL || (uintptr_t)programHeaders != (uintptr_t)getauxval(AT_PHDR)) return NULL;
    const char *started = (const char *)getauxval(AT_EXECFN);
    struct stat running, named;
    if (started == NULL || stat("/proc/self/exe", &running) != 0 || stat(started, &named) != 0) return NULL;
    return running.st_dev == named.st_dev && running.st_ino == named.st_ino ? started : NULL;
}
#endif

#if defined(__linux__) && defined(__GLIBC__)
/// Reads the start of a small file (sysfs) into `text`, NUL-terminated; returns its length,
/// or -1.
static ssize_t refrain_read_text(const char *path, char *text, size_t size) {
    memset(text, 0, size);
    int file = open(path, O_RDONLY | O_CLOEXEC);
    if (file < 0) return -1;
    ssize_t length = read(file, text, size - 1);
    close(file);
    return length;
}

/// Reads a small non-negative number from a file, or -1.
static long refrain_read_number(const char *path) {
    char text[32];
    ssize_t length = refrain_read_text(path, text, sizeof text);
    if (length <= 0 || text[0] < '0' || text[0] > '9') return -1;
    return strtol(text, NULL, 10);
}

/// Whether a virtual machine's balloon gives every free huge-page-sized block back to its
/// host (free page reporting at the huge page's order or below): each fresh huge page is
/// then faulted in and zeroed on the host as well, which costs more than the TLB saves
/// unless the heap is gigabytes.
int refrain_host_takes_free_huge_pages(void) {
    long order = refrain_read_number("/sys/module/page_reporting/parameters/page_reporting_order");
    long hugeBytes = refrain_read_number("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size");
    long pageBytes = sysconf(_SC_PAGESIZE);
    if (order < 0 || hugeBytes <= 0 || pageBytes <= 0 || (pageBytes << order) > hugeBytes) return 0;
    // Reporting happens only with a balloon device that offers it (feature bit 5).
    static const char folder[] = "/sys/bus/virtio/drivers/virtio_balloon";
    DIR *devices = opendir(folder);
    if (devices == NULL) return 0;
    int reporting = 0;
    struct dirent *entry;
    while (!reporting && (entry = readdir(devices)) != NULL) {
        if (strncmp(entry->d_name, "virtio", 6) != 0) continue;
        char path[512], features[80];
        snprintf(path, sizeof path, "%s/%s/features", folder, entry->d_name);
        reporting = refrain_read_text(path, features, sizeof features) > 5 && features[5] == '1';
    }
    closedir(devices);
    return reporting;
}
#else
int refrain_host_takes_free_huge_pages(void) { return 0; }
#endif

void refrain_restart_with_huge_pages(char *const argv[], int largeHeap) {
#if defined(__linux__) && defined(__GLIBC__)
    static const char tunable[] = "glibc.malloc.hugetlb";
    const char *tunables = getenv("GLIBC_TUNABLES");
    if (tunables != NULL && strstr(tunables, tunable) != NULL) return;
    // A set-user-ID start drops GLIBC_TUNABLES: starting again would never end.
    if (getauxval(AT_SECURE)) return;
    char mode[256];
    ssize_t length = refrain_read_text("/sys/kernel/mm/transparent_hugepage/enabled", mode, sizeof mode);
    if (length <= 0 || strstr(mode, "[never]") != NULL) return;
    if (!largeHeap && refrain_host_takes_free_huge_pages()) return;
    // The path as started, not the file /proc/self/exe names: the process keeps the name
    // it was started by (`ps`, `pkill refrain`, a link's name).
    const char *started = refrain_started_path();
    if (started == NULL) return;

    size_t size = (tunables != NULL ? strlen(tunables) + 1 : 0) + sizeof tunable + 2;
    char *value = malloc(size);
    char *previous = tunables != NULL ? strdup(tunables) : NULL;
    if (value == NULL || (tunables != NULL && previous == NULL)) {
        free(value);
        free(previous);
        return;
    }
    if (tunables != NULL && *tunables != 0)
        snprintf(value, size, "%s:%s=1", tunables, tunable);
    else
        snprintf(value, size, "%s=1", tunable);
    if (setenv("GLIBC_TUNABLES", value, 1) == 0) {
        execv(started, argv);
        // Not started again (too large an environment, say): on as before, with the
        // environment as it was.
        if (previous != NULL)
            setenv("GLIBC_TUNABLES", previous, 1);
        else
            unsetenv("GLIBC_TUNABLES");
    }
    free(value);
    free(previous);
#else
    (void)argv;
    (void)largeHeap;
#endif
}

static struct sigaction refrain_crash_previous[NSIG];
static char refrain_crash_message[256];
static size_t refrain_crash_message_length;

static volatile sig_atomic_t refrain_crash_explained;

// Only async-signal-safe calls: the message was written out before any crash.
static void refrain_on_crash_under_limit(int number) {
    // Said once, however many threads crash.
    if (!refrain_crash_explained) {
        refrain_crash_explained = 1;
        ssize_t ignored = write(STDERR_FILENO, refrain_crash_message, refrain_crash_message_length);
        (void)ignored;
    }
    // The runtime's own handler (or the default action) ends the process as it would have.
    sigaction(number, &refrain_crash_previous[number], NULL);
    raise(number);
}

void refrain_explain_crashes_under_address_limit(void) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return;
    int length = snprintf(refrain_crash_message, sizeof refrain_crash_message,
                          "refrain: stopped under an address-space limit of %llu MB (ulimit -v %llu): most likely "
                          "memory ran out; raise the limit (ulimit -v unlimited) and run again.\n",
                          (unsigned long long)(limit.rlim_cur / 1000000), (unsigned long long)(limit.rlim_cur / 1024));
    if (length <= 0) return;
    refrain_crash_message_length = (size_t)length < sizeof refrain_crash_message ? (size_t)length : sizeof refrain_crash_message - 1;
    const int signals[] = {SIGABRT, SIGSEGV, SIGILL, SIGTRAP};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
        refrain_install_handler(signals[i], refrain_on_crash_under_limit, SA_ONSTACK, &refrain_crash_previous[signals[i]]);
}
