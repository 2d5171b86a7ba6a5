// Process-wide set-up the command line needs before it reads anything.
#ifndef REFRAIN_KERNELS_PROCESS_H
#define REFRAIN_KERNELS_PROCESS_H

/// Makes a bus error (SIGBUS: a mapped input file cut short while it is read) end the
/// process with `status` and a message on standard error, instead of a crash report.
void refrain_exit_on_bus_error(int status);

/// Turns direct I/O (`O_DIRECT`: no page cache) on or off for an open file.
///
/// Returns 0, or -1 with `errno` set where the file system cannot (tmpfs before Linux 6.6,
/// or a platform without it).
int refrain_set_direct_io(int descriptor, int on);

/// Runs this program again, once, from its start, with glibc's malloc backing its heaps and
/// large blocks with transparent huge pages (the `glibc.malloc.hugetlb=1` tunable, which
/// glibc reads only as a process starts). Call it first thing, before any thread or input.
///
/// Starts again by the path it was started by, so the process keeps its name. Returns
/// instead when the environment already names that tunable (the second start, or a user's
/// own choice, such as `=0`), when the kernel offers no transparent huge pages, on a
/// virtual machine whose balloon reports every free huge-page block to its host, in a
/// set-user-ID process, without glibc, when that path no longer names this program (the
/// file replaced or deleted since, or a loader started by hand), or when `exec` fails.
/// With `largeHeap` nonzero (a corpus of a gigabyte or more, known once the arguments are
/// parsed) it starts again on such a virtual machine too, where huge pages still pay.
void refrain_restart_with_huge_pages(char *const argv[], int largeHeap);

/// Whether this is a virtual machine whose balloon reports every free huge-page-sized
/// block to its host (free page reporting at the huge page's order or below), where each
/// fresh huge page is faulted in and zeroed on the host too.
int refrain_host_takes_free_huge_pages(void);

/// Under an address-space limit (`ulimit -v`), makes a crash first say that memory most
/// likely ran out and how to raise the limit, then end as it would have (the runtime's
/// own report, the same signal): Swift traps when an allocation fails.
void refrain_explain_crashes_under_address_limit(void);

#endif
