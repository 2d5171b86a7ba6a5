// Process-wide set-up the command line needs before it reads anything.
#ifndef REFRAIN_KERNELS_PROCESS_H
#define REFRAIN_KERNELS_PROCESS_H

/// Makes a bus error (SIGBUS: a mapped input file cut short while it is read) end the
/// process with `status` and a message on standard error, instead of a crash report.
void refrain_exit_on_bus_error(int status);

#endif
