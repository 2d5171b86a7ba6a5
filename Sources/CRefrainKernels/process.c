#define _GNU_SOURCE
#include "process.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t refrain_bus_status = 65;

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
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = refrain_on_bus_error;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, NULL);
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
